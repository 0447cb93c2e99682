// Reminder dates and UIDs, browser twin of plugins/reminders/schedule.py (same functions; its
// docstring records the decisions). A date is a plain {year, month, day}, never a Date, so the
// reader's time zone cannot move a day.

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

export function isoDate(date) {
  return `${pad(date.year, 4)}-${pad(date.month, 2)}-${pad(date.day, 2)}`;
}

// Days since 1970-01-01 and back: H. Hinnant's days_from_civil / civil_from_days.
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

export function addMonths(date, months) {
  const index = date.year * 12 + date.month - 1 + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  return { year, month, day: Math.min(date.day, daysInMonth(year, month)) };
}

export function firstStart(chosen) {
  if (chosen.day <= LAST_SAFE_DAY) return chosen;
  return addMonths({ ...chosen, day: 1 }, 1);
}

export function clampDay(date) {
  return { ...date, day: Math.min(date.day, LAST_SAFE_DAY) };
}

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

export function occurrences(start, interval, limit) {
  return Array.from({ length: limit }, (_, k) => addMonths(start, k * interval));
}

export function occurrenceCount(interval, years) {
  return years === 0 ? null : Math.ceil((12 * years) / interval);
}

export function fnv1a64(text) {
  let value = FNV_OFFSET;
  for (const byte of new TextEncoder().encode(text)) {
    value = ((value ^ BigInt(byte)) * FNV_PRIME) & MASK64;
  }
  return value.toString(16).padStart(16, "0");
}

// Spelled out: Python's and JavaScript's white space differ on a few characters.
export const SPACE =
  "[\\t\\n\\x0b\\x0c\\r \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff]";
const SPACE_RUN = new RegExp(`${SPACE}+`, "gu");

export function identity(text) {
  const single = text.normalize("NFC").replace(SPACE_RUN, " ").replace(/^ +| +$/g, "");
  return single.toUpperCase().toLowerCase().normalize("NFC");
}

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

// The data of the page's load chart: check-ins in each of `weeks` weeks from `from`.
export function weeklyLoad(reminders, from, weeks = 52) {
  const counts = new Array(weeks).fill(0);
  const begin = toDays(from);
  const end = begin + weeks * 7;
  for (const reminder of reminders) {
    for (let k = 0; reminder.count === null || k < reminder.count; k += 1) {
      const day = toDays(addMonths(reminder.start, k * reminder.interval));
      if (day >= end) break;
      if (day >= begin) counts[Math.floor((day - begin) / 7)] += 1;
    }
  }
  return counts;
}
