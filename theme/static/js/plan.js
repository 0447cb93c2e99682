// From the reader's form to a calendar: read contact lines, check every field, plan reminders.
//
// Twin of plugins/reminders/plan.py (its docstring describes the form and the options); the
// shared vectors in tests/vectors/ics/ keep both equal. Lengths are counted in code points,
// the same number Python's len() gives.

import { ALARM_TRIGGERS, LINE_BREAK, buildCalendar } from "./ics.js";
import {
  firstStart,
  makeUids,
  occurrenceCount,
  parseDate,
  spreadStarts,
} from "./schedule.js";

// Spelled out because Python's str.strip() and JavaScript's trim() disagree on a few characters.
const SPACE = "[\\t\\x0b\\x0c \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff]";
const EDGE_SPACE = new RegExp(`^${SPACE}+|${SPACE}+$`, "gu");

/** The form cannot become a calendar; `problems` lists why, at most one per field. */
export class InputError extends Error {
  constructor(problems) {
    super(problems.map((p) => `${p.field}: ${p.code}${p.line ? ` (line ${p.line})` : ""}`).join("; "));
    this.name = "InputError";
    this.problems = problems;
  }
}

function problem(field, code, line = 0) {
  return { field, code, line };
}

function codePoints(text) {
  return [...text].length;
}

/** `text` without white space at either end (the same set of characters as plan.py). */
export function trim(text) {
  return text.replace(EDGE_SPACE, "");
}

/** {contacts, problem}: the contacts in `text` and the first problem found (null if none). */
export function readContacts(text, options) {
  const filled = text
    .split(LINE_BREAK)
    .map((line, index) => ({ number: index + 1, line }))
    .filter(({ line }) => trim(line) !== "");
  if (filled.length === 0) return { contacts: [], problem: problem("contacts", "no-contacts") };
  if (filled.length > options.max_contacts) {
    return { contacts: [], problem: problem("contacts", "too-many-contacts") };
  }
  const contacts = [];
  for (const { number, line } of filled) {
    const at = line.indexOf(options.note_separator);
    const name = trim(at < 0 ? line : line.slice(0, at));
    const note = trim(at < 0 ? "" : line.slice(at + options.note_separator.length));
    let code = null;
    if (name === "") code = "missing-name";
    else if (codePoints(name) > options.max_name_length) code = "name-too-long";
    else if (codePoints(note) > options.max_note_length) code = "note-too-long";
    if (code !== null) return { contacts: [], problem: problem("contacts", code, number) };
    contacts.push({ name, note });
  }
  return { contacts, problem: null };
}

/** `template` with {name} and {note}; lines using {note} are left out when there is none. */
export function fill(template, contact) {
  let lines = template.split(LINE_BREAK);
  if (!contact.note) lines = lines.filter((line) => !line.includes("{note}"));
  return lines
    .join("\n")
    .replace(/\{(name|note)\}/g, (_, key) => (key === "name" ? contact.name : contact.note));
}

/** One reminder per contact in the form; throws InputError listing every problem otherwise. */
export function planReminders(form, options) {
  const { contacts, problem: contactProblem } = readContacts(form.contacts, options);
  const problems = contactProblem ? [contactProblem] : [];
  const chosen = typeof form.first === "string" ? parseDate(form.first) : null;
  if (chosen === null) problems.push(problem("first", "invalid-date"));
  const { interval, years } = form;
  if (!Number.isInteger(interval) || !options.intervals.includes(interval)) {
    problems.push(problem("interval", "invalid-interval"));
  }
  if (form.alarm !== "none" && !Object.hasOwn(ALARM_TRIGGERS, form.alarm)) {
    problems.push(problem("alarm", "invalid-alarm"));
  }
  if (!Number.isInteger(years) || (years !== 0 && !options.end_after_years.includes(years))) {
    problems.push(problem("years", "invalid-years"));
  }
  if (problems.length > 0) throw new InputError(problems);
  const starts = spreadStarts(firstStart(chosen), contacts.length, interval, form.spread === true);
  const uids = makeUids(
    contacts.map((contact, index) => ({ name: contact.name, start: starts[index] })),
    interval,
    options.uid_domain,
  );
  const count = occurrenceCount(interval, years);
  return contacts.map((contact, index) => ({
    uid: uids[index],
    start: starts[index],
    interval,
    count,
    summary: fill(options.summary, contact),
    description: fill(form.text, contact),
    alarm: form.alarm,
  }));
}

/** The .ics text for `form`; `now` ("YYYY-MM-DDTHH:MM:SSZ") becomes every DTSTAMP. */
export function calendarText(form, options, now) {
  return buildCalendar(planReminders(form, options), {
    now,
    prodid: options.prodid,
    category: options.category,
  });
}
