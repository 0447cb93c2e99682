"""The iCalendar (RFC 5545) writer of keep-in-touch files.

`theme/static/js/ics.js` is the twin of this module; the shared vectors in tests/vectors/ics/
hold the exact bytes both must produce. The rules, written once:

- Lines end with CRLF, the last one too. UTF-8, no byte order mark.
- TEXT values: backslash doubled first, then `;` and `,` get a backslash, every line break
  (CRLF, CR or LF) becomes the two characters `\\n`, and the other control characters (which
  RFC 5545 forbids in TEXT) are dropped; tab stays.
- A line longer than 75 octets is folded: cut before the code point that would pass 75 octets,
  continue after CRLF + one space (so 74 octets of content). A UTF-8 sequence is never split.
- Property order is fixed (see `build_calendar`); PRODID is a constant without a version;
  DTSTAMP and UIDs are arguments, never read from a clock, so equal input gives equal bytes.
- Events are all-day: DTSTART;VALUE=DATE and DTEND (exclusive) one day later, no TZID.
- METHOD:PUBLISH, because REQUEST makes Outlook treat the file as an invitation.
- No X-WR-CALNAME: some clients would create a separate calendar for it.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

MAX_OCTETS = 75
# A DISPLAY alarm on an all-day event counts from 00:00 of that day.
ALARM_TRIGGERS = {"day-before": "-PT15H", "same-day": "PT9H"}
LINE_BREAK = re.compile(r"\r\n|\r|\n")
_FORBIDDEN_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_UTC_STAMP = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})Z")


@dataclass(frozen=True)
class Reminder:
    """One repeating all-day reminder; `count` None repeats forever, `alarm` "none" has none."""

    uid: str
    start: date
    interval: int
    count: int | None
    summary: str
    description: str
    alarm: str


def escape_text(value: str) -> str:
    """`value` as an RFC 5545 TEXT value."""
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    value = LINE_BREAK.sub(r"\\n", value)
    return _FORBIDDEN_CONTROLS.sub("", value)


def fold_line(line: str) -> str:
    """`line` folded into physical lines of at most 75 octets, joined with CRLF + space."""
    if len(line) <= MAX_OCTETS // 4:
        return line
    # Cut the UTF-8 bytes, stepping back off continuation bytes (10xxxxxx) so that no code
    # point is split: the same cuts as walking the code points, without a Python loop over
    # them. "surrogatepass" counts a lone surrogate as 3 octets, as the U+FFFD browsers write.
    data = line.encode("utf-8", "surrogatepass")
    parts, start, room = [], 0, MAX_OCTETS
    while len(data) - start > room:
        end = start + room
        while data[end] & 0xC0 == 0x80:
            end -= 1
        parts.append(data[start:end])
        start, room = end, MAX_OCTETS - 1
    parts.append(data[start:])
    return "\r\n ".join(part.decode("utf-8", "surrogatepass") for part in parts)


def format_date(day: date) -> str:
    """YYYYMMDD, the iCalendar DATE form."""
    return f"{day.year:04d}{day.month:02d}{day.day:02d}"


def format_stamp(now: str) -> str:
    """`now` ("YYYY-MM-DDTHH:MM:SSZ", UTC) as an iCalendar UTC DATE-TIME; ValueError otherwise."""
    match = _UTC_STAMP.fullmatch(now)
    if match is None:
        raise ValueError(f"now must look like 2027-01-15T09:30:00Z, got {now!r}")
    year, month, day, hour, minute, second = match.groups()
    return f"{year}{month}{day}T{hour}{minute}{second}Z"


def recurrence_rule(reminder: Reminder) -> str:
    """The RRULE value: monthly every `interval` months, with COUNT when it ends."""
    rule = f"FREQ=MONTHLY;INTERVAL={reminder.interval}"
    return rule if reminder.count is None else f"{rule};COUNT={reminder.count}"


def _event_lines(reminder: Reminder, stamp: str, category: str) -> list[str]:
    lines = [
        "BEGIN:VEVENT",
        f"UID:{reminder.uid}",
        f"DTSTAMP:{stamp}",
        f"DTSTART;VALUE=DATE:{format_date(reminder.start)}",
        f"DTEND;VALUE=DATE:{format_date(reminder.start + timedelta(days=1))}",
        f"RRULE:{recurrence_rule(reminder)}",
        f"SUMMARY:{escape_text(reminder.summary)}",
    ]
    if reminder.description:
        lines.append(f"DESCRIPTION:{escape_text(reminder.description)}")
    lines += ["TRANSP:TRANSPARENT", f"CATEGORIES:{escape_text(category)}"]
    if reminder.alarm != "none":
        lines += [
            "BEGIN:VALARM",
            "ACTION:DISPLAY",
            f"DESCRIPTION:{escape_text(reminder.summary)}",
            f"TRIGGER:{ALARM_TRIGGERS[reminder.alarm]}",
            "END:VALARM",
        ]
    lines.append("END:VEVENT")
    return lines


def build_calendar(reminders: Iterable[Reminder], *, now: str, prodid: str, category: str) -> str:
    """The whole .ics text: one VEVENT per reminder, DTSTAMP from `now` ("...T..Z", UTC)."""
    stamp = format_stamp(now)
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{escape_text(prodid)}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
    ]
    for reminder in reminders:
        lines += _event_lines(reminder, stamp, category)
    lines.append("END:VCALENDAR")
    return "".join(fold_line(line) + "\r\n" for line in lines)
