"""The keep-in-touch tool in a real Chromium: a reader's whole path from names to a checked file.

The downloaded file is compared byte for byte with what the Python writer makes from the same
form and DTSTAMP, so the browser and the build can never drift apart unnoticed.
"""

import re
from datetime import UTC, date, datetime
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from reminders.plan import calendar_text, plan_reminders
from reminders.settings import load_settings

import pelicanconf
from tests.reminders.ics_checks import expand, lint, parse_strictly, vobject_summaries

pytestmark = pytest.mark.browser

TOOL = "/tools/keep-in-touch/"
SETTINGS = load_settings(pelicanconf.REMINDERS)
HOSTILE = 'Zoë "Z" O\'Brien, 山田; \\ <b>bold</b> <script>alert(1)</script> 🎉'
# 300 characters, ending in a non-space so trimming leaves it whole.
NOTE_PART = "Met at the 2024 meetup; talked about data jobs, 日本 trips & 🎸, and \\ paths. "
NOTE = (NOTE_PART * 4)[:-1] + "!"
RUSSIAN = "Борис Петров"
CONTACTS = f"Ana Silva | her move to Lisbon\n{HOSTILE} | {NOTE}\n{RUSSIAN}"


TIER = SETTINGS.default_tier_index
DEFAULT_INTERVALS = [tier["interval"] for tier in SETTINGS.tiers]


def reader_form(contacts: str = CONTACTS, first: str = "2027-01-15", interval: int = 6) -> dict:
    """The form as the page starts, with the fields a reader changes (typed people's circle)."""
    intervals = list(DEFAULT_INTERVALS)
    intervals[TIER] = interval
    return {
        "list": SETTINGS.list_name,
        "contacts": contacts,
        "tier": TIER,
        "people": [],
        "intervals": intervals,
        "first": first,
        "spread": SETTINGS.spread,
        "alarm": SETTINGS.default_alarm,
        "years": 0,
        "text": SETTINGS.reminder_text,
    }


def open_tool(browser, site, **context_options):
    """A new context on the tool page, and the list of every URL it requests."""
    context = browser.new_context(**context_options)
    page = context.new_page()
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(site.siteurl + TOOL)
    return context, page, requested


def fill(page, form: dict) -> None:
    contacts = page.get_by_label("People to keep in touch with")
    if form["contacts"].count("\n") > 300:
        # Chromium takes minutes to type thousands of lines; a paste is one input event.
        contacts.evaluate(
            "(area, text) => { area.value = text; area.dispatchEvent(new Event('input', {bubbles: true})); }",
            form["contacts"],
        )
    else:
        contacts.fill(form["contacts"])
    tier_name = SETTINGS.tiers[TIER]["name"]
    page.get_by_label(tier_name, exact=True).select_option(str(form["intervals"][TIER]))
    page.get_by_label("First reminder on or after").fill(form["first"])


def download(page) -> bytes:
    with page.expect_download() as info:
        page.get_by_role("button", name="Download .ics").click()
    assert info.value.suggested_filename == SETTINGS.filename
    return Path(info.value.path()).read_bytes()


def stamp_of(data: bytes) -> datetime:
    match = re.search(rb"DTSTAMP:(\d{8}T\d{6})Z\r\n", data)
    return datetime.strptime(match[1].decode(), "%Y%m%dT%H%M%S").replace(tzinfo=UTC)


def assert_same_as_python(data: bytes, form: dict) -> None:
    """The browser's file is the Python writer's file for that form and DTSTAMP, and it is clean."""
    now = stamp_of(data)
    assert abs((datetime.now(UTC) - now).total_seconds()) < 300, "DTSTAMP is the real time in UTC"
    expected = calendar_text(form, SETTINGS.options(), now.strftime("%Y-%m-%dT%H:%M:%SZ"))
    assert data.decode("utf-8") == expected
    assert data == expected.encode("utf-8")
    assert lint(data) == []


