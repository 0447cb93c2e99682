"""The `REMINDERS` setting of the keep-in-touch tool: defaults and validation in one place.

Every key is optional; the defaults are what the page offers.

Keys:
    intervals (list of int, default [1, 2, 3, 6, 12]): the "every N months" choices, each 1-24.
    default_interval (int, default 6): the preselected interval, one of `intervals`.
    end_after_years (list of int, default [1, 2, 3, 5, 10]): the "stop after N years" choices
        offered next to "never", which is always offered and preselected.
    default_alarm (str, default "day-before"): "none", "day-before" (09:00 the day before) or
        "same-day" (09:00 on the day).
    spread (bool, default True): whether "spread contacts across the interval" starts ticked.
    first_offset_days (int, default 7): the date field starts at the reader's today plus this.
    max_contacts (int, default 500): more contact lines than this is an error and gives no file.
    max_name_length (int, default 100), max_note_length (int, default 1000): longest name and
        note, in characters (Unicode code points, the same count in Python and JavaScript).
    note_separator (str, default "|"): splits a line into "name | note" at its first occurrence.
    summary (str, default "Check in with {name}"): event title and alarm text; `{name}` only.
    reminder_text (str): default of the reader's editable reminder text (the event description);
        `{name}` and `{note}` are filled in, and a line with `{note}` is left out when a contact
        has no note.
    category (str, default "Keep in touch"): the CATEGORIES value of every event.
    preview_count (int, default 4): how many upcoming dates the live preview lists per contact.
    google_links (bool, default True): offer the opt-in "Add to Google Calendar" links.
    filename (str, default "keep-in-touch.ics"): name of the file the browser downloads.
    prodid (str): PRODID of every file. Constant, without a version, so files are byte-stable.
    uid_domain (str, default "reconnect.example"): the part after "@" in every UID; set it to
        the site's real domain.
    example_dir (str, default "tools/keep-in-touch"): folder (inside output/) that receives the
        example files built for readers without JavaScript, one per interval.
    example_first (str "YYYY-MM-DD", default "2027-01-04"): first reminder of the example files.
        Their DTSTAMP is this day at 00:00 UTC, never the clock, so every build is identical.
    example_contacts (list of str): the "name | note" lines of the example files.
"""

import re
from dataclasses import dataclass, fields

from known_keys import reject_unknown_keys

from .ics import ALARM_TRIGGERS
from .plan import read_contacts
from .schedule import parse_date

ALARMS = ("none", *ALARM_TRIGGERS)


@dataclass(frozen=True)
class ReminderSettings:
    """The checked REMINDERS, defaults filled in; the module docstring describes every key."""

    intervals: tuple[int, ...] = (1, 2, 3, 6, 12)
    default_interval: int = 6
    end_after_years: tuple[int, ...] = (1, 2, 3, 5, 10)
    default_alarm: str = "day-before"
    spread: bool = True
    first_offset_days: int = 7
    max_contacts: int = 500
    max_name_length: int = 100
    max_note_length: int = 1000
    note_separator: str = "|"
    summary: str = "Check in with {name}"
    reminder_text: str = (
        "Time to check in with {name}. A short, friendly message is enough.\n"
        "Last time you talked about: {note}"
    )
    category: str = "Keep in touch"
    preview_count: int = 4
    google_links: bool = True
    filename: str = "keep-in-touch.ics"
    prodid: str = "-//Reconnect//Keep in touch//EN"
    uid_domain: str = "reconnect.example"
    example_dir: str = "tools/keep-in-touch"
    example_first: str = "2027-01-04"
    example_contacts: tuple[str, ...] = (
        "someone from your last team | what they are working on now",
        "a former manager | the project you finished together",
        "a friend from your course",
    )

    def options(self) -> dict:
        """The site's side of a calendar, as `plan.calendar_text` and the browser take it."""
        keys = (
            "intervals", "end_after_years", "max_contacts", "max_name_length",
            "max_note_length", "note_separator", "summary", "category", "prodid", "uid_domain",
        )  # fmt: skip
        return {key: _plain(getattr(self, key)) for key in keys}

    def script_data(self) -> dict:
        """What the page script needs, JSON-ready: the options and its own few settings."""
        return {
            "options": self.options(),
            "filename": self.filename,
            "preview_count": self.preview_count,
            "first_offset_days": self.first_offset_days,
        }


