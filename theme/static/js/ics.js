// The iCalendar writer, browser twin of plugins/reminders/ics.py: same functions, documented
// there. The byte rules both follow are in tests/vectors/ics/README.md; its vectors hold the
// exact bytes. Lengths here are UTF-8 octets, never UTF-16 units or code points.

import { ASCII, nextDay } from "./schedule.js";

const MAX_OCTETS = 75;
// A DISPLAY alarm on an all-day event counts from 00:00 of that day.
export const ALARM_TRIGGERS = { "day-before": "-PT15H", "same-day": "PT9H" };
export const LINE_BREAK = /\r\n|\r|\n/;
const UTC_STAMP = /^([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})Z$/;

// One pass, so a backslash put in by an escape is never escaped again.
const SPECIAL = /\r\n|[\\;,\r\n\x00-\x08\x0b-\x1f\x7f]/g;
const ESCAPES = { "\\": "\\\\", ";": "\\;", ",": "\\,", "\r\n": "\\n", "\r": "\\n", "\n": "\\n" };

export function escapeText(value) {
  return value.replace(SPECIAL, (special) => ESCAPES[special] ?? "");
}

// Per UTF-16 unit, not per code point: no iterator and no string built a character at a time.
export function foldLine(line) {
  if (line.length <= MAX_OCTETS / 4) return line;
  if (ASCII.test(line)) {
    if (line.length <= MAX_OCTETS) return line;
    const parts = [line.slice(0, MAX_OCTETS)];
    for (let at = MAX_OCTETS; at < line.length; at += MAX_OCTETS - 1) {
      parts.push(line.slice(at, at + MAX_OCTETS - 1));
    }
    return parts.join("\r\n ");
  }
  const parts = [];
  let start = 0;
  let size = 0;
  for (let at = 0; at < line.length; ) {
    const unit = line.charCodeAt(at);
    const pair = unit >> 10 === 0x36 && line.charCodeAt(at + 1) >> 10 === 0x37;
    const length = unit < 0x80 ? 1 : unit < 0x800 ? 2 : pair ? 4 : 3;
    if (size + length > MAX_OCTETS) {
      parts.push(line.slice(start, at));
      start = at;
      size = 1;
    }
    size += length;
    at += pair ? 2 : 1;
  }
  parts.push(line.slice(start));
  return parts.join("\r\n ");
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

// Folded lines straight into one array, joined once: 5,000 people make 65,000 lines. Lines
// of fixed, short shape (dates, rule, trigger) are never over 75 octets, so never folded.
function addEvent(out, reminder, stamp, categories) {
  const summary = escapeText(reminder.summary);
  out.push(
    "BEGIN:VEVENT",
    foldLine(`UID:${reminder.uid}`),
    stamp,
    `DTSTART;VALUE=DATE:${formatDate(reminder.start)}`,
    `DTEND;VALUE=DATE:${formatDate(nextDay(reminder.start))}`,
    `RRULE:${recurrenceRule(reminder)}`,
    foldLine(`SUMMARY:${summary}`),
  );
  if (reminder.description) out.push(foldLine(`DESCRIPTION:${escapeText(reminder.description)}`));
  out.push("TRANSP:TRANSPARENT", categories);
  if (reminder.alarm !== "none") {
    out.push(
      "BEGIN:VALARM",
      "ACTION:DISPLAY",
      foldLine(`DESCRIPTION:${summary}`),
      `TRIGGER:${ALARM_TRIGGERS[reminder.alarm]}`,
      "END:VALARM",
    );
  }
  out.push("END:VEVENT");
}

export function buildCalendar(reminders, { now, prodid, category }) {
  const stamp = `DTSTAMP:${formatStamp(now)}`;
  const categories = foldLine(`CATEGORIES:${escapeText(category)}`);
  const out = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    foldLine(`PRODID:${escapeText(prodid)}`),
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
  ];
  for (const reminder of reminders) addEvent(out, reminder, stamp, categories);
  out.push("END:VCALENDAR", "");
  return out.join("\r\n");
}