def test_a_reader_makes_a_file_for_three_people(browser, site):
    context, page, requested = open_tool(browser, site)
    form = reader_form()
    fill(page, form)
    page.get_by_label('Also show "Add to Google Calendar" links').check()
    data = download(page)
    status = page.locator("#kit-status").inner_text()
    context.close()

    assert data.startswith(b"BEGIN:VCALENDAR\r\n")
    assert_same_as_python(data, form)
    reminders = plan_reminders(form, SETTINGS.options())
    assert vobject_summaries(data) == [r.summary for r in reminders]
    assert f"Check in with {HOSTILE}" in vobject_summaries(data)
    calendar = parse_strictly(data)
    descriptions = [str(event["DESCRIPTION"]) for event in calendar.walk("VEVENT")]
    assert len(NOTE) == 300
    assert any(NOTE in text for text in descriptions), "the 300-character note arrives whole"
    dates = expand(calendar, date(2027, 1, 15), date(2029, 1, 15))
    assert sorted(dates.values()) == [
        [date(2027, 1, 15), date(2027, 7, 15), date(2028, 1, 15), date(2028, 7, 15)],
        [date(2027, 3, 15), date(2027, 9, 15), date(2028, 3, 15), date(2028, 9, 15)],
        [date(2027, 5, 15), date(2027, 11, 15), date(2028, 5, 15), date(2028, 11, 15)],
    ]
    assert "3 people" in status
    own = urlsplit(site.siteurl).netloc
    assert requested, "the page loaded nothing at all"
    outside = [u for u in requested if urlsplit(u.removeprefix("blob:")).netloc != own]
    assert outside == [], "the tool must make no request beyond the page's own files"


def test_preview_lists_the_next_dates_and_shows_names_as_text(page, site):
    page.goto(site.siteurl + TOOL)
    fill(page, reader_form())
    items = page.locator("#kit-preview-list > li")
    # The preview follows once the reader pauses typing.
    page.locator('#kit-preview-list time[datetime="2027-01-15"]').first.wait_for()
    assert items.count() == 3
    first_dates = items.nth(0).locator("time").evaluate_all("els => els.map(e => e.dateTime)")
    assert first_dates == ["2027-01-15", "2027-07-15", "2028-01-15", "2028-07-15"]
    assert HOSTILE in items.nth(1).inner_text()
    assert page.locator("#kit-preview-list script, #kit-preview-list b").count() == 0


def test_google_links_appear_only_when_asked_and_say_they_go_to_google(page, site):
    page.goto(site.siteurl + TOOL)
    fill(page, reader_form())
    links = page.locator('#kit-preview-list a[href^="https://calendar.google.com/"]')
    assert links.count() == 0
    page.get_by_label('Also show "Add to Google Calendar" links').check()
    assert links.count() == 3
    assert "sends this reminder's text to Google" in links.first.inner_text()
    query = parse_qs(urlsplit(links.first.get_attribute("href")).query)
    assert query["dates"] == ["20270115/20270116"]
    assert query["recur"] == ["RRULE:FREQ=MONTHLY;INTERVAL=6"]
    assert query["text"] == ["Check in with Ana Silva"]


@pytest.mark.parametrize("zone", ["Pacific/Kiritimati", "America/Los_Angeles"])
def test_dates_do_not_depend_on_the_readers_time_zone(browser, site, zone):
    context, page, _ = open_tool(browser, site, timezone_id=zone)
    form = reader_form(first="2027-03-31", interval=1)
    fill(page, form)
    # The preview follows once the reader pauses typing.
    page.locator('#kit-preview-list time[datetime="2027-04-01"]').first.wait_for()
    preview = page.locator("#kit-preview-list time").evaluate_all("els => els.map(e => e.dateTime)")
    data = download(page)
    context.close()
    assert_same_as_python(data, form)
    starts = re.findall(rb"DTSTART;VALUE=DATE:(\d{8})", data)
    assert starts == [b"20270401", b"20270411", b"20270421"]
    assert preview[:2] == ["2027-04-01", "2027-05-01"]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"contacts": ""}, "Add at least one person"),
        (
            {"contacts": "\n".join(f"Person {n}" for n in range(SETTINGS.max_contacts + 1))},
            f"at most {SETTINGS.max_contacts} people",
        ),
        ({"contacts": "Ana\n| a note without a name"}, "Line 2 has a note but no name"),
        ({"contacts": "A" * 101}, "longer than 100 characters"),
        ({"first": ""}, "Enter the date of the first reminder"),
    ],
)
def test_bad_input_gives_a_clear_message_and_no_file(page, site, change, message):
    downloads = []
    page.on("download", lambda download: downloads.append(download))
    page.goto(site.siteurl + TOOL)
    fill(page, {**reader_form(), **change})
    page.get_by_role("button", name="Download .ics").click()
    summary = page.get_by_role("alert")
    assert message in summary.inner_text()
    assert page.evaluate("() => document.activeElement.id") == "kit-errors"
    field = "first" if "first" in change else "contacts"
    assert page.locator(f"#kit-{field}").get_attribute("aria-invalid") == "true"
    assert message in page.locator(f"#kit-{field}-error").inner_text()
    page.wait_for_timeout(500)
    assert downloads == []
    assert page.locator("#kit-status").inner_text() == ""


