"""From the reader's form to a calendar: read contact lines, check every field, plan reminders.

`theme/static/js/plan.js` is the twin of this module; the shared vectors keep them equal.

A form (what the reader chooses) is a dict:
    contacts (str): one contact per line, "name" or "name | note" (split at the first
        `note_separator`); blank lines are ignored, names and notes are trimmed.
    first (str): "YYYY-MM-DD"; the first reminder is on or after this date.
    interval (int): months between reminders, one of options["intervals"].
    spread (bool): spread the start dates over the first interval.
    alarm (str): "none", "day-before" or "same-day".
    years (int): 0 = never ends, else one of options["end_after_years"].
    text (str): the reminder text (event description) with {name} and {note}.
Options (what the site sets) are `ReminderSettings.options()`.

Lengths are counted in code points, the same number in Python and JavaScript.
"""

import re
from dataclasses import dataclass

from .ics import ALARM_TRIGGERS, LINE_BREAK, Reminder, build_calendar
from .schedule import first_start, make_uids, occurrence_count, parse_date, spread_starts

_PLACEHOLDER = re.compile(r"\{(name|note)\}")
# Spelled out because Python's str.strip() and JavaScript's trim() disagree on a few characters.
_SPACE = "[\t\x0b\x0c \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]"
_EDGE_SPACE = re.compile(f"^{_SPACE}+|{_SPACE}+$")


@dataclass(frozen=True)
class Contact:
    name: str
    note: str


@dataclass(frozen=True)
class Problem:
    """One reason the form gives no file: the field, a stable code, the 1-based contact line."""

    field: str
    code: str
    line: int = 0


class InputError(ValueError):
    """The form cannot become a calendar; `problems` lists why, at most one per field."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("; ".join(_describe(p) for p in problems))


def _describe(problem: Problem) -> str:
    where = f" (line {problem.line})" if problem.line else ""
    return f"{problem.field}: {problem.code}{where}"


def trim(text: str) -> str:
    """`text` without white space at either end (the same set of characters as plan.js)."""
    return _EDGE_SPACE.sub("", text)


def read_contacts(text: str, options: dict) -> tuple[list[Contact], Problem | None]:
    """The contacts in `text`, and the first problem found with them (None if all is well)."""
    lines = LINE_BREAK.split(text)
    filled = [(number, line) for number, line in enumerate(lines, 1) if trim(line)]
    if not filled:
        return [], Problem("contacts", "no-contacts")
    if len(filled) > options["max_contacts"]:
        return [], Problem("contacts", "too-many-contacts")
    contacts = []
    for number, line in filled:
        name, _, note = line.partition(options["note_separator"])
        name, note = trim(name), trim(note)
        if not name:
            return [], Problem("contacts", "missing-name", number)
        if len(name) > options["max_name_length"]:
            return [], Problem("contacts", "name-too-long", number)
        if len(note) > options["max_note_length"]:
            return [], Problem("contacts", "note-too-long", number)
        contacts.append(Contact(name, note))
    return contacts, None


def fill(template: str, contact: Contact) -> str:
    """`template` with {name} and {note}; lines using {note} are left out when there is none."""
    lines = LINE_BREAK.split(template)
    if not contact.note:
        lines = [line for line in lines if "{note}" not in line]
    return _PLACEHOLDER.sub(
        lambda match: contact.name if match[1] == "name" else contact.note, "\n".join(lines)
    )


def _is_int(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def plan_reminders(form: dict, options: dict) -> list[Reminder]:
    """One Reminder per contact in the form; InputError listing every problem otherwise."""
    contacts, problem = read_contacts(form["contacts"], options)
    problems = [problem] if problem else []
    chosen = parse_date(form["first"]) if isinstance(form["first"], str) else None
    if chosen is None:
        problems.append(Problem("first", "invalid-date"))
    interval = form["interval"]
    if not _is_int(interval) or interval not in options["intervals"]:
        problems.append(Problem("interval", "invalid-interval"))
    if form["alarm"] != "none" and form["alarm"] not in ALARM_TRIGGERS:
        problems.append(Problem("alarm", "invalid-alarm"))
    years = form["years"]
    if not _is_int(years) or (years != 0 and years not in options["end_after_years"]):
        problems.append(Problem("years", "invalid-years"))
    if problems:
        raise InputError(problems)
    starts = spread_starts(first_start(chosen), len(contacts), interval, form["spread"] is True)
    uids = make_uids(
        [(c.name, start) for c, start in zip(contacts, starts, strict=True)],
        interval,
        options["uid_domain"],
    )
    count = occurrence_count(interval, years)
    return [
        Reminder(
            uid=uid,
            start=start,
            interval=interval,
            count=count,
            summary=fill(options["summary"], contact),
            description=fill(form["text"], contact),
            alarm=form["alarm"],
        )
        for contact, start, uid in zip(contacts, starts, uids, strict=True)
    ]


def calendar_text(form: dict, options: dict, now: str) -> str:
    """The .ics text for `form`; `now` ("YYYY-MM-DDTHH:MM:SSZ") becomes every DTSTAMP."""
    return build_calendar(
        plan_reminders(form, options),
        now=now,
        prodid=options["prodid"],
        category=options["category"],
    )
