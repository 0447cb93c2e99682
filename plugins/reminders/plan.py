"""From the reader's form to a calendar: read people, check every field, plan reminders.

`theme/static/js/plan.js` is the twin of this module; the shared vectors keep them equal.

A form (what the reader chooses) is a dict:
    list (str): the list's name; part of every UID, so a re-download with the same name
        updates the events a calendar already has (see `schedule.identity`).
    contacts (str): typed people, one per line, "name" or "name | note" (split at the first
        `note_separator`); blank lines are ignored, names and notes are trimmed.
    tier (int): index in options["tiers"] of the tier the typed people go into.
    people (list of dict): imported people, each {"name", "note", "company", "position",
        "tier"} (strings, and the tier's index); they follow the typed ones.
    intervals (list of int): months between reminders for each tier, in the order of
        options["tiers"], each one of options["intervals"].
    first (str): "YYYY-MM-DD"; the first reminder is on or after this date.
    spread (bool): spread each tier's start dates over that tier's interval.
    alarm (str): "none", "day-before" or "same-day".
    years (int): 0 = never ends, else one of options["end_after_years"].
    text (str): the reminder text (event description) with {name}, {note}, {company} and
        {position}; a line with one of the last three is left out when the person has none.
Options (what the site sets) are `ReminderSettings.options()`.

All text is normalised to NFC first, so "Zoë" typed with a combining accent is the same person
as the precomposed one. Lengths are counted in grapheme clusters (what a reader sees as one
character: a family emoji is one), with the same Unicode rules as the browser's Intl.Segmenter.
"""

import re
import unicodedata
from dataclasses import dataclass

import regex

from .ics import ALARM_TRIGGERS, LINE_BREAK, Reminder, build_calendar
from .schedule import SPACE, first_start, make_uids, occurrence_count, parse_date, spread_starts

_PLACEHOLDER = re.compile(r"\{(name|note|company|position)\}")
_OPTIONAL = ("note", "company", "position")
_EDGE_SPACE = re.compile(f"^{SPACE}+|{SPACE}+$")
_GRAPHEME = regex.compile(r"\X")


@dataclass(frozen=True)
class Contact:
    name: str
    note: str = ""
    company: str = ""
    position: str = ""
    tier: int = 0


@dataclass(frozen=True)
class Problem:
    """One reason the form gives no file: the field, a stable code, the 1-based line or person."""

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
    """`text` in NFC without white space at either end (the same characters as plan.js)."""
    return _EDGE_SPACE.sub("", unicodedata.normalize("NFC", text))


def grapheme_count(text: str) -> int:
    """How many characters a reader sees in `text` (extended grapheme clusters, UAX #29)."""
    return len(_GRAPHEME.findall(text))


def longer_than(text: str, limit: int) -> bool:
    """Whether `text` has more than `limit` graphemes (never more than code points: cheap first)."""
    return len(text) > limit and grapheme_count(text) > limit


def _length_problem(contact: Contact, options: dict) -> str | None:
    name = options["max_name_length"]
    if not contact.name:
        return "missing-name"
    if longer_than(contact.name, name):
        return "name-too-long"
    if longer_than(contact.note, options["max_note_length"]):
        return "note-too-long"
    if longer_than(contact.company, name) or longer_than(contact.position, name):
        return "detail-too-long"
    return None


def read_contacts(text: str, options: dict, tier: int = 0) -> tuple[list[Contact], Problem | None]:
    """The typed contacts in `text`, and the first problem found with them (None if all is well)."""
    lines = LINE_BREAK.split(text)
    filled = [(number, line) for number, line in enumerate(lines, 1) if trim(line)]
    if not filled:
        return [], Problem("contacts", "no-contacts")
    if len(filled) > options["max_contacts"]:
        return [], Problem("contacts", "too-many-contacts")
    contacts = []
    for number, line in filled:
        name, _, note = line.partition(options["note_separator"])
        contact = Contact(trim(name), trim(note), tier=tier)
        code = _length_problem(contact, options)
        if code is not None:
            return [], Problem("contacts", code, number)
        contacts.append(contact)
    return contacts, None