def test_fixing_the_problem_clears_the_message(page, site):
    page.goto(site.siteurl + TOOL)
    page.get_by_role("button", name="Download .ics").click()
    assert page.get_by_role("alert").is_visible()
    page.get_by_label("People to keep in touch with").fill("Ana")
    # The page re-plans once the reader pauses typing, so wait for it rather than for a time.
    page.get_by_role("alert").wait_for(state="hidden")
    assert page.locator("#kit-contacts").get_attribute("aria-invalid") is None


def test_the_whole_form_works_from_the_keyboard(browser, site):
    context, page, _ = open_tool(browser, site, locale="en-US")
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.id") == "kit-contacts":
            break
    page.keyboard.type("Ana Silva | her move\nBen Okoro\nCai Wong")
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.id") == f"kit-interval-{TIER}":
            break
    page.keyboard.press("ArrowDown")  # every 6 months -> every 12 months
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.id") == "kit-first":
            break
    page.keyboard.type("01152027")  # en-US date field: month, day, year
    for _ in range(30):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.type") == "submit":
            break
    with page.expect_download() as info:
        page.keyboard.press("Enter")
    data = Path(info.value.path()).read_bytes()
    context.close()
    form = reader_form("Ana Silva | her move\nBen Okoro\nCai Wong", "2027-01-15", 12)
    assert_same_as_python(data, form)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_accessibility_scan_finds_nothing_serious(browser, site, serious_violations, scheme):
    context, page, _ = open_tool(browser, site, color_scheme=scheme)
    states = {"empty": serious_violations(page)}
    page.get_by_role("button", name="Download .ics").click()
    states["errors"] = serious_violations(page)
    fill(page, reader_form())
    page.get_by_label('Also show "Add to Google Calendar" links').check()
    states["preview"] = serious_violations(page)
    context.close()
    assert states == {"empty": [], "errors": [], "preview": []}


def test_without_javascript_the_reader_gets_instructions_and_a_working_example(browser, site):
    context, page, _ = open_tool(browser, site, java_script_enabled=False)
    assert page.get_by_role("button", name="Download .ics").is_disabled()
    assert "needs JavaScript" in page.locator("main").inner_text()
    assert page.get_by_role("heading", name="Without JavaScript").is_visible()
    with page.expect_download() as info:
        page.get_by_role("link", name="Example reminders, every 6 months").click()
    data = Path(info.value.path()).read_bytes()
    context.close()
    assert lint(data) == []
    assert len(parse_strictly(data).walk("VEVENT")) == len(SETTINGS.example_contacts)


def test_a_bad_line_shows_in_the_preview_at_once(page, site):
    page.goto(site.siteurl + TOOL)
    page.get_by_label("People to keep in touch with").fill("Ana\n| a note without a name")
    problem = page.locator("#kit-preview-problem")
    problem.wait_for(state="visible")
    assert "Line 2 has a note but no name" in problem.inner_text()
    assert not page.locator("#kit-preview-empty").is_visible()
    assert not page.get_by_role("alert").is_visible(), "the alert waits for a download attempt"


