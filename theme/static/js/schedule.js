// Reminder dates and UIDs, browser twin of plugins/reminders/schedule.py (same functions; its
// docstring records the decisions). A date is a plain {year, month, day}; only UTC arithmetic
// touches it, so the reader's time zone cannot move a day.

export const LAST_SAFE_DAY = 28;
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2999;
const encoder = new TextEncoder();

const DAY = 86400000;

export function daysInMonth(year, month) {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
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

export function toDays({ year, month, day }) {
  return Date.UTC(year, month - 1, day) / DAY;
}

export function fromDays(days) {
  const date = new Date(days * DAY);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
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

// 64-bit arithmetic in two 32-bit halves: BigInt is ten times slower on thousands of names.
// The prime is 2^40 + 0x1b3, so value * prime = value * 0x1b3 + (low half << 40).
export function fnv1a64(text) {
  let hi = 0xcbf29ce4;
  let lo = 0x84222325;
  for (const byte of encoder.encode(text)) {
    lo ^= byte;
    const low = (lo >>> 0) * 0x1b3;
    hi = (hi * 0x1b3 + Math.floor(low / 0x100000000) + ((lo << 8) >>> 0)) >>> 0;
    lo = low >>> 0;
  }
  return hi.toString(16).padStart(8, "0") + lo.toString(16).padStart(8, "0");
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