def read_people(people: list, options: dict) -> tuple[list[Contact], Problem | None]:
    """The imported people, and the first problem with them (its `line` is the 1-based person)."""
    contacts = []
    for number, person in enumerate(people, 1):
        tier = person.get("tier")
        if not _is_int(tier) or not 0 <= tier < len(options["tiers"]):
            return [], Problem("people", "invalid-tier", number)
        contact = Contact(
            *(trim(person.get(key) or "") for key in ("name", "note", "company", "position")),
            tier=tier,
        )
        code = _length_problem(contact, options)
        if code is not None:
            return [], Problem("people", code, number)
        contacts.append(contact)
    return contacts, None


def fill(template: str, contact: Contact) -> str:
    """`template` with the placeholders; a line using a detail the contact lacks is left out."""
    lines = LINE_BREAK.split(template)
    for key in _OPTIONAL:
        if not getattr(contact, key):
            lines = [line for line in lines if f"{{{key}}}" not in line]
    return _PLACEHOLDER.sub(lambda match: getattr(contact, match[1]), "\n".join(lines))


def _is_int(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _all_contacts(form: dict, options: dict) -> tuple[list[Contact], list[Problem]]:
    tier = form["tier"]
    if not _is_int(tier) or not 0 <= tier < len(options["tiers"]):
        return [], [Problem("tier", "invalid-tier")]
    people, problem = read_people(form["people"], options)
    if problem is not None:
        return [], [problem]
    if people and not trim(form["contacts"]):
        typed: list[Contact] = []
    else:
        typed, problem = read_contacts(form["contacts"], options, tier)
        if problem is not None:
            return [], [problem]
    if len(typed) + len(people) > options["max_contacts"]:
        return [], [Problem("contacts", "too-many-contacts")]
    return typed + people, []


def _check_choices(form: dict, options: dict) -> list[Problem]:
    problems = []
    if not isinstance(form["first"], str) or parse_date(form["first"]) is None:
        problems.append(Problem("first", "invalid-date"))
    intervals = form["intervals"]
    if not (
        isinstance(intervals, list)
        and len(intervals) == len(options["tiers"])
        and all(_is_int(i) and i in options["intervals"] for i in intervals)
    ):
        problems.append(Problem("intervals", "invalid-interval"))
    if form["alarm"] != "none" and form["alarm"] not in ALARM_TRIGGERS:
        problems.append(Problem("alarm", "invalid-alarm"))
    years = form["years"]
    if not _is_int(years) or (years != 0 and years not in options["end_after_years"]):
        problems.append(Problem("years", "invalid-years"))
    return problems


def plan_reminders(form: dict, options: dict) -> list[Reminder]:
    """One Reminder per person in the form; InputError listing every problem otherwise."""
    contacts, problems = _all_contacts(form, options)
    problems += _check_choices(form, options)
    if problems:
        raise InputError(problems)
    first = first_start(parse_date(form["first"]))
    starts = [first] * len(contacts)
    for tier, interval in enumerate(form["intervals"]):
        members = [index for index, contact in enumerate(contacts) if contact.tier == tier]
        tier_starts = spread_starts(first, len(members), interval, form["spread"] is True)
        for index, start in zip(members, tier_starts, strict=True):
            starts[index] = start
    uids = make_uids([c.name for c in contacts], form["list"], options["uid_domain"])
    text = unicodedata.normalize("NFC", form["text"])
    return [
        Reminder(
            uid=uid,
            start=start,
            interval=form["intervals"][contact.tier],
            count=occurrence_count(form["intervals"][contact.tier], form["years"]),
            summary=fill(options["summary"], contact),
            description=fill(text, contact),
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
