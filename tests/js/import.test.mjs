// Contacts files read in the browser: each fixture export gives exactly the people in
// tests/reminders/fixtures/imports/expected.json (reviewed by hand), or one problem naming its line.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

import {
  ImportProblem,
  csvRecords,
  decode,
  listCsv,
  readContactsFile,
} from "../../theme/static/js/import.js";

const folder = new URL("../reminders/fixtures/imports/", import.meta.url);
const expected = JSON.parse(readFileSync(new URL("expected.json", folder), "utf8"));
const { options } = JSON.parse(readFileSync(new URL("../vectors/ics/01-one-contact.json", import.meta.url), "utf8"));
const WIDER = 1;

function read(text, maxImport = 20000) {
  try {
    return readContactsFile(text, options, WIDER, maxImport);
  } catch (error) {
    if (!(error instanceof ImportProblem)) throw error;
    return { problem: { code: error.code, line: error.line } };
  }
}

test("every fixture export has its expectation", () => {
  assert.ok(Object.keys(expected).length >= 11);
});

for (const [name, want] of Object.entries(expected)) {
  test(`fixture ${name}`, () => {
    const { text, fallback } = decode(readFileSync(new URL(name, folder)));
    assert.deepEqual({ fallback, ...read(text) }, want);
  });
}

test("a saved list reads back as the same people in the same circles", () => {
  const people = [
    { name: 'Okoro, Ben "B"', note: "line one\nline two", company: "Globex, Inc.", position: "", tier: 0 },
    { name: "Zoë", note: "", company: "", position: "CTO", tier: 2 },
  ];
  const back = read(listCsv(people, options));
  assert.equal(back.format, "saved");
  assert.deepEqual(
    back.people.map(({ year, ...rest }) => rest),
    people,
  );
});

test("more people than allowed are refused politely, whatever the format", () => {
  const lines = Array.from({ length: 21 }, (_, n) => `Person ${n}`);
  assert.deepEqual(read(lines.join("\n"), 20).problem, { code: "too-many-people", line: 0 });
  const csv = ["First Name,Last Name", ...lines.map((l) => `${l},X`)].join("\n");
  assert.deepEqual(read(csv, 20).problem, { code: "too-many-people", line: 0 });
  assert.equal(read(lines.slice(0, 20).join("\n"), 20).people.length, 20);
});

test("an unknown quoted-printable charset names its line", () => {
  const card = "BEGIN:VCARD\nVERSION:2.1\nFN;CHARSET=x-klingon;ENCODING=QUOTED-PRINTABLE:=41\nEND:VCARD\n";
  assert.deepEqual(read(card).problem, { code: "unknown-charset", line: 3 });
});

test("an empty file says there is nobody in it", () => {
  assert.deepEqual(read("\n\n").problem, { code: "no-people", line: 0 });
});

test("CSV records keep quoted commas, quotes and line breaks, and count lines", () => {
  assert.deepEqual(csvRecords('a,"b, ""c""\nd"\r\ne,f'), [
    { fields: ["a", 'b, "c"\nd'], line: 1 },
    { fields: ["e", "f"], line: 3 },
  ]);
});

test("overlong notes are shortened and counted, never silently", () => {
  const note = "x".repeat(options.max_note_length + 5);
  const result = read(`First Name,Notes\nAna,${note}\n`);
  assert.equal(result.shortened, 1);
  assert.equal(result.people[0].note.length, options.max_note_length);
});
