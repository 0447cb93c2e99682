"""Dates and identities of keep-in-touch reminders: calendar arithmetic only, no clock, no zone.

`theme/static/js/schedule.js` is the twin of this module, function for function; the shared
vectors in tests/vectors/ics/ keep the two equal.

Decisions:
- Every reminder is an all-day date (year, month, day). Nothing here reads a clock or a time
  zone, so no zone can move a date; the browser twin uses integer arithmetic, never `Date`.
- Start days stay on 1-28. RFC 5545 skips (never moves) a monthly repeat on a day the month
  lacks, so "every 6 months" from Aug 31 would fire only once a year. The reader's date means
  "on or after", so a chosen 29th-31st moves forward to the 1st of the next month; a spread
  date (always later than the chosen one) past the 28th is clamped back to the 28th.
- Spreading N contacts over an interval of n months: contact i starts i*n/N months after the
  first date. The whole months are added to the first date; the fraction becomes that share of
  the days up to the next month (rounded down). With N <= n every contact gets its own month.
- UID: "kit-" + FNV-1a 64-bit hash (16 hex digits) of the list's identity and the person's
  identity joined by a newline, then "@" + domain. An identity (`identity`) is the text in NFC,
  white space runs made one space, upper-cased then lower-cased (the case folding both languages
  do alike: "ß" and "SS" meet as "ss"). It depends on who the person is and on the list name the
  reader controls, never on the interval, the start date or the position in the list, so adding,
  removing or reordering people, changing a tier or downloading again on another day keeps every
  UID, and calendars that follow UIDs update the events instead of adding second copies.
  FNV rather than SHA because the browser twin must be synchronous and work outside secure
  contexts, where `crypto.subtle` is missing. A repeated identity gets "#2", "#3"... appended to
  its key, so two people with the same name never collapse into one event.
"""

import calendar
import re
import unicodedata
from collections import Counter
from datetime import date, timedelta

LAST_SAFE_DAY = 28
MIN_YEAR, MAX_YEAR = 1900, 2999
_ISO_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
_FNV_OFFSET = 0xCBF29CE484222325
_FNV_PRIME = 0x100000001B3
_MASK64 = (1 << 64) - 1
# Spelled out because Python's str.split() and JavaScript's \s disagree on a few characters.
SPACE = "[\t\n\x0b\x0c\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]"
_SPACE_RUN = re.compile(f"{SPACE}+")


def parse_date(text: str) -> date | None:
    """A real calendar date from "YYYY-MM-DD" with a year 1900-2999, else None."""
    match = _ISO_DATE.fullmatch(text)
    if match is None:
        return None
    year, month, day = (int(part) for part in match.groups())
    if not MIN_YEAR <= year <= MAX_YEAR or not 1 <= month <= 12:
        return None
    if not 1 <= day <= calendar.monthrange(year, month)[1]:
        return None
    return date(year, month, day)


def add_months(day: date, months: int) -> date:
    """`day` moved by whole months, its day of month cut to the length of the target month."""
    year, month_index = divmod(day.year * 12 + day.month - 1 + months, 12)
    length = calendar.monthrange(year, month_index + 1)[1]
    return date(year, month_index + 1, min(day.day, length))


def first_start(chosen: date) -> date:
    """The first day on or after `chosen` whose day of month is 1-28."""
    if chosen.day <= LAST_SAFE_DAY:
        return chosen
    return add_months(chosen.replace(day=1), 1)


def clamp_day(day: date) -> date:
    """`day` with a day of month above 28 moved back to the 28th."""
    return day.replace(day=min(day.day, LAST_SAFE_DAY))


def spread_starts(first: date, count: int, interval: int, spread: bool) -> list[date]:
    """Start dates of `count` contacts: all on `first`, or spread evenly over one interval.

    `first` must already be on day 1-28 (see `first_start`).
    """
    if not spread:
        return [first] * count
    starts = []
    for index in range(count):
        months, share = divmod(index * interval, count)
        base = add_months(first, months)
        month_days = (add_months(first, months + 1) - base).days
        starts.append(clamp_day(base + timedelta(days=share * month_days // count)))
    return starts


def occurrences(start: date, interval: int, limit: int) -> list[date]:
    """The first `limit` dates of a reminder repeating every `interval` months from `start`."""
    return [add_months(start, k * interval) for k in range(limit)]


def occurrence_count(interval: int, years: int) -> int | None:
    """How many reminders fall within `years` years (None = never ends): the RRULE COUNT."""
    if years == 0:
        return None
    return -(-12 * years // interval)


def fnv1a64(text: str) -> str:
    """FNV-1a 64-bit hash of the UTF-8 bytes of `text`, as 16 lower-case hex digits."""
    value = _FNV_OFFSET
    for byte in text.encode("utf-8"):
        value = ((value ^ byte) * _FNV_PRIME) & _MASK64
    return f"{value:016x}"


def identity(text: str) -> str:
    """Who `text` names, for a UID: NFC, one space between words, no case (see the docstring)."""
    text = _SPACE_RUN.sub(" ", unicodedata.normalize("NFC", text)).strip(" ")
    return unicodedata.normalize("NFC", text.upper().lower())


def make_uids(names: list[str], list_name: str, domain: str) -> list[str]:
    """One stable UID per name, in order, within the list `list_name`; repeats get a numbered key."""
    seen: Counter[str] = Counter()
    uids = []
    prefix = identity(list_name)
    for name in names:
        key = f"{prefix}\n{identity(name)}"
        seen[key] += 1
        if seen[key] > 1:
            key += f"\n#{seen[key]}"
        uids.append(f"kit-{fnv1a64(key)}@{domain}")
    return uids
