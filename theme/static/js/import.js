// Contacts files read in the browser: LinkedIn, Google and Outlook CSV, vCard 2.1/3.0/4.0,
// the list saved here, a plain "name | note" list. Columns are matched by name, never by
// position: every export orders them its own way. Work is bounded by `maxImport` people.

import { LINE_BREAK } from "./ics.js";
import { longerThan, readContacts, trim } from "./plan.js";

const segmenter = new Intl.Segmenter();
// Header names (lower case) of each detail, across LinkedIn, Google (old and new) and Outlook.
// Outlook's "Title" is Mr/Ms, so it is not a position.
const COLUMNS = {
  name: ["name", "full name", "display name"],
  first: ["first name", "given name"],
  middle: ["middle name", "additional name"],
  last: ["last name", "family name", "surname"],
  note: ["notes", "note"],
  company: ["company", "organization name", "organization 1 - name", "organization"],
  position: ["position", "job title", "organization title", "organization 1 - title"],
  connected: ["connected on"],
  tier: ["tier", "circle"],
};
// A LinkedIn export starts with a "Notes:" paragraph; the header comes within a few records.
const HEADER_SEARCH = 10;

export class ImportProblem extends Error {
  constructor(code, line = 0, values = {}) {
    super(code);
    this.code = code;
    this.line = line;
    this.values = values;
  }
}

// Older Outlook exports are Windows-1252, not UTF-8.
export function decode(bytes) {
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(bytes), fallback: false };
  } catch {
    return { text: new TextDecoder("windows-1252").decode(bytes), fallback: true };
  }
}

