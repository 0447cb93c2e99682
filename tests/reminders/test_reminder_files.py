"""Every file we produce passes the lint, strict parsing and expands to exactly the planned dates.

The lint is also shown to fail: each deliberately broken fixture must be caught.
"""

from datetime import date
from pathlib import Path

import pytest
from reminders.examples import example_files, example_form
from reminders.plan import plan_reminders
from reminders.schedule import add_months, occurrences
from reminders.settings import load_settings

import pelicanconf
from tests.reminders.ics_checks import expand, lint, parse_strictly, printable, vobject_summaries
from tests.reminders.vectors import load_vector, vector_names

FAULTS = Path(__file__).parent / "fixtures" / "faults"


@pytest.mark.parametrize(
    ("fixture", "problem"),
    [
        ("bare-lf", "bare CR or LF"),
        ("long-line", "127 octets"),
        ("unescaped-comma", "SUMMARY is not escaped TEXT"),
        ("bad-escape", "SUMMARY is not escaped TEXT"),
        ("no-dtstamp", "VEVENT needs exactly one DTSTAMP"),
        ("bom", "byte order mark"),
        ("split-utf8", "not valid UTF-8 on its own"),
        ("alarm-without-description", "DISPLAY alarm needs a DESCRIPTION"),
        ("dtstart-without-value-date", "DTSTART is not an all-day VALUE=DATE"),
        ("day-31", "DTSTART on day 31"),
        ("no-final-crlf", "does not end with CRLF"),
        ("method-request", "METHOD must be PUBLISH"),
        ("alarm-before-properties", "SUMMARY comes after a VALARM"),
        ("duplicate-uid", "two events share a UID"),
    ],
)
def test_lint_catches_each_broken_file(fixture, problem):
    problems = lint((FAULTS / f"{fixture}.ics").read_bytes())
    assert any(problem in found for found in problems), problems


def expected_dates(
    form: dict, options: dict, years: int = 2
) -> tuple[dict[str, list[date]], date, date]:
    """Dates per UID during `years` years from the earliest start, and that window."""
    reminders = plan_reminders(form, options)
    begin = min(r.start for r in reminders)
    end = add_months(begin, 12 * years)
    return (
        {
            r.uid: [d for d in occurrences(r.start, r.interval, r.count or 12 * years) if d < end]
            for r in reminders
        },
        begin,
        end,
    )


def check_file(data: bytes, form: dict, options: dict) -> None:
    """Lint, strict parse, SUMMARY as vobject reads it, and two years of dates."""
    assert lint(data) == []
    calendar = parse_strictly(data)
    reminders = plan_reminders(form, options)
    assert vobject_summaries(data) == [printable(r.summary) for r in reminders]
    wanted, begin, end = expected_dates(form, options)
    assert expand(calendar, begin, end) == wanted


@pytest.mark.parametrize("name", vector_names())
def test_vector_file_is_clean_and_expands_as_planned(name):
    case, data = load_vector(name)
    check_file(data, case["form"], case["options"])


SITE_SETTINGS = load_settings(pelicanconf.REMINDERS)


@pytest.mark.parametrize("example", example_files(SITE_SETTINGS), ids=lambda e: e.path)
def test_example_file_is_clean_and_expands_as_planned(example):
    form = example_form(SITE_SETTINGS, example.interval)
    check_file(example.text.encode("utf-8"), form, SITE_SETTINGS.options())


def test_every_six_months_gives_four_dates_in_two_years_per_contact():
    case, data = load_vector("02-spread-six-over-six-months")
    dates = expand(parse_strictly(data), date(2027, 3, 10), date(2029, 3, 10))
    assert len(dates) == 6
    assert {len(days) for days in dates.values()} == {4}
    assert dates[plan_reminders(case["form"], case["options"])[0].uid] == [
        date(2027, 3, 10), date(2027, 9, 10), date(2028, 3, 10), date(2028, 9, 10)
    ]  # fmt: skip


def test_count_ends_the_reminders():
    _, data = load_vector("06-ends-after-two-years")
    dates = expand(parse_strictly(data), date(2027, 1, 1), date(2031, 1, 1))
    assert {len(days) for days in dates.values()} == {8}
