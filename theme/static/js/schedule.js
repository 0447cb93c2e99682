// Dates and identities of keep-in-touch reminders: integer calendar arithmetic only.
//
// Twin of plugins/reminders/schedule.py, function for function; its docstring records the
// decisions (day 1-28, "on or after", spreading, UIDs). The shared vectors in
// tests/vectors/ics/ keep both equal. A date is a plain {year, month, day} object: a JavaScript
// Date is never used here, so the reader's time zone cannot move a day.

export const LAST_SAFE_DAY = 28;
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2999;
const FNV_OFFSET = 0xcbf29ce484222325n;
const FNV_PRIME = 0x100000001b3n;
const MASK64 = (1n << 64n) - 1n;

function isLeapYear(year) {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year, month) {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** A real date from "YYYY-MM-DD" with a year 1900-2999, else null. */
export function parseDate(text) {
  const match = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/.exec(text);
  if (match === null) return null;
  const [year, month, day] = match.slice(1).map(Number);
  if (year < MIN_YEAR || year > MAX_YEAR || month < 1 || month > 12) return null;
  if (day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

function pad(number, width) {
  return String(number).padStart(width, "0");
}

/** "YYYY-MM-DD". */
export function isoDate(date) {
  return `${pad(date.year, 4)}-${pad(date.month, 2)}-${pad(date.day, 2)}`;
}

// Days since 1970-01-01 and back: H. Hinnant's days_from_civil / civil_from_days, which work
// on whole numbers only (March-based years put the leap day last).
export function toDays({ year, month, day }) {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * ((month + 9) % 12) + 2) / 5) + day - 1;
  const dayOfEra =
    yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

export function fromDays(days) {
  const shifted = days + 719468;
  const era = Math.floor(shifted / 146097);
  const dayOfEra = shifted - era * 146097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36524) -
      Math.floor(dayOfEra / 146096)) /
      365,
  );
  const dayOfYear =
    dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const marchMonth = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * marchMonth + 2) / 5) + 1;
  const month = marchMonth < 10 ? marchMonth + 3 : marchMonth - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

export function addDays(date, days) {
  return fromDays(toDays(date) + days);
}

/** `date` moved by whole months, its day of month cut to the length of the target month. */
export function addMonths(date, months) {
  const index = date.year * 12 + date.month - 1 + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  return { year, month, day: Math.min(date.day, daysInMonth(year, month)) };
}

/** The first day on or after `chosen` whose day of month is 1-28. */
export function firstStart(chosen) {
  if (chosen.day <= LAST_SAFE_DAY) return chosen;
  return addMonths({ ...chosen, day: 1 }, 1);
}

/** `date` with a day of month above 28 moved back to the 28th. */
export function clampDay(date) {
  return { ...date, day: Math.min(date.day, LAST_SAFE_DAY) };
}

/** Start dates of `count` contacts: all on `first`, or spread evenly over one interval. */
export function spreadStarts(first, count, interval, spread) {
  const starts = [];
  for (let index = 0; index < count; index += 1) {
    if (!spread) {
      starts.push(first);
      continue;
    }
    const months = Math.floor((index * interval) / count);
    const share = (index * interval) % count;
    const base = addMonths(first, months);
    const monthDays = toDays(addMonths(first, months + 1)) - toDays(base);
    starts.push(clampDay(addDays(base, Math.floor((share * monthDays) / count))));
  }
  return starts;
}

/** The first `limit` dates of a reminder repeating every `interval` months from `start`. */
export function occurrences(start, interval, limit) {
  return Array.from({ length: limit }, (_, k) => addMonths(start, k * interval));
}

/** How many reminders fall within `years` years (null = never ends): the RRULE COUNT. */
export function occurrenceCount(interval, years) {
  return years === 0 ? null : Math.ceil((12 * years) / interval);
}

/** FNV-1a 64-bit hash of the UTF-8 bytes of `text`, as 16 lower-case hex digits. */
export function fnv1a64(text) {
  let value = FNV_OFFSET;
  for (const byte of new TextEncoder().encode(text)) {
    value = ((value ^ BigInt(byte)) * FNV_PRIME) & MASK64;
  }
  return value.toString(16).padStart(16, "0");
}

// Spelled out because Python's str.split() and JavaScript's \s disagree on a few characters.
export const SPACE =
  "[\\t\\n\\x0b\\x0c\\r \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff]";
const SPACE_RUN = new RegExp(`${SPACE}+`, "gu");

/** Who `text` names, for a UID: NFC, one space between words, no case (see schedule.py). */
export function identity(text) {
  const single = text.normalize("NFC").replace(SPACE_RUN, " ").replace(/^ +| +$/g, "");
  return single.toUpperCase().toLowerCase().normalize("NFC");
}

/** One stable UID per name, in order, within the list `listName`; repeats get a numbered key. */
export function makeUids(names, listName, domain) {
  const seen = new Map();
  const prefix = identity(listName);
  return names.map((name) => {
    let key = `${prefix}\n${identity(name)}`;
    const times = (seen.get(key) ?? 0) + 1;
    seen.set(key, times);
    if (times > 1) key += `\n#${times}`;
    return `kit-${fnv1a64(key)}@${domain}`;
  });
}
