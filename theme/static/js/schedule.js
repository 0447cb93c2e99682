// Reminder dates and UIDs, browser twin of plugins/reminders/schedule.py (same functions; its
// docstring records the decisions). A date is a plain {year, month, day}; only UTC arithmetic
// touches it, so the reader's time zone cannot move a day.

export const LAST_SAFE_DAY = 28;
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2999;
const encoder = new TextEncoder();
export const ASCII = /^[\x00-\x7f]*$/;
// Number.toString(16) is slow: thousands of UIDs are written from a table of the 256 bytes.
const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, "0"));
const hex = (word) =>
  HEX[word >>> 24] + HEX[(word >>> 16) & 255] + HEX[(word >>> 8) & 255] + HEX[word & 255];

const DAY = 86400000;

export function daysInMonth(year, month) {
  if (month !== 2) return 30 + ((month + (month >> 3)) & 1);
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
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

// The DTEND of every event, without a Date object each.
export function nextDay(date) {
  if (date.day < daysInMonth(date.year, date.month)) return { ...date, day: date.day + 1 };
  return addMonths({ ...date, day: 1 }, 1);
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
  // An ASCII text's UTF-16 units are its UTF-8 bytes: most names need no encoding.
  const bytes = ASCII.test(text) ? null : encoder.encode(text);
  const length = bytes ? bytes.length : text.length;
  let hi = 0xcbf29ce4;
  let lo = 0x84222325;
  for (let at = 0; at < length; at += 1) {
    lo ^= bytes ? bytes[at] : text.charCodeAt(at);
    // The low half times 0x1b3 in 16-bit halves, so every product is exact.
    const low = (lo & 0xffff) * 0x1b3;
    const high = (lo >>> 16) * 0x1b3 + (low >>> 16);
    hi = (Math.imul(hi, 0x1b3) + (high >>> 16) + (lo << 8)) | 0;
    lo = (high << 16) | (low & 0xffff);
  }
  return hex(hi) + hex(lo);
}

// Spelled out: Python's and JavaScript's white space differ on a few characters.
export const SPACE =
  "[\\t\\n\\x0b\\x0c\\r \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff]";
const SPACE_RUN = new RegExp(`${SPACE}+`, "gu");
// Printable ASCII words, single spaces, none at the edges: NFC and trimming change nothing.
export const PLAIN = /^(?:[\x21-\x7e]+(?: [\x21-\x7e]+)*)?$/;

export function identity(text) {
  if (PLAIN.test(text)) return text.toLowerCase();
  const single = text.normalize("NFC").replace(SPACE_RUN, " ").replace(/^ +| +$/g, "");
  return single.toUpperCase().toLowerCase().normalize("NFC");
}

export function makeUids(names, listName, domain) {
  const seen = new Map();
  const prefix = identity(listName);
  // Counted by identity alone: the prefix is the same for all, and short keys hash faster.
  return names.map((name) => {
    const who = identity(name);
    const times = (seen.get(who) ?? 0) + 1;
    seen.set(who, times);
    let key = `${prefix}\n${who}`;
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
