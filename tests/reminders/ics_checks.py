"""Checks every keep-in-touch file must pass, shared by the pure, site and browser tests.

`lint` is our own octet-level check: the parsers we use accept bare LF, long lines, unescaped
commas and a byte order mark without a word, so they cannot be the only gate. `parse_strictly`
adds vobject's validation and icalendar; `expand` lists the dates a calendar app would show.
"""

import re
from collections import defaultdict
from datetime import date, timedelta

import icalendar
import recurring_ical_events
import vobject

MAX_OCTETS = 75
TEXT_PROPERTIES = {"SUMMARY", "DESCRIPTION", "CATEGORIES", "PRODID"}
CALENDAR_ONCE = {"VERSION": "2.0", "CALSCALE": "GREGORIAN", "METHOD": "PUBLISH", "PRODID": None}
EVENT_ONCE = ("UID", "DTSTAMP", "DTSTART", "DTEND", "RRULE", "SUMMARY")
_VALID_TEXT = re.compile(r"(?:[^\\;,\x00-\x08\x0a-\x1f\x7f]|\\[\\;,nN])*")
_VALUE_DATE = re.compile(r";VALUE=DATE:([0-9]{8})")
_UTC = re.compile(r":[0-9]{8}T[0-9]{6}Z")
_RRULE = re.compile(r":FREQ=MONTHLY;INTERVAL=[1-9][0-9]*(;COUNT=[1-9][0-9]*)?")
_TRIGGER = re.compile(r":-?P(?:[0-9]+D|T[0-9]+[HMS]|[0-9]+DT[0-9]+[HMS])")


def _physical_problems(data: bytes) -> list[str]:
    problems = []
    if data.startswith(b"\xef\xbb\xbf"):
        problems.append("starts with a byte order mark")
    if not data.endswith(b"\r\n"):
        problems.append("does not end with CRLF")
    for number, raw in enumerate(data.removesuffix(b"\r\n").split(b"\r\n"), 1):
        if b"\r" in raw or b"\n" in raw:
            problems.append(f"line {number}: bare CR or LF")
        if len(raw) > MAX_OCTETS:
            problems.append(f"line {number}: {len(raw)} octets")
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError:
            problems.append(f"line {number}: not valid UTF-8 on its own (split character?)")
    return problems


def unfold(text: str) -> list[str]:
    """The logical lines of an iCalendar text (CRLF + one space or tab joins lines)."""
    return re.sub(r"\r\n[ \t]", "", text).removesuffix("\r\n").split("\r\n")


def _day(value: str) -> date:
    return date(int(value[:4]), int(value[4:6]), int(value[6:]))


def _property_problems(name: str, rest: str, where: str) -> list[str]:
    problems = []
    if name in TEXT_PROPERTIES and not _VALID_TEXT.fullmatch(rest[1:]):
        problems.append(f"{where}: {name} is not escaped TEXT")
    if name in ("DTSTART", "DTEND"):
        match = _VALUE_DATE.fullmatch(rest)
        if match is None:
            problems.append(f"{where}: {name} is not an all-day VALUE=DATE")
        elif name == "DTSTART" and _day(match[1]).day > 28:
            problems.append(
                f"{where}: DTSTART on day {_day(match[1]).day}, months would be skipped"
            )
    checks = {"DTSTAMP": _UTC, "RRULE": _RRULE, "TRIGGER": _TRIGGER}
    if name in checks and not checks[name].fullmatch(rest):
        problems.append(f"{where}: bad {name} value {rest[1:]!r}")
    return problems