def test_the_preview_comes_before_the_button_with_one_date_per_item(page, site):
    page.goto(site.siteurl + TOOL)
    fill(page, reader_form("Ana Silva"))
    dates = page.locator("#kit-preview-list > li").first.locator(".kit-dates > li")
    dates.first.wait_for()
    assert [dates.nth(n).locator("time").count() for n in range(dates.count())] == [1, 1, 1, 1]
    only_items = "ul => [...ul.childNodes].every((node) => node.nodeName === 'LI')"
    assert page.locator(".kit-dates").first.evaluate(only_items), "no commas between dates"
    order = page.evaluate(
        """() => document.querySelector('.kit-preview')
            .compareDocumentPosition(document.getElementById('kit-download'))"""
    )
    assert order & 4, "the preview is read before the Download button"


def test_a_long_email_as_a_name_wraps_on_a_phone(browser, site):
    context, page, _ = open_tool(browser, site, viewport={"width": 390, "height": 844})
    address = "firstname.middlename.lastname.department@subsidiary.company.example"
    fill(page, reader_form(f"{address} | {address}{address}"))
    page.locator("#kit-preview-list > li").first.wait_for()
    width = page.evaluate("() => document.documentElement.scrollWidth")
    context.close()
    assert width <= 390


def test_a_new_error_replaces_the_last_done_message(page, site):
    page.goto(site.siteurl + TOOL)
    fill(page, reader_form("Ana Silva"))
    download(page)
    assert "Done" in page.locator("#kit-status").inner_text()
    page.get_by_label("People to keep in touch with").fill("Ana\n| no name")
    page.locator("#kit-preview-problem").wait_for(state="visible")
    assert page.locator("#kit-status").inner_text() == ""


def test_composed_and_decomposed_names_give_the_same_file(page, site):
    page.goto(site.siteurl + TOOL)
    decomposed = "Zoe\u0308 Mu\u0308ller"
    fill(page, reader_form(decomposed))
    data = download(page)
    assert "Zoë Müller".encode() in data and decomposed.encode() not in data
    assert_same_as_python(data, reader_form("Zoë Müller"))


def test_fifteen_family_emoji_are_fifteen_characters(page, site):
    page.goto(site.siteurl + TOOL)
    name = "👨‍👩‍👧‍👦" * 15
    fill(page, reader_form(name))
    data = download(page)
    assert_same_as_python(data, reader_form(name))


def test_downloading_again_with_one_more_person_on_another_day_keeps_the_uids(page, site):
    page.goto(site.siteurl + TOOL)
    five = "Ana Silva\nBen Okoro\nCai Wong\nDee Park\nEli Roth"
    fill(page, reader_form(five))
    first = set(re.findall(rb"UID:(\S+)\r\n", download(page)))
    fill(page, reader_form("Fay Ito\n" + five, first="2027-03-02"))
    second = set(re.findall(rb"UID:(\S+)\r\n", download(page)))
    assert len(first) == 5 and len(second) == 6
    assert first < second


def test_showing_the_tool_does_not_shift_the_layout(browser, site):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()

    def late_script(route):
        # A slow phone paints the page before its script runs; holding the script back here
        # makes any shift the script causes visible to the observer.
        page.wait_for_timeout(400)
        route.continue_()

    page.route("**/js/reminder-tool.js", late_script)
    page.goto(site.siteurl + TOOL)
    page.wait_for_load_state("load")
    shift = page.evaluate(
        """() => new Promise((resolve) => {
            let total = 0;
            new PerformanceObserver((list) => {
                for (const entry of list.getEntries()) if (!entry.hadRecentInput) total += entry.value;
            }).observe({ type: "layout-shift", buffered: true });
            requestAnimationFrame(() => requestAnimationFrame(() => resolve(total)));
        })"""
    )
    enabled = page.get_by_role("button", name="Download .ics").is_enabled()
    context.close()
    assert enabled, "the script enables the button"
    assert shift < 0.05


def test_a_click_right_after_typing_downloads(page, site):
    # Leaving the text field must not re-plan and move the button in the middle of the click.
    page.goto(site.siteurl + TOOL)
    page.get_by_label("People to keep in touch with").focus()
    page.keyboard.type("Ana Silva\nBen Okoro\nCai Wong")
    data = download(page)
    assert data.count(b"BEGIN:VEVENT") == 3
