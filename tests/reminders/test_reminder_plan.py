"""From the form to reminders: contact lines, placeholders, and names that survive any parser."""

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from reminders.plan import (
    Contact,
    InputError,
    calendar_text,
    fill,
    plan_reminders,
    read_contacts,
    trim,
)
from reminders.settings import load_settings

from tests.reminders.ics_checks import lint, parse_strictly, printable, vobject_summaries

OPTIONS = load_settings({}).options()
FORM = {
    "list": "My network",
    "contacts": "Ana Silva",
    "tier": 1,
    "people": [],
    "intervals": [3, 6, 12],
    "first": "2027-01-15",
    "spread": True,
    "alarm": "day-before",
    "years": 0,
    "text": "Hello {name}\nNote: {note}",
}
NOW = "2026-11-20T08:30:00Z"


def test_read_contacts_splits_at_the_first_separator_and_trims():
    contacts, problem = read_contacts("  Ana | coffee | tea \n\nBen\n", OPTIONS)
    assert problem is None
    assert contacts == [Contact("Ana", "coffee | tea"), Contact("Ben", "")]


def test_a_problem_names_the_textarea_line():
    _, problem = read_contacts("Ana\n\n\n| only a note", OPTIONS)
    assert (problem.code, problem.line) == ("missing-name", 4)


def test_the_limit_counts_people_not_blank_lines():
    limit = OPTIONS["max_contacts"]
    lines = "\n\n".join(f"Person {n}" for n in range(limit))
    contacts, problem = read_contacts(lines, OPTIONS)
    assert problem is None and len(contacts) == limit
    _, problem = read_contacts(lines + "\nOne more", OPTIONS)
    assert problem.code == "too-many-contacts"


def test_input_error_message_lists_every_problem():
    with pytest.raises(InputError, match=r"contacts: missing-name \(line 1\); first: invalid-date"):
        plan_reminders({**FORM, "contacts": "| x", "first": "2027-02-31"}, OPTIONS)


@pytest.mark.parametrize(
    ("template", "contact", "text"),
    [
        ("Hi {name}: {note}", Contact("Ana", "tea"), "Hi Ana: tea"),
        ("Hi {name}\nNote: {note}\nBye", Contact("Ana", ""), "Hi Ana\nBye"),
        ("{note}", Contact("Ana", ""), ""),
        ("Hi {name}", Contact("{note}", "x"), "Hi {note}"),
        ("{name} {NOTE} {nam}", Contact("Ana", "x"), "Ana {NOTE} {nam}"),
        ("a\r\nb {note}\rc", Contact("Ana", ""), "a\nc"),
    ],
)
def test_fill(template, contact, text):
    assert fill(template, contact) == text


@pytest.mark.parametrize(
    ("raw", "trimmed"),
    [
        (" \t\ufeff\u00a0Ana Silva\u3000\u2028 ", "Ana Silva"),
        ("\x1cAna\x85", "\x1cAna"),
        ("A\u00a0B", "A\u00a0B"),
    ],
)
def test_trim_uses_the_same_white_space_as_the_browser(raw, trimmed):
    assert trim(raw) == trimmed


def test_spread_chosen_day_and_count_reach_the_reminders():
    form = {**FORM, "contacts": "A\nB\nC", "first": "2027-08-31", "years": 2}
    form["intervals"] = [3, 6, 12]
    reminders = plan_reminders(form, OPTIONS)
    assert [r.start for r in reminders] == [date(2027, 9, 1), date(2027, 11, 1), date(2028, 1, 1)]
    assert {r.count for r in reminders} == {4}


NAMES = st.text(
    alphabet=st.characters(codec="utf-8", exclude_characters="\r\n|"), min_size=1, max_size=100
).filter(lambda name: name and trim(name) == name)


@settings(max_examples=200, deadline=None)
@given(NAMES)
def test_any_name_comes_back_from_the_parsers_unchanged(name):
    shown = printable(name)
    data = calendar_text({**FORM, "contacts": name}, OPTIONS, NOW).encode("utf-8")
    assert lint(data) == []
    calendar = parse_strictly(data)
    (event,) = calendar.walk("VEVENT")
    assert str(event["SUMMARY"]) == f"Check in with {shown}"
    assert vobject_summaries(data) == [f"Check in with {shown}"]


def test_adding_a_person_or_another_day_keeps_every_uid():
    five = "\n".join(["Ana", "Ben", "Cai", "Dee", "Eli"])
    before = {r.summary: r.uid for r in plan_reminders({**FORM, "contacts": five}, OPTIONS)}
    form = {**FORM, "contacts": "Fay\n" + five, "first": "2027-02-03"}
    after = {r.summary: r.uid for r in plan_reminders(form, OPTIONS)}
    assert len(after) == 6
    assert {name: after[name] for name in before} == before


def test_each_tier_is_spread_over_its_own_interval():
    people = [{"name": name, "tier": 0} for name in ("Ana", "Ben", "Cai")]
    form = {**FORM, "contacts": "Dee\nEli", "tier": 1, "people": people}
    reminders = plan_reminders(form, OPTIONS)
    assert [(r.start, r.interval) for r in reminders] == [
        (date(2027, 1, 15), 6), (date(2027, 4, 15), 6),
        (date(2027, 1, 15), 3), (date(2027, 2, 15), 3), (date(2027, 3, 15), 3),
    ]  # fmt: skip
