"""Importing contacts in a real Chromium: each fixture export goes through the real file input,
becomes a downloaded calendar that every reader accepts, byte for byte the Python writer's file
for the same people; broken files get one message naming the line, and nothing leaves the page.
"""

import json
import re
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from reminders.plan import calendar_text

from tests.browser.test_reminder_tool import SETTINGS, TOOL, download, open_tool, reader_form
from tests.reminders.ics_checks import expand, lint, parse_strictly, vobject_summaries

pytestmark = pytest.mark.browser

IMPORTS = Path(__file__).resolve().parents[1] / "reminders" / "fixtures" / "imports"
EXPECTED = json.loads((IMPORTS / "expected.json").read_text(encoding="utf-8"))
READABLE = sorted(name for name, want in EXPECTED.items() if "people" in want)
BROKEN = sorted(name for name, want in EXPECTED.items() if "problem" in want)


def import_file(page, path: Path) -> str:
    """Choose `path` in the page's file input; the import status or error it leads to."""
    page.get_by_label("Or import people from a file").set_input_files(path)
    outcome = page.locator("#kit-import-status:not(:empty), #kit-file-error:not([hidden])")
    outcome.first.wait_for()
    return outcome.first.inner_text()


def people_form(people: list[dict], first: str) -> dict:
    """The form the Python writer gets for imported people and no typed ones."""
    keys = ("name", "note", "company", "position", "tier")
    return {
        **reader_form("", first),
        "people": [{key: person[key] for key in keys} for person in people],
    }


def check_against_python(data: bytes, form: dict) -> None:
    now = re.search(rb"DTSTAMP:(\d{8}T\d{6})Z", data)[1].decode()
    stamp = f"{now[:4]}-{now[4:6]}-{now[6:8]}T{now[9:11]}:{now[11:13]}:{now[13:15]}Z"
    assert data == calendar_text(form, SETTINGS.options(), stamp).encode("utf-8")


@pytest.mark.parametrize("name", READABLE)
def test_an_export_becomes_a_clean_calendar(browser, site, name):
    context, page, requested = open_tool(browser, site)
    status = import_file(page, IMPORTS / name)
    page.get_by_label("First reminder on or after").fill("2027-01-15")
    data = download(page)
    context.close()

    people = EXPECTED[name]["people"]
    assert f"Read {len(people)} people from {name}" in status
    assert lint(data) == []
    check_against_python(data, people_form(people, "2027-01-15"))
    assert vobject_summaries(data) == [f"Check in with {person['name']}" for person in people]
    dates = expand(parse_strictly(data), date(2027, 1, 15), date(2029, 1, 15))
    assert len(dates) == len(people)
    assert all(len(days) >= 2 for days in dates.values())
    own = urlsplit(site.siteurl).netloc
    assert [u for u in requested if urlsplit(u.removeprefix("blob:")).netloc != own] == []


@pytest.mark.parametrize("name", BROKEN)
def test_a_broken_file_gets_one_message_naming_its_line(page, site, name):
    page.goto(site.siteurl + TOOL)
    message = import_file(page, IMPORTS / name)
    line = EXPECTED[name]["problem"]["line"]
    assert message.startswith(f"Could not read {name}: ")
    assert f"line {line} " in message and "Nothing was imported" in message
    assert not page.locator("#kit-people").is_visible()


def test_more_contacts_than_allowed_are_refused_politely(page, site, tmp_path):
    rows = (f"Person,{n},,,,,14 Jan 2024" for n in range(SETTINGS.max_import + 1))
    header = "First Name,Last Name,URL,Email Address,Company,Position,Connected On"
    big = tmp_path / "Connections.csv"
    big.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    page.goto(site.siteurl + TOOL)
    message = import_file(page, big)
    assert message.startswith(
        f"Sorry, Connections.csv holds more than {SETTINGS.max_import} people"
    )
    assert not page.locator("#kit-people").is_visible()


def test_the_reader_filters_chooses_and_puts_people_in_circles(page, site):
    page.goto(site.siteurl + TOOL)
    import_file(page, IMPORTS / "linkedin-connections.csv")
    rows = page.locator("#kit-people-list > li")
    assert rows.count() == 5
    page.get_by_label("Connected in").select_option("2024")
    assert rows.count() == 2
    page.get_by_role("button", name="Choose none of those shown").click()
    page.get_by_label("Connected in").select_option("")
    page.get_by_label("Find by name or company").fill("globex")
    page.locator("#kit-people-list > li:only-child").wait_for()
    assert "Ben Okoro" in rows.first.inner_text()
    page.get_by_label("Circle for everyone shown").select_option(label="Close")
    page.get_by_label("Find by name or company").fill("")
    page.locator("#kit-people-list > li:nth-child(5)").wait_for()
    page.get_by_label("Circle of Cai Wong").select_option(label="Distant")
    page.get_by_label("First reminder on or after").fill("2027-01-15")
    assert "3 of 5 imported people chosen" in page.locator("#kit-people-count").inner_text()
    data = download(page)
    people = [dict(p) for p in EXPECTED["linkedin-connections.csv"]["people"]]
    chosen = [p for p in people if p["year"] != 2024]
    chosen[0]["tier"], chosen[2]["tier"] = 0, 2  # Ben: Close, Cai: Distant
    check_against_python(data, people_form(chosen, "2027-01-15"))


