// From the reader's form to reminders, browser twin of plugins/reminders/plan.py (same
// functions, but `filler` parses a template once for everyone; its docstring describes the
// form). Lengths count grapheme clusters.

import { ALARM_TRIGGERS, LINE_BREAK, buildCalendar } from "./ics.js";
import {
  PLAIN,
  SPACE,
  firstStart,
  makeUids,
  occurrenceCount,
  parseDate,
  spreadStarts,
} from "./schedule.js";

const EDGE_SPACE = new RegExp(`^${SPACE}+|${SPACE}+$`, "gu");
const OPTIONAL = ["note", "company", "position"];
const PLACEHOLDER = /\{(name|note|company|position)\}/;
const segmenter = new Intl.Segmenter();

export class InputError extends Error {
  constructor(problems) {
    super(problems.map((p) => p.code).join());
    this.name = "InputError";
    this.problems = problems;
  }
}

function problem(field, code, line = 0) {
  return { field, code, line };
}

export function trim(text) {
  return PLAIN.test(text) ? text : text.normalize("NFC").replace(EDGE_SPACE, "");
}

export function graphemeCount(text) {
  let count = 0;
  for (const _ of segmenter.segment(text)) count += 1;
  return count;
}

// A text never has more graphemes than UTF-16 units, so only long ones need the segmenter.
export const longerThan = (text, limit) => text.length > limit && graphemeCount(text) > limit;

function lengthProblem(contact, options) {
  const name = options.max_name_length;
  if (contact.name === "") return "missing-name";
  if (longerThan(contact.name, name)) return "name-too-long";
  if (longerThan(contact.note, options.max_note_length)) return "note-too-long";
  return longerThan(contact.company, name) || longerThan(contact.position, name) ? "detail-too-long" : null;
}

const isTier = (tier, options) => Number.isInteger(tier) && tier >= 0 && tier < options.tiers.length;

export function readContacts(text, options, tier = 0) {
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
    const contact = {
      name: trim(at < 0 ? line : line.slice(0, at)),
      note: trim(at < 0 ? "" : line.slice(at + options.note_separator.length)),
      company: "",
      position: "",
      tier,
    };
    const code = lengthProblem(contact, options);
    if (code !== null) return { contacts: [], problem: problem("contacts", code, number) };
    contacts.push(contact);
  }
  return { contacts, problem: null };
}

export function readPeople(people, options) {
  const contacts = [];
  for (const [index, person] of people.entries()) {
    if (!isTier(person.tier, options)) {
      return { contacts: [], problem: problem("people", "invalid-tier", index + 1) };
    }
    const contact = { tier: person.tier };
    for (const key of ["name", "note", "company", "position"]) contact[key] = trim(person[key] || "");
    const code = lengthProblem(contact, options);
    if (code !== null) return { contacts: [], problem: problem("people", code, index + 1) };
    contacts.push(contact);
  }
  return { contacts, problem: null };
}

// Each line as its literal pieces and the keys between them (odd places), and the optional
// keys it needs: a line goes when the person has none of one of them.
export function filler(template) {
  const lines = template.split(LINE_BREAK).map((line) => ({
    parts: line.split(PLACEHOLDER),
    needs: OPTIONAL.filter((key) => line.includes(`{${key}}`)),
  }));
  return (contact) => {
    const kept = [];
    for (const { parts, needs } of lines) {
      if (needs.some((key) => !contact[key])) continue;
      let text = parts[0];
      for (let at = 1; at < parts.length; at += 2) text += contact[parts[at]] + parts[at + 1];
      kept.push(text);
    }
    return kept.join("\n");
  };
}

function allContacts(form, options) {
  if (!isTier(form.tier, options)) return { contacts: [], problems: [problem("tier", "invalid-tier")] };
  const people = readPeople(form.people, options);
  if (people.problem) return { contacts: [], problems: [people.problem] };
  let typed = { contacts: [], problem: null };
  if (people.contacts.length === 0 || trim(form.contacts) !== "") {
    typed = readContacts(form.contacts, options, form.tier);
    if (typed.problem) return { contacts: [], problems: [typed.problem] };
  }
  const contacts = [...typed.contacts, ...people.contacts];
  if (contacts.length > options.max_contacts) {
    return { contacts: [], problems: [problem("contacts", "too-many-contacts")] };
  }
  return { contacts, problems: [] };
}

function checkChoices(form, options) {
  const problems = [];
  if (typeof form.first !== "string" || parseDate(form.first) === null) {
    problems.push(problem("first", "invalid-date"));
  }
  const { intervals, years } = form;
  if (
    !Array.isArray(intervals) ||
    intervals.length !== options.tiers.length ||
    !intervals.every((i) => Number.isInteger(i) && options.intervals.includes(i))
  ) {
    problems.push(problem("intervals", "invalid-interval"));
  }
  if (form.alarm !== "none" && !Object.hasOwn(ALARM_TRIGGERS, form.alarm)) {
    problems.push(problem("alarm", "invalid-alarm"));
  }
  if (!Number.isInteger(years) || (years !== 0 && !options.end_after_years.includes(years))) {
    problems.push(problem("years", "invalid-years"));
  }
  return problems;
}

export function planReminders(form, options) {
  const { contacts, problems } = allContacts(form, options);
  problems.push(...checkChoices(form, options));
  if (problems.length > 0) throw new InputError(problems);
  const first = firstStart(parseDate(form.first));
  const starts = contacts.map(() => first);
  form.intervals.forEach((interval, tier) => {
    const members = [];
    contacts.forEach((contact, index) => contact.tier === tier && members.push(index));
    const tierStarts = spreadStarts(first, members.length, interval, form.spread === true);
    members.forEach((index, k) => {
      starts[index] = tierStarts[k];
    });
  });
  const uids = makeUids(
    contacts.map((contact) => contact.name),
    form.list,
    options.uid_domain,
  );
  const summary = filler(options.summary);
  const description = filler(form.text.normalize("NFC"));
  return contacts.map((contact, index) => {
    const interval = form.intervals[contact.tier];
    return {
      uid: uids[index],
      start: starts[index],
      interval,
      count: occurrenceCount(interval, form.years),
      summary: summary(contact),
      description: description(contact),
      alarm: form.alarm,
      tier: contact.tier,
    };
  });
}

export function calendarText(form, options, now) {
  return buildCalendar(planReminders(form, options), {
    now,
    prodid: options.prodid,
    category: options.category,
  });
}
