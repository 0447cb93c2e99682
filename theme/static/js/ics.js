// The iCalendar writer, browser twin of plugins/reminders/ics.py: same functions, documented
// there. The byte rules both follow are in tests/vectors/ics/README.md; its vectors hold the
// exact bytes. Lengths here are UTF-8 octets, never UTF-16 units or code points.

import { addDays } from "./schedule.js";

const MAX_OCTETS = 75;
const encoder = new TextEncoder();
// A DISPLAY alarm on an all-day event counts from 00:00 of that day.
export const ALARM_TRIGGERS = { "day-before": "-PT15H", "same-day": "PT9H" };
export const LINE_BREAK = /\r\n|\r|\n/;
const UTC_STAMP = /^([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})Z$/;

export function escapeText(value) {
  if (!/[\\;,\r\n\x00-\x08\x0b-\x1f\x7f]/.test(value)) return value;
  return value
    .replace(/\\/g, "\\\\")
    .replace(/;/g, "\\;")
    .replace(/,/g, "\\,")
    .replace(new RegExp(LINE_BREAK.source, "g"), "\\n")
    .replace(/[\x00-\x08\x0b-\x1f\x7f]/g, "");
}

export function utf8Length(char) {
  const point = char.codePointAt(0);
  if (point < 0x80) return 1;
  if (point < 0x800) return 2;
  return point < 0x10000 ? 3 : 4;
}

export function foldLine(line) {
  // Most lines are short: the encoder measures them far faster than the loop below.
  if (line.length <= MAX_OCTETS / 4 || (line.length <= MAX_OCTETS && /^[\x00-\x7f]*$/.test(line))) {
    return line;
  }
  if (encoder.encode(line).length <= MAX_OCTETS) return line;
  const parts = [];
  let current = "";
  let size = 0;
  for (const char of line) {
    const length = utf8Length(char);
    if (size + length > MAX_OCTETS) {
      parts.push(current);
      current = " ";
      size = 1;
    }
    current += char;
    size += length;
  }
  parts.push(current);
  return parts.join("\r\n");
}

export function formatDate({ year, month, day }) {
  return `${String(year).padStart(4, "0")}${String(month).padStart(2, "0")}${String(day).padStart(2, "0")}`;
}

export function formatStamp(now) {
  const match = UTC_STAMP.exec(now);
  if (match === null) throw new RangeError(`now must look like 2027-01-15T09:30:00Z, got ${now}`);
  const [year, month, day, hour, minute, second] = match.slice(1);
  return `${year}${month}${day}T${hour}${minute}${second}Z`;
}

export function recurrenceRule(reminder) {
  const rule = `FREQ=MONTHLY;INTERVAL=${reminder.interval}`;
  return reminder.count === null ? rule : `${rule};COUNT=${reminder.count}`;
}

function eventLines(reminder, stamp, category) {
  const lines = [
    "BEGIN:VEVENT",
    `UID:${reminder.uid}`,
    `DTSTAMP:${stamp}`,
    `DTSTART;VALUE=DATE:${formatDate(reminder.start)}`,
    `DTEND;VALUE=DATE:${formatDate(addDays(reminder.start, 1))}`,
    `RRULE:${recurrenceRule(reminder)}`,
    `SUMMARY:${escapeText(reminder.summary)}`,
  ];
  if (reminder.description) lines.push(`DESCRIPTION:${escapeText(reminder.description)}`);
  lines.push("TRANSP:TRANSPARENT", `CATEGORIES:${escapeText(category)}`);
  if (reminder.alarm !== "none") {
    lines.push(
      "BEGIN:VALARM",
      "ACTION:DISPLAY",
      `DESCRIPTION:${escapeText(reminder.summary)}`,
      `TRIGGER:${ALARM_TRIGGERS[reminder.alarm]}`,
      "END:VALARM",
    );
  }
  lines.push("END:VEVENT");
  return lines;
}

export function buildCalendar(reminders, { now, prodid, category }) {
  const stamp = formatStamp(now);
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    `PRODID:${escapeText(prodid)}`,
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
  ];
  for (const reminder of reminders) lines.push(...eventLines(reminder, stamp, category));
  lines.push("END:VCALENDAR");
  return lines.map((line) => `${foldLine(line)}\r\n`).join("");
}
