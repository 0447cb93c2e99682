"""The keep-in-touch tool page and its example files, in the real publish build."""

import gzip
import json
import re
import shutil
from datetime import date
from urllib.parse import urlsplit
from urllib.request import urlopen

import pytest
from reminders.examples import example_files
from reminders.settings import load_settings

import pelicanconf
from tests.conftest import ROOT
from tests.reminders.ics_checks import expand, lint, parse_strictly
from tests.reminders.js_suite import assert_js_suite_passes

TOOL = "/tools/keep-in-touch/"
SETTINGS = load_settings(pelicanconf.REMINDERS)
EXAMPLES = example_files(SETTINGS)


def test_tool_page_has_a_labelled_control_for_every_field(site):
    soup = site.soup(TOOL)
    assert soup.find("h1").get_text(strip=True) == "Keep-in-touch reminder builder"
    form = soup.find("form", id="kit-form")
    controls = form.find_all(["input", "select", "textarea"])
    names = {control["name"] for control in controls}
    assert {"contacts", "tier", "interval-0", "first", "spread", "alarm", "text", "years"} <= names
    assert "list" in names
    for control in controls:
        assert soup.find("label", attrs={"for": control["id"]}), control["id"]
    assert form.find("button", type="submit").get_text(strip=True) == "Download .ics"


def test_choices_and_defaults_come_from_the_settings(site):
    soup = site.soup(TOOL)
    for index, tier in enumerate(SETTINGS.tiers):
        intervals = soup.select(f"#kit-interval-{index} option")
        assert [int(o["value"]) for o in intervals] == list(SETTINGS.intervals)
        chosen = soup.select_one(f"#kit-interval-{index} option[selected]")
        assert int(chosen["value"]) == tier["interval"]
        assert soup.find("label", attrs={"for": f"kit-interval-{index}"}).get_text() == tier["name"]
    assert soup.select_one("#kit-tier option[selected]").get_text() == SETTINGS.default_tier
    assert soup.select_one("#kit-list")["value"] == SETTINGS.list_name
    assert [o["value"] for o in soup.select("#kit-years option")] == ["0"] + [
        str(y) for y in SETTINGS.end_after_years
    ]
    assert soup.select_one("#kit-text").get_text() == SETTINGS.reminder_text
    data = json.loads(soup.find("script", id="kit-settings").string)
    assert data == SETTINGS.script_data()
    messages = json.loads(soup.find("script", id="kit-messages").string)
    codes = {"no-contacts", "too-many-contacts", "missing-name", "name-too-long", "note-too-long"}
    codes |= {"invalid-date", "invalid-interval", "invalid-alarm", "invalid-years"}
    assert codes <= set(messages)


def test_without_javascript_the_button_is_disabled_and_the_page_explains_what_to_do(site):
    soup = site.soup(TOOL)
    # Shown from the start, so the script revealing it cannot shift the layout.
    assert not soup.find(id="kit-app").has_attr("hidden")
    assert soup.find("main").find("button", type="submit").has_attr("disabled")
    assert "needs JavaScript" in soup.find("noscript").get_text()
    assert soup.find(id="without-javascript"), "the page text has a 'Without JavaScript' section"
    text = soup.find("main").get_text(" ")
    assert "never sent anywhere" in text


def tool_modules(site) -> dict[str, bytes]:
    """Every module the tool page loads (its script and all it imports), by file name."""
    soup = site.soup(TOOL)
    (script,) = soup.select('script[type="module"]')
    pending, seen = [script["src"]], {}
    while pending:
        url = pending.pop()
        path = site.path_for(url)
        assert path is not None and path.is_file(), url
        seen[path.name] = path.read_bytes()
        for module in re.findall(r'from ?"(\./[\w.-]+\.js)"', path.read_text(encoding="utf-8")):
            pending.append(url.rsplit("/", 1)[0] + module[1:])
    return seen


def test_the_page_script_and_every_module_it_imports_are_published(site):
    names = set(tool_modules(site))
    assert {
        "reminder-tool.js",
        "plan.js",
        "ics.js",
        "schedule.js",
        "links.js",
        "import.js",
    } <= names


def test_the_tool_javascript_stays_under_15_kb_gzipped(site):
    # Each module travels as its own compressed file, so each is compressed on its own.
    total = sum(len(gzip.compress(data, 9)) for data in tool_modules(site).values())
    assert total < 15_000, f"{total} bytes gzipped"


def test_the_published_minified_modules_pass_the_suite_of_their_source(site, tmp_path):
    published = tool_modules(site)
    source = ROOT / "theme" / "static" / "js"
    assert sum(map(len, published.values())) < 0.85 * sum(
        len((source / name).read_bytes()) for name in published
    )
    # The suite imports ../../theme/static/js/: give it the published bytes there.
    for folder in ("tests/js", "tests/vectors", "tests/reminders/fixtures"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    scripts = tmp_path / "theme" / "static" / "js"
    scripts.mkdir(parents=True)
    for name, data in published.items():
        (scripts / name).write_bytes(data)
    assert_js_suite_passes(tmp_path)


def test_no_other_page_loads_the_tool_javascript(site):
    tool = site.path_for(TOOL)
    for page in site.html_files():
        if page != tool:
            assert b"reminder-tool.js" not in page.read_bytes(), page


def test_the_page_refers_to_no_other_host(site):
    soup = site.soup(TOOL)
    own = urlsplit(site.siteurl).netloc
    for tag in soup.find_all(src=True) + soup.find_all(href=True):
        url = tag.get("src") or tag.get("href")
        assert urlsplit(url).netloc in ("", own), url


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda e: e.path)
def test_example_file_is_built_linked_clean_and_repeats_as_promised(site, example):
    links = [a["href"] for a in site.soup(TOOL).select(".kit-examples a[download]")]
    assert f"{site.siteurl}/{example.path}" in links
    data = (site.output / example.path).read_bytes()
    assert data == example.text.encode("utf-8"), "the build wrote what the Python writer makes"
    assert lint(data) == []
    dates = expand(parse_strictly(data), date(2027, 1, 1), date(2029, 1, 1))
    assert len(dates) == len(SETTINGS.example_contacts)
    assert {len(days) for days in dates.values()} == {24 // example.interval}


def test_example_files_are_served_as_text_calendar(site):
    with urlopen(f"{site.siteurl}/{EXAMPLES[0].path}") as response:
        assert response.headers.get_content_type() == "text/calendar"
        assert response.read().startswith(b"BEGIN:VCALENDAR\r\n")
