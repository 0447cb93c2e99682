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
    max_contacts (int, default 5000, at most 5000): more people than this in one file is an
        error.
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
from dataclasses import dataclass
from typing import Annotated

from known_keys.typed_fields import Rule, between, load_fields, one_of

from .ics import ALARM_TRIGGERS
from .plan import read_contacts
from .schedule import parse_date

ALARMS = ("none", *ALARM_TRIGGERS)


def _distinct(low: int, high: int) -> Rule:
    return Rule(
        lambda v: len(v) > 0 and len(set(v)) == len(v) and all(low <= x <= high for x in v),
        f"a non-empty list of distinct integers {low}-{high}",
    )


def _text(value: str) -> bool:
    return value.strip() != ""


def _matching(pattern: str, expected: str) -> Rule:
    return Rule(lambda v: re.fullmatch(pattern, v) is not None, expected)


ONE_LINE = Rule(lambda v: _text(v) and "\n" not in v, "a non-blank single line of text")
SEPARATOR = Rule(
    lambda v: _text(v) and "\n" not in v and "\r" not in v, "a non-blank single-line string"
)
SUMMARY = Rule(
    lambda v: _text(v) and "{note}" not in v and "\n" not in v,
    "a single line of text using {name} but not {note}",
)
FILE_NAME = _matching(r"[\w.-]+\.ics", "a plain file name ending in .ics")
DOMAIN = _matching(r"[A-Za-z0-9.-]+", "a domain name such as example.org")
FOLDER = _matching(r"[\w-]+(/[\w-]+)*", "a relative folder such as tools/keep-in-touch")
DATE = Rule(lambda v: parse_date(v) is not None, "a YYYY-MM-DD date")


def _tier(tier: dict) -> bool:
    name, interval = tier.get("name"), tier.get("interval")
    return (
        set(tier) == {"name", "interval"}
        and isinstance(name, str)
        and _text(name)
        and "\n" not in name
        and type(interval) is int  # a bool is not an interval
        and 1 <= interval <= 24
    )


TIERS = Rule(
    lambda v: len(v) > 0 and all(map(_tier, v)) and len({t["name"] for t in v}) == len(v),
    'a non-empty list of {"name": distinct single line, "interval": integer 1-24}',
)
CONTACT_LINES = Rule(
    lambda v: len(v) > 0 and all(map(_text, v)), "a non-empty list of 'name | note' strings"
)


@dataclass(frozen=True)
class ReminderSettings:
    """The checked REMINDERS, defaults filled in; the module docstring describes every key."""

    intervals: Annotated[tuple[int, ...], _distinct(1, 24)] = (1, 2, 3, 6, 12)
    tiers: Annotated[tuple[dict, ...], TIERS] = (
        {"name": "Close", "interval": 3},
        {"name": "Wider", "interval": 6},
        {"name": "Distant", "interval": 12},
    )
    default_tier: Annotated[str, ONE_LINE] = "Wider"
    list_name: Annotated[str, Rule(lambda v: "\n" not in v, "a single line of text")] = "My network"
    max_import: Annotated[int, between(1, 100000)] = 20000
    end_after_years: Annotated[tuple[int, ...], _distinct(1, 50)] = (1, 2, 3, 5, 10)
    default_alarm: Annotated[str, one_of(*ALARMS)] = "day-before"
    spread: bool = True
    first_offset_days: Annotated[int, between(0, 366)] = 7
    max_contacts: Annotated[int, between(1, 5000)] = 5000
    max_name_length: Annotated[int, between(1, 1000)] = 100
    max_note_length: Annotated[int, between(1, 10000)] = 1000
    note_separator: Annotated[str, SEPARATOR] = "|"
    summary: Annotated[str, SUMMARY] = "Check in with {name}"
    reminder_text: str = (
        "Time to check in with {name}. A short, friendly message is enough.\n"
        "Last time you talked about: {note}"
    )
    category: Annotated[str, ONE_LINE] = "Keep in touch"
    preview_count: Annotated[int, between(1, 24)] = 4
    google_links: bool = True
    filename: Annotated[str, FILE_NAME] = "keep-in-touch.ics"
    prodid: Annotated[str, ONE_LINE] = "-//Reconnect//Keep in touch//EN"
    uid_domain: Annotated[str, DOMAIN] = "reconnect.example"
    example_dir: Annotated[str, FOLDER] = "tools/keep-in-touch"
    example_first: Annotated[str, DATE] = "2027-01-04"
    example_contacts: Annotated[tuple[str, ...], CONTACT_LINES] = (
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


def load_settings(raw: dict | None) -> ReminderSettings:
    """Merge `raw` (the REMINDERS dict) over the defaults; raise ValueError naming any bad key."""
    merged = load_fields("REMINDERS", ReminderSettings, raw)
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
