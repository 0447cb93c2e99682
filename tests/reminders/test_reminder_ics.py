"""The iCalendar writer: TEXT escaping, folding at 75 octets, the calendar's shape."""

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from reminders.ics import Reminder, build_calendar, escape_text, fold_line, format_stamp

from tests.reminders.ics_checks import lint, parse_strictly, unfold


@pytest.mark.parametrize(
    ("raw", "escaped"),
    [
        ("plain", "plain"),
        ("Ana, Bob; and Cai", "Ana\\, Bob\\; and Cai"),
        ("C:\\Users\\pat", "C:\\\\Users\\\\pat"),
        ("ends with \\", "ends with \\\\"),
        # Backslash first: the backslash added before a comma must not be doubled again.
        ("\\,", "\\\\\\,"),
        ("two\nlines", "two\\nlines"),
        ("crlf\r\nand cr\rtoo", "crlf\\nand cr\\ntoo"),
        ("\\n typed by hand", "\\\\n typed by hand"),
        ("quotes \"stay\" and 'so' do colons: yes", "quotes \"stay\" and 'so' do colons: yes"),
        ("bell\x07, escape\x1b and delete\x7f go", "bell\\, escape and delete go"),
        ("tab\tstays", "tab\tstays"),
        ("山田 🍅 Zoë", "山田 🍅 Zoë"),
    ],
)
def test_escape_text(raw, escaped):
    assert escape_text(raw) == escaped


@pytest.mark.parametrize(
    ("line", "folded"),
    [
        ("a" * 75, "a" * 75),
        ("a" * 76, "a" * 75 + "\r\n a"),
        ("a" * 75 + "b" * 74 + "c", "a" * 75 + "\r\n " + "b" * 74 + "\r\n c"),
        # "é" is two octets: at octets 75-76 it moves whole to the next line.
        ("a" * 74 + "é", "a" * 74 + "\r\n é"),
        ("a" * 73 + "é", "a" * 73 + "é"),
        ("a" * 72 + "🍅", "a" * 72 + "\r\n 🍅"),
        ("a" * 71 + "🍅", "a" * 71 + "🍅"),
    ],
)
def test_fold_line_at_octet_boundaries(line, folded):
    assert fold_line(line) == folded


@settings(max_examples=1000)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=400))
def test_folding_any_text_keeps_lines_short_whole_and_reversible(text):
    line = "DESCRIPTION:" + escape_text(text)
    folded = fold_line(line)
    for physical in folded.encode("utf-8").split(b"\r\n"):
        assert len(physical) <= 75
        physical.decode("utf-8")  # raises if a character was split
    assert unfold(folded + "\r\n") == [line]


def test_format_stamp_takes_only_utc():
    assert format_stamp("2027-01-15T09:30:05Z") == "20270115T093005Z"
    for bad in ("2027-01-15T09:30:05", "2027-01-15T09:30:05+01:00", "2027-01-15", ""):
        with pytest.raises(ValueError, match="now must look like"):
            format_stamp(bad)


def _reminder(**changes) -> Reminder:
    fields = {
        "uid": "kit-0123456789abcdef@example.org",
        "start": date(2027, 1, 15),
        "interval": 6,
        "count": None,
        "summary": "Check in with Ana",
        "description": "Hello",
        "alarm": "day-before",
    }
    return Reminder(**{**fields, **changes})


def _calendar(*reminders: Reminder) -> bytes:
    text = build_calendar(reminders, now="2026-11-20T08:30:00Z", prodid="-//T//T//EN", category="K")
    return text.encode("utf-8")


def test_calendar_is_clean_and_parses():
    data = _calendar(_reminder(), _reminder(uid="kit-1@example.org", alarm="none"))
    assert data.startswith(b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")
    assert data.endswith(b"END:VCALENDAR\r\n")
    assert lint(data) == []
    assert len(parse_strictly(data).walk("VEVENT")) == 2


def test_all_day_event_lines():
    text = _calendar(_reminder(start=date(2027, 12, 28))).decode()
    assert "DTSTART;VALUE=DATE:20271228\r\nDTEND;VALUE=DATE:20271229\r\n" in text
    assert "DTSTAMP:20261120T083000Z\r\n" in text
    assert "TZID" not in text and "VTIMEZONE" not in text


@pytest.mark.parametrize(
    ("changes", "present", "absent"),
    [
        ({}, ["RRULE:FREQ=MONTHLY;INTERVAL=6\r\n", "TRIGGER:-PT15H\r\n"], ["COUNT"]),
        ({"count": 8, "interval": 3}, ["RRULE:FREQ=MONTHLY;INTERVAL=3;COUNT=8\r\n"], []),
        ({"alarm": "same-day"}, ["TRIGGER:PT9H\r\n"], ["-PT15H"]),
        ({"alarm": "none"}, [], ["VALARM", "TRIGGER"]),
        ({"description": ""}, ["SUMMARY:"], ["DESCRIPTION:Hello"]),
    ],
)
def test_event_options(changes, present, absent):
    text = _calendar(_reminder(**changes)).decode()
    assert lint(text.encode()) == []
    for part in present:
        assert part in text
    for part in absent:
        assert part not in text
