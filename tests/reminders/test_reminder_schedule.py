"""Reminder dates: day 1-28, "on or after", spreading over the interval, stable UIDs."""

from datetime import date
from pathlib import Path

import icalendar
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from reminders.schedule import (
    add_months,
    clamp_day,
    first_start,
    fnv1a64,
    identity,
    make_uids,
    occurrence_count,
    occurrences,
    parse_date,
    spread_starts,
)

from tests.reminders.ics_checks import expand

FIXTURES = Path(__file__).parent / "fixtures"
INTERVALS = st.sampled_from([1, 2, 3, 6, 12])
FIRST_DAYS = st.dates(date(1950, 1, 1), date(2900, 12, 31)).map(first_start)


@pytest.mark.parametrize(
    ("chosen", "first"),
    [
        (date(2027, 1, 15), date(2027, 1, 15)),
        (date(2027, 1, 28), date(2027, 1, 28)),
        (date(2027, 1, 29), date(2027, 2, 1)),
        (date(2027, 8, 31), date(2027, 9, 1)),
        (date(2027, 12, 31), date(2028, 1, 1)),
        (date(2028, 2, 29), date(2028, 3, 1)),
    ],
)
def test_first_start_is_on_or_after_the_chosen_day_and_on_day_1_to_28(chosen, first):
    assert first_start(chosen) == first


def test_clamp_day_moves_29_to_31_back_to_28():
    assert clamp_day(date(2027, 1, 31)) == date(2027, 1, 28)
    assert clamp_day(date(2027, 1, 28)) == date(2027, 1, 28)


@pytest.mark.parametrize(
    ("day", "months", "result"),
    [
        (date(2027, 1, 15), 6, date(2027, 7, 15)),
        (date(2027, 11, 15), 2, date(2028, 1, 15)),
        (date(2027, 1, 31), 1, date(2027, 2, 28)),
        (date(2028, 1, 31), 1, date(2028, 2, 29)),
        (date(2027, 3, 15), -3, date(2026, 12, 15)),
    ],
)
def test_add_months(day, months, result):
    assert add_months(day, months) == result


@pytest.mark.parametrize("text", ["2027-01-15", "2000-02-29", "1900-01-01", "2999-12-31"])
def test_parse_date_accepts_real_dates(text):
    assert parse_date(text).isoformat() == text


def test_spread_off_puts_everyone_on_the_first_day():
    assert spread_starts(date(2027, 1, 15), 3, 6, spread=False) == [date(2027, 1, 15)] * 3


def test_six_contacts_over_six_months_get_one_month_each():
    starts = spread_starts(date(2027, 3, 10), 6, 6, spread=True)
    assert starts == [date(2027, month, 10) for month in range(3, 9)]


@settings(deadline=None)  # a loaded machine must not fail it
@given(FIRST_DAYS, INTERVALS, st.integers(1, 40))
def test_spread_stays_within_the_first_interval_on_days_1_to_28(first, interval, count):
    starts = spread_starts(first, count, interval, spread=True)
    assert starts[0] == first
    assert starts == sorted(starts)
    assert all(first <= day < add_months(first, interval) for day in starts)
    assert all(day.day <= 28 for day in starts)
    if count <= interval:
        months = {(day.year, day.month) for day in starts}
        assert len(months) == count


@settings(deadline=None)  # a loaded machine must not fail it
@given(FIRST_DAYS, INTERVALS, st.integers(1, 10))
def test_occurrences_keep_the_day_of_month(start, interval, limit):
    days = occurrences(start, interval, limit)
    assert len(days) == limit
    assert {day.day for day in days} == {start.day}


@pytest.mark.parametrize(
    ("interval", "years", "count"), [(6, 0, None), (6, 2, 4), (3, 2, 8), (12, 1, 1), (1, 10, 120)]
)
def test_occurrence_count(interval, years, count):
    assert occurrence_count(interval, years) == count


def test_fnv1a64_matches_the_published_test_values():
    assert fnv1a64("") == "cbf29ce484222325"
    assert fnv1a64("a") == "af63dc4c8601ec8c"
    assert fnv1a64("foobar") == "85944171f73967e8"


def test_a_uid_depends_on_who_the_person_is_and_on_the_list_only():
    uid = make_uids(["Ana Silva"], "My network", "reconnect.example")[0]
    # Pinned (also in the vectors): a change would duplicate every reminder imported again.
    assert uid == "kit-e4f013b4ed9bd820@reconnect.example"
    # Adding, removing and reordering people keeps every UID.
    before = make_uids(["Ana Silva", "Ben Okoro", "Cai Wong"], "My network", "reconnect.example")
    after = make_uids(["Dee Park", "Cai Wong", "Ana Silva"], "My network", "reconnect.example")
    assert (before[0], before[2]) == (after[2], after[1]) and before[0] == uid
    assert make_uids(["Ana Silva"], "Old team", "reconnect.example")[0] != uid
    assert make_uids(["Ana Silvia"], "My network", "reconnect.example")[0] != uid


@pytest.mark.parametrize(
    "spelling",
    ["ANA SILVA", "ana  silva", " Ana\tSilva ", "ana silva"],
)
def test_case_and_spacing_do_not_make_another_person(spelling):
    assert identity(spelling) == identity("Ana Silva") == "ana silva"


def test_composed_and_decomposed_accents_are_one_person():
    composed, decomposed = "Zo\u00eb M\u00fcller", "Zoe\u0308 Mu\u0308ller"
    assert make_uids([composed], "", "x.example") == make_uids([decomposed], "", "x.example")
    assert identity("Straße") == identity("STRASSE")


def test_the_same_name_twice_gets_two_uids_and_the_first_keeps_its_own():
    alone = make_uids(["Sam"], "My network", "example.org")
    twice = make_uids(["Sam", "sam"], "My network", "example.org")
    assert twice[0] == alone[0]
    assert twice[1] != twice[0]


@pytest.mark.parametrize(
    ("fixture", "expected"),
    [
        # The trap the day 1-28 rule avoids: RFC 5545 skips months that lack the day.
        ("trap-aug-31.ics", [date(2027, 8, 31), date(2028, 8, 31), date(2029, 8, 31)]),
        ("trap-feb-29.ics", [date(2028, 2, 29), date(2028, 8, 29), date(2029, 8, 29)]),
    ],
)
def test_days_29_to_31_really_skip_months_in_a_calendar(fixture, expected):
    calendar = icalendar.Calendar.from_ical((FIXTURES / fixture).read_bytes())
    dates = next(iter(expand(calendar, date(2027, 1, 1), date(2029, 12, 31)).values()))
    assert dates == expected
