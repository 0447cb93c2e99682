"""The `REMINDERS` setting of the keep-in-touch tool: defaults and validation in one place.

Every key is optional; the defaults are what the page offers.

Keys:
    intervals (list of int, default [1, 2, 3, 6, 12]): the "every N months" choices, each 1-24.
    tiers (list of {"name", "interval"}, default Close every 3 months, Wider every 6, Distant
        every 12, as the article "Keep in Touch on a Schedule" recommends): the groups a reader
        puts people in, each with its preselected interval (one of `intervals`); names are
        distinct single lines. The reader may change each tier's interval on the page.
    default_tier (str, default "Wider"): the tier typed and imported people start in.
    list_name (str, default "My network"): the preset name of the reader's list, part of every
        UID (a re-download with the same list name updates the events instead of adding copies).
    max_import (int, default 20000): a contacts file with more people than this is refused.
    end_after_years (list of int, default [1, 2, 3, 5, 10]): the "stop after N years" choices
        offered next to "never", which is always offered and preselected.
    default_alarm (str, default "day-before"): "none", "day-before" (09:00 the day before) or
        "same-day" (09:00 on the day).
    spread (bool, default True): whether "spread contacts across the interval" starts ticked.
    first_offset_days (int, default 7): the date field starts at the reader's today plus this.
    max_contacts (int, default 2000): more people than this in one file is an error.
    max_name_length (int, default 100), max_note_length (int, default 1000): longest name (and
        company, position) and note, in characters as a reader counts them (grapheme clusters,
        the same count in Python and JavaScript).
    note_separator (str, default "|"): splits a line into "name | note" at its first occurrence.
    summary (str, default "Check in with {name}"): event title and alarm text; `{name}` only.
    reminder_text (str): default of the reader's editable reminder text (the event description);
        `{name}`, `{note}`, `{company}` and `{position}` are filled in, and a line with one of
        the last three is left out when a person has none.
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
    tiers: tuple[dict, ...] = (
        {"name": "Close", "interval": 3},
        {"name": "Wider", "interval": 6},
        {"name": "Distant", "interval": 12},
    )
    default_tier: str = "Wider"
    list_name: str = "My network"
    max_import: int = 20000
    end_after_years: tuple[int, ...] = (1, 2, 3, 5, 10)
    default_alarm: str = "day-before"
    spread: bool = True
    first_offset_days: int = 7
    max_contacts: int = 2000
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
            "intervals", "tiers", "end_after_years", "max_contacts", "max_name_length",
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
            "default_tier": self.default_tier_index,
            "list_name": self.list_name,
            "max_import": self.max_import,
        }

    @property
    def default_tier_index(self) -> int:
        """Position of `default_tier` in `tiers`."""
        return [tier["name"] for tier in self.tiers].index(self.default_tier)


def _plain(value):
    if isinstance(value, tuple):
        return [dict(item) if isinstance(item, dict) else item for item in value]
    return value


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


def _tiers(value) -> bool:
    if not isinstance(value, (list, tuple)) or not value:
        return False
    for tier in value:
        if not (isinstance(tier, dict) and set(tier) == {"name", "interval"}):
            return False
        if not (_text(tier["name"]) and "\n" not in tier["name"]):
            return False
        if not (_is_int(tier["interval"]) and 1 <= tier["interval"] <= 24):
            return False
    return len({tier["name"] for tier in value}) == len(value)


_CHECKS = {
    "intervals": (lambda v: _int_list(v, 1, 24), "a non-empty list of distinct integers 1-24"),
    "tiers": (
        lambda v: _tiers(v),
        'a non-empty list of {"name": distinct single line, "interval": integer 1-24}',
    ),
    "default_tier": (_text, "the name of one of the tiers"),
    "list_name": (lambda v: isinstance(v, str) and "\n" not in v, "a single line of text"),
    "max_import": (lambda v: _is_int(v) and 1 <= v <= 100000, "an integer 1-100000"),
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
    for tier in merged.tiers:
        if tier["interval"] not in merged.intervals:
            raise ValueError(
                f"REMINDERS['tiers'] interval of {tier['name']!r} must be one of the intervals "
                f"{list(merged.intervals)}, got {tier['interval']!r}"
            )
    if merged.default_tier not in [tier["name"] for tier in merged.tiers]:
        raise ValueError(
            f"REMINDERS['default_tier'] must name one of the tiers, got {merged.default_tier!r}"
        )
    _, problem = read_contacts("\n".join(merged.example_contacts), merged.options())
    if problem is not None:
        where = f" line {problem.line}" if problem.line else ""
        raise ValueError(f"REMINDERS['example_contacts']{where} is not valid: {problem.code}")
    return merged