def test_the_list_is_found_from_the_keyboard(page, site):
    page.goto(site.siteurl + TOOL)
    import_file(page, IMPORTS / "contacts-v30.vcf")
    page.get_by_label("Find by name or company").focus()
    page.keyboard.type("acme")
    page.keyboard.press("Enter")  # searching, not downloading
    page.locator("#kit-people-list > li:only-child").wait_for()
    page.keyboard.press("Tab")  # year filter
    page.keyboard.press("Tab")  # choose all
    page.keyboard.press("Tab")  # choose none
    page.keyboard.press("Enter")
    assert "2 of 3 imported people chosen" in page.locator("#kit-people-count").inner_text()
    assert page.locator("#kit-status").inner_text() == ""


def test_a_saved_list_comes_back_as_the_same_calendar(browser, site, tmp_path):
    context, page, _ = open_tool(browser, site)
    page.get_by_label("People to keep in touch with").fill("Ana Silva | her move\nBen Okoro")
    import_file(page, IMPORTS / "contacts-v21.vcf")
    page.get_by_label("Circle of Eva Novak").select_option(label="Close")
    page.get_by_label("First reminder on or after").fill("2027-01-15")
    first = download(page)
    with page.expect_download() as info:
        page.get_by_role("button", name="Save my list (.csv)").click()
    saved = tmp_path / info.value.suggested_filename
    info.value.save_as(saved)
    context.close()

    text = saved.read_text(encoding="utf-8")
    assert text.splitlines()[0] == "name,note,company,position,tier"
    assert len(text.splitlines()) >= 5
    context, page, _ = open_tool(browser, site)
    assert "Read 4 people" in import_file(page, saved)
    page.get_by_label("First reminder on or after").fill("2027-01-15")
    again = download(page)
    context.close()
    without_stamp = re.compile(rb"DTSTAMP:\d{8}T\d{6}Z")
    assert without_stamp.sub(b"", again) == without_stamp.sub(b"", first)


def test_the_load_chart_and_sentence_follow_the_plan(page, site):
    page.goto(site.siteurl + TOOL)
    people = "\n".join(f"Person {n}" for n in range(300))
    page.get_by_label("People to keep in touch with").fill(people)
    page.get_by_label("First reminder on or after").fill("2027-01-04")
    chart = page.locator("#kit-load")
    chart.wait_for()
    assert page.locator("#kit-chart rect").count() == 52
    sentence = page.locator("#kit-load-text").inner_text()
    # 300 people in the wider circle, every 6 months: 600 check-ins a year (52 weeks: 364 days).
    assert re.search(r"About 11\.\d check-ins a week", sentence), sentence
    assert re.search(r"\((59\d|600) in all\)", sentence), sentence
    assert page.locator("#kit-chart").get_attribute("aria-labelledby") == "kit-load-text"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_accessibility_with_an_import_loaded(browser, site, serious_violations, scheme):
    context, page, _ = open_tool(browser, site, color_scheme=scheme)
    import_file(page, IMPORTS / "linkedin-connections.csv")
    found = serious_violations(page)
    import_file(page, IMPORTS / "broken-line.vcf")
    found += serious_violations(page)
    context.close()
    assert found == []


def test_dropping_a_file_on_the_drop_zone_imports_it(page, site):
    page.goto(site.siteurl + TOOL)
    content = (IMPORTS / "plain-list.txt").read_text(encoding="utf-8")
    page.evaluate(
        """(text) => {
            const data = new DataTransfer();
            data.items.add(new File([text], "plain-list.txt", { type: "text/plain" }));
            const zone = document.getElementById("kit-drop");
            zone.dispatchEvent(new DragEvent("drop", { dataTransfer: data, bubbles: true, cancelable: true }));
        }""",
        content,
    )
    page.locator("#kit-import-status:not(:empty)").wait_for()
    assert "Read 3 people from plain-list.txt" in page.locator("#kit-import-status").inner_text()


def test_the_first_date_defaults_to_a_week_from_today(page, site):
    page.goto(site.siteurl + TOOL)
    value = page.get_by_label("First reminder on or after").input_value()
    today = date.fromisoformat(page.evaluate("() => new Date().toLocaleDateString('sv')"))
    assert value == (today + timedelta(days=SETTINGS.first_offset_days)).isoformat()