def _plain(value):
    return list(value) if isinstance(value, tuple) else value


def _is_int(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _int_list(value, low: int, high: int) -> bool:
    return (
        isinstance(value, (list, tuple))
        and len(value) > 0
        and all(_is_int(v) and low <= v <= high for v in value)
        and len(set(value)) == len(value)
    )


def _text(value) -> bool:
    return isinstance(value, str) and value.strip() != ""


_CHECKS = {
    "intervals": (lambda v: _int_list(v, 1, 24), "a non-empty list of distinct integers 1-24"),
    "default_interval": (lambda v: _is_int(v) and 1 <= v <= 24, "an integer 1-24"),
    "end_after_years": (
        lambda v: _int_list(v, 1, 50),
        "a non-empty list of distinct integers 1-50",
    ),
    "default_alarm": (lambda v: v in ALARMS, f"one of {', '.join(ALARMS)}"),
    "spread": (lambda v: isinstance(v, bool), "true or false"),
    "first_offset_days": (lambda v: _is_int(v) and 0 <= v <= 366, "an integer 0-366"),
    "max_contacts": (lambda v: _is_int(v) and 1 <= v <= 5000, "an integer 1-5000"),
    "max_name_length": (lambda v: _is_int(v) and 1 <= v <= 1000, "an integer 1-1000"),
    "max_note_length": (lambda v: _is_int(v) and 1 <= v <= 10000, "an integer 1-10000"),
    "note_separator": (
        lambda v: _text(v) and "\n" not in v and "\r" not in v,
        "a non-blank single-line string",
    ),
    "summary": (
        lambda v: _text(v) and "{note}" not in v and "\n" not in v,
        "a single line of text using {name} but not {note}",
    ),
    "reminder_text": (lambda v: isinstance(v, str), "a string"),
    "category": (lambda v: _text(v) and "\n" not in v, "a non-blank single line of text"),
    "preview_count": (lambda v: _is_int(v) and 1 <= v <= 24, "an integer 1-24"),
    "google_links": (lambda v: isinstance(v, bool), "true or false"),
    "filename": (
        lambda v: isinstance(v, str) and re.fullmatch(r"[\w.-]+\.ics", v) is not None,
        "a plain file name ending in .ics",
    ),
    "prodid": (lambda v: _text(v) and "\n" not in v, "a non-blank single line of text"),
    "uid_domain": (
        lambda v: isinstance(v, str) and re.fullmatch(r"[A-Za-z0-9.-]+", v) is not None,
        "a domain name such as example.org",
    ),
    "example_dir": (
        lambda v: isinstance(v, str) and re.fullmatch(r"[\w-]+(/[\w-]+)*", v) is not None,
        "a relative folder such as tools/keep-in-touch",
    ),
    "example_first": (
        lambda v: isinstance(v, str) and parse_date(v) is not None,
        "a YYYY-MM-DD date",
    ),
    "example_contacts": (
        lambda v: isinstance(v, (list, tuple)) and len(v) > 0 and all(_text(x) for x in v),
        "a non-empty list of 'name | note' strings",
    ),
}


def load_settings(raw: dict | None) -> ReminderSettings:
    """Merge `raw` (the REMINDERS dict) over the defaults; raise ValueError naming any bad key."""
    raw = dict(raw or {})
    reject_unknown_keys("REMINDERS", raw, (f.name for f in fields(ReminderSettings)))
    for key, value in raw.items():
        check, expected = _CHECKS[key]
        if not check(value):
            raise ValueError(f"REMINDERS['{key}'] must be {expected}, got {value!r}")
        if isinstance(value, list):
            raw[key] = tuple(value)
    merged = ReminderSettings(**raw)
    if merged.default_interval not in merged.intervals:
        raise ValueError(
            f"REMINDERS['default_interval'] must be one of the intervals {list(merged.intervals)}, "
            f"got {merged.default_interval!r}"
        )
    _, problem = read_contacts("\n".join(merged.example_contacts), merged.options())
    if problem is not None:
        where = f" line {problem.line}" if problem.line else ""
        raise ValueError(f"REMINDERS['example_contacts']{where} is not valid: {problem.code}")
    return merged
