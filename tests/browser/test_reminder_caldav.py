"""Re-importing into a real CalDAV server (Radicale, started here on 127.0.0.1): downloading the
list again, with one more person or on another day, updates the events instead of adding copies.

The test plays the calendar client: like Thunderbird or DAVx5 it stores each event of an
imported file under a name made from its UID, so an event whose UID is already there is updated.
"""

import re
import socket
import subprocess
import sys
import time
from datetime import datetime

import icalendar
import pytest
import requests

from tests.browser.test_reminder_tool import TOOL, download, fill, reader_form

pytestmark = pytest.mark.browser

FIVE = "Ana Silva | her move\nBen Okoro\nCai Wong\nDee Park\nEli Roth"
COLLECTION = "/reader/keep-in-touch/"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def caldav(tmp_path):
    """The base URL of a fresh Radicale with an empty calendar; stopped by its PID afterwards."""
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "radicale", "--server-hosts", f"127.0.0.1:{port}",
         "--auth-type", "none", "--rights-type", "owner_only",
         "--storage-filesystem-folder", str(tmp_path / "collections"), "--logging-level", "error"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(600):  # a bound on tries, not a timing assertion
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                assert server.poll() is None, server.stderr.read().decode()
                time.sleep(0.1)
        auth = ("reader", "any")
        answer = requests.request("MKCALENDAR", base + COLLECTION, auth=auth, timeout=30)
        assert answer.status_code == 201, answer.text
        yield base
    finally:
        server.terminate()
        server.wait(timeout=30)


def import_into(base: str, data: bytes) -> None:
    """Store every event of `data` under a name made from its UID, as calendar clients do."""
    calendar = icalendar.Calendar.from_ical(data)
    for event in calendar.walk("VEVENT"):
        single = icalendar.Calendar()
        for key in ("VERSION", "PRODID"):
            single.add(key, calendar[key])
        single.add_component(event)
        name = re.sub(r"[^\w.-]", "_", str(event["UID"]))
        answer = requests.put(
            f"{base}{COLLECTION}{name}.ics",
            data=single.to_ical(),
            headers={"Content-Type": "text/calendar; charset=utf-8"},
            auth=("reader", "any"),
            timeout=30,
        )
        assert answer.status_code in (201, 204), answer.text


def events_on_server(base: str) -> dict[str, str]:
    """UID -> DTSTART of every event the server holds."""
    answer = requests.get(base + COLLECTION, auth=("reader", "any"), timeout=30)
    answer.raise_for_status()
    events = icalendar.Calendar.from_ical(answer.content).walk("VEVENT")
    return {str(e["UID"]): e["DTSTART"].dt.isoformat() for e in events}


def test_a_new_person_and_another_day_add_no_copies(browser, site, caldav):
    context = browser.new_context()
    page = context.new_page()
    page.goto(site.siteurl + TOOL)
    fill(page, reader_form(FIVE))
    import_into(caldav, download(page))
    assert len(events_on_server(caldav)) == 5

    # One more person, first in the list, so everyone else moves down one place.
    fill(page, reader_form("Fay Ito\n" + FIVE))
    import_into(caldav, download(page))
    held = events_on_server(caldav)
    context.close()
    assert len(held) == 6

    # Another day: the page's default first date and the DTSTAMP both move on.
    context = browser.new_context()
    page = context.new_page()
    page.clock.set_fixed_time(datetime(2027, 3, 1, 10, 0))
    page.goto(site.siteurl + TOOL)
    page.get_by_label("People to keep in touch with").fill("Fay Ito\n" + FIVE)
    later = download(page)
    context.close()
    assert b"DTSTAMP:20270301T" in later
    import_into(caldav, later)
    after = events_on_server(caldav)
    assert set(after) == set(held), "the same six events, updated"
    assert min(after.values()) == "2027-03-08", "the events now start from the new date"