// RFC 4180 records, any line ending, each {fields, line}.
export function csvRecords(text) {
  const records = [];
  const special = /[",\r\n]/g;
  let fields = [];
  let field = "";
  let line = 1;
  let start = 1;
  let at = 0;
  while (at < text.length) {
    if (text[at] === '"' && field === "") {
      const open = line;
      at += 1;
      for (;;) {
        const close = text.indexOf('"', at);
        if (close < 0) throw new ImportProblem("unclosed-quote", open);
        const part = text.slice(at, close);
        // Most quoted fields ("Acme, Inc.") hold no line break: no split for them.
        if (/[\r\n]/.test(part)) line += part.split(LINE_BREAK).length - 1;
        field += part;
        at = close + 1;
        if (text[at] !== '"') break;
        field += '"';
        at += 1;
      }
      continue;
    }
    special.lastIndex = at;
    const stop = special.exec(text)?.index ?? text.length;
    field += text.slice(at, stop);
    at = stop;
    const char = text[at];
    if (char === '"') field += char;
    else if (char !== undefined) {
      fields.push(field);
      field = "";
      if (char !== ",") {
        records.push({ fields, line: start });
        fields = [];
        if (char === "\r" && text[at + 1] === "\n") at += 1;
        line += 1;
        start = line;
      }
    }
    at += 1;
  }
  if (field !== "" || fields.length > 0) records.push({ fields: [...fields, field], line: start });
  return records;
}

function columnsOf(header) {
  const names = header.map((name) => trim(name).toLowerCase());
  const columns = {};
  for (const [detail, aliases] of Object.entries(COLUMNS)) {
    const index = names.findIndex((name) => aliases.includes(name));
    if (index >= 0) columns[detail] = index;
  }
  const named = "name" in columns || "first" in columns || "last" in columns;
  return named ? columns : null;
}

function formatOf(columns) {
  if ("connected" in columns) return "linkedin";
  if ("tier" in columns) return "saved";
  return "csv";
}

function isHeader(line) {
  try {
    return columnsOf(csvRecords(line)[0]?.fields ?? []) !== null;
  } catch {
    return false;
  }
}

function fromCsv(text, tierOf) {
  // A plain list may hold a stray quote: only a file with a header is read as CSV.
  if (!text.split(LINE_BREAK, HEADER_SEARCH).some(isHeader)) return null;
  const records = csvRecords(text);
  const headerAt = records.slice(0, HEADER_SEARCH).findIndex((r) => columnsOf(r.fields));
  if (headerAt < 0) return null;
  const columns = columnsOf(records[headerAt].fields);
  const people = [];
  for (const { fields, line } of records.slice(headerAt + 1)) {
    if (fields.every((field) => trim(field) === "")) continue;
    const get = (detail) => (detail in columns ? trim(fields[columns[detail]] ?? "") : "");
    const name = get("name") || [get("first"), get("middle"), get("last")].filter(Boolean).join(" ");
    const year = /\b(\d{4})\b/.exec(get("connected"));
    people.push({
      line,
      name,
      note: get("note"),
      company: get("company"),
      position: get("position"),
      year: year ? Number(year[1]) : null,
      tier: tierOf(get("tier")),
    });
  }
  return { format: formatOf(columns), people };
}

function logicalLines(text) {
  const lines = [];
  text.split(LINE_BREAK).forEach((raw, index) => {
    const last = lines[lines.length - 1];
    if (last?.softBreak) last.text = last.text.slice(0, -1) + raw;
    else if (last && (raw[0] === " " || raw[0] === "\t")) last.text += raw.slice(1);
    else lines.push({ text: raw, line: index + 1 });
    const current = lines[lines.length - 1];
    // vCard 2.1 quoted-printable values go on after a line that ends with "=".
    current.softBreak = /QUOTED-PRINTABLE/i.test(current.text.split(":")[0]) && current.text.endsWith("=");
  });
  return lines;
}

function quotedPrintable(value, charset, line) {
  const bytes = [];
  for (let at = 0; at < value.length; at += 1) {
    const hex = value.slice(at + 1, at + 3);
    if (value[at] === "=" && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(Number.parseInt(hex, 16));
      at += 2;
    } else {
      for (const byte of new TextEncoder().encode(value[at])) bytes.push(byte);
    }
  }
  try {
    return new TextDecoder(charset).decode(new Uint8Array(bytes));
  } catch {
    throw new ImportProblem("unknown-charset", line, { charset });
  }
}

// Splits at unescaped `;` and undoes vCard escapes in each part.
function components(value) {
  return value
    .split(/(?<!\\);/)
    .map((part) => part.replace(/\\([\\,;nN])/g, (_, c) => (c === "n" || c === "N" ? "\n" : c)));
}

function fromVcard(text) {
  const people = [];
  let card = null;
  for (const { text: entry, line } of logicalLines(text)) {
    if (trim(entry) === "") continue;
    const colon = entry.indexOf(":");
    if (colon < 0) throw new ImportProblem("bad-vcard-line", line);
    const [key, ...params] = entry.slice(0, colon).split(";");
    const property = key.replace(/^[^.]*\./, "").toUpperCase();
    let value = entry.slice(colon + 1);
    if (property === "BEGIN" && /^vcard$/i.test(trim(value))) {
      if (card) throw new ImportProblem("unclosed-card", card.line);
      card = { line, name: "", n: "", note: "", company: "", position: "" };
      continue;
    }
    if (!card) throw new ImportProblem("bad-vcard-line", line);
    if (property === "END") {
      people.push({ ...card, name: card.name || card.n, year: null, tier: null });
      card = null;
      continue;
    }
    const param = params.join(";").toUpperCase();
    if (param.includes("QUOTED-PRINTABLE")) {
      const charset = /CHARSET=([^;:]+)/.exec(param)?.[1] ?? "utf-8";
      value = quotedPrintable(value, charset.replace(/"/g, ""), line);
    }
    const parts = components(value);
    if (property === "FN") card.name = trim(parts.join(";"));
    else if (property === "N") {
      const [family = "", given = "", additional = ""] = parts.map(trim);
      card.n = [given, additional, family].filter(Boolean).join(" ");
    } else if (property === "ORG") card.company = trim(parts[0]);
    else if (property === "TITLE") card.position = trim(parts.join(";"));
    else if (property === "NOTE") card.note = trim(parts.join(";"));
  }
  if (card) throw new ImportProblem("unclosed-card", card.line);
  return { format: "vcard", people };
}

function shorten(text, limit) {
  if (!longerThan(text, limit)) return null;
  return [...segmenter.segment(text)].slice(0, limit).map((s) => s.segment).join("");
}

// {format, people, skipped (no name), shortened}; throws ImportProblem.
export function readContactsFile(text, options, defaultTier, maxImport) {
  const body = text.replace(/^\ufeff/, "");
  const tierNames = options.tiers.map((tier) => tier.name.toLowerCase());
  const tierOf = (name) => {
    const index = tierNames.indexOf(name.toLowerCase());
    return index < 0 ? defaultTier : index;
  };
  const firstLine = body.split(LINE_BREAK, 50).find((line) => trim(line) !== "") ?? "";
  let found = /^begin:vcard$/i.test(trim(firstLine)) ? fromVcard(body) : fromCsv(body, tierOf);
  if (found === null) {
    const { contacts, problem } = readContacts(body, { ...options, max_contacts: maxImport });
    if (problem?.code === "too-many-contacts") {
      throw new ImportProblem("too-many-people", 0, { max: maxImport });
    }
    if (problem && problem.code !== "no-contacts") throw new ImportProblem(problem.code, problem.line);
    found = {
      format: "list",
      people: contacts.map((c) => ({ ...c, line: 0, year: null, tier: defaultTier })),
    };
  }
  const people = [];
  let skipped = 0;
  let shortened = 0;
  for (const person of found.people) {
    if (!person.name) {
      skipped += 1;
      continue;
    }
    if (people.length === maxImport) throw new ImportProblem("too-many-people", 0, { max: maxImport });
    if (longerThan(person.name, options.max_name_length)) {
      throw new ImportProblem("name-too-long", person.line);
    }
    const note = shorten(person.note, options.max_note_length);
    const company = shorten(person.company, options.max_name_length);
    const position = shorten(person.position, options.max_name_length);
    if (note !== null || company !== null || position !== null) shortened += 1;
    people.push({
      name: person.name,
      note: note ?? person.note,
      company: company ?? person.company,
      position: position ?? person.position,
      year: person.year,
      tier: person.tier ?? defaultTier,
    });
  }
  if (people.length === 0) throw new ImportProblem("no-people");
  return { format: found.format, people, skipped, shortened };
}

function csvField(value) {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

// The reader's list as CSV, which readContactsFile reads back.
export function listCsv(people, options) {
  const rows = [["name", "note", "company", "position", "tier"]];
  for (const p of people) {
    rows.push([p.name, p.note, p.company, p.position, options.tiers[p.tier].name]);
  }
  return rows.map((row) => `${row.map(csvField).join(",")}\r\n`).join("");
}