def _component_problems(kind: str, props: list[tuple[str, str]], where: str) -> list[str]:
    problems = []
    names = [name for name, _ in props]
    values = dict(props)
    if kind == "VCALENDAR":
        for name, wanted in CALENDAR_ONCE.items():
            if names.count(name) != 1:
                problems.append(f"{where}: VCALENDAR needs exactly one {name}")
            elif wanted is not None and values[name] != ":" + wanted:
                problems.append(f"{where}: {name} must be {wanted}")
    elif kind == "VEVENT":
        problems += [
            f"{where}: VEVENT needs exactly one {n}" for n in EVENT_ONCE if names.count(n) != 1
        ]
        start, end = values.get("DTSTART", ""), values.get("DTEND", "")
        both_dates = _VALUE_DATE.fullmatch(start) and _VALUE_DATE.fullmatch(end)
        if both_dates and _day(end[-8:]) != _day(start[-8:]) + timedelta(days=1):
            problems.append(f"{where}: DTEND is not the day after DTSTART")
    elif kind == "VALARM":
        problems += [f"{where}: VALARM needs {n}" for n in ("ACTION", "TRIGGER") if n not in names]
        if values.get("ACTION") == ":DISPLAY" and "DESCRIPTION" not in names:
            problems.append(f"{where}: a DISPLAY alarm needs a DESCRIPTION")
    return problems


def lint(data: bytes) -> list[str]:
    """Every way `data` breaks our file rules (RFC 5545 plus our design); [] when it is clean."""
    problems = _physical_problems(data)
    text = data.decode("utf-8", errors="replace").removeprefix("\ufeff")
    stack: list[tuple[str, list, bool]] = []
    uids: list[str] = []
    for number, line in enumerate(unfold(text), 1):
        where = f"logical line {number}"
        match = re.match(r"([A-Z][A-Z0-9-]*)([;:].*)", line)
        if match is None:
            problems.append(f"{where}: not a property line: {line[:40]!r}")
            continue
        name, rest = match.groups()
        if name == "BEGIN":
            if stack and stack[-1][0] == "VEVENT":
                stack[-1] = (stack[-1][0], stack[-1][1], True)
            stack.append((rest[1:], [], False))
        elif name == "END":
            if not stack or stack[-1][0] != rest[1:]:
                problems.append(f"{where}: END:{rest[1:]} does not close the open component")
                continue
            kind, props, _ = stack.pop()
            problems += _component_problems(kind, props, where)
        elif not stack:
            problems.append(f"{where}: {name} outside any component")
        else:
            kind, props, after_child = stack[-1]
            if after_child:
                problems.append(f"{where}: {name} comes after a VALARM; Apple rejects that")
            props.append((name, rest))
            problems += _property_problems(name, rest, where)
            if kind == "VEVENT" and name == "UID":
                uids.append(rest)
    if stack:
        problems.append(f"unclosed component {stack[-1][0]}")
    if len(set(uids)) != len(uids):
        problems.append("two events share a UID")
    return problems


def parse_strictly(data: bytes) -> icalendar.Calendar:
    """Parse with vobject's validation (raises on a fault) and return icalendar's reading."""
    text = data.decode("utf-8")
    vobject.readOne(text, validate=True).serialize(validate=True)
    return icalendar.Calendar.from_ical(text)


def printable(text: str) -> str:
    """`text` as it reads back from a file: TEXT cannot hold control characters except tab."""
    return "".join(c for c in text if c == "\t" or (ord(c) >= 0x20 and ord(c) != 0x7F))


def vobject_summaries(data: bytes) -> list[str]:
    """SUMMARY of each event as vobject reads it (vobject cuts at an unescaped comma)."""
    calendar = vobject.readOne(data.decode("utf-8"), validate=True)
    return [event.summary.value for event in calendar.vevent_list]


def expand(calendar: icalendar.Calendar, start: date, end: date) -> dict[str, list[date]]:
    """Occurrence dates per UID from `start` (inclusive) to `end` (exclusive)."""
    dates = defaultdict(list)
    for event in recurring_ical_events.of(calendar).between(start, end):
        dates[str(event["UID"])].append(event["DTSTART"].dt)
    return {uid: sorted(days) for uid, days in dates.items()}
