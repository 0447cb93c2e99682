// Contact lines and placeholders in the browser twin.
import assert from "node:assert/strict";
import { test } from "node:test";

import { filler, graphemeCount, readContacts, trim } from "../../theme/static/js/plan.js";

const options = { max_contacts: 500, max_name_length: 100, max_note_length: 1000, note_separator: "|" };

test("contact lines split at the first separator and are trimmed", () => {
  const { contacts, problem } = readContacts("  Ana | coffee | tea \n\nBen\n", options);
  assert.equal(problem, null);
  assert.deepEqual(contacts, [
    { name: "Ana", note: "coffee | tea", company: "", position: "", tier: 0 },
    { name: "Ben", note: "", company: "", position: "", tier: 0 },
  ]);
});

test("a problem names the textarea line", () => {
  assert.deepEqual(readContacts("Ana\n\n\n| only a note", options).problem, {
    field: "contacts",
    code: "missing-name",
    line: 4,
  });
});

test("{company} and {position} lines go when the person has none", () => {
  const person = { name: "Ana", note: "", company: "Acme", position: "" };
  assert.equal(filler("Hi {name}\nAt {company}\nAs {position}")(person), "Hi Ana\nAt Acme");
});

test("lengths count what a reader sees, not code points", () => {
  assert.equal(graphemeCount("👨‍👩‍👧‍👦".repeat(15)), 15);
  assert.equal(graphemeCount("e\u0301"), 1);
});

test("text is normalised to NFC", () => {
  assert.equal(trim(" Zoe\u0308 "), "Zo\u00eb");
});

test("placeholders are filled once; lines with {note} go when there is no note", () => {
  assert.equal(filler("Hi {name}\nNote: {note}\nBye")({ name: "Ana", note: "" }), "Hi Ana\nBye");
  assert.equal(filler("Hi {name}")({ name: "$& {note}", note: "x" }), "Hi $& {note}");
  assert.equal(filler("{name} {NOTE}")({ name: "Ana", note: "x" }), "Ana {NOTE}");
});

test("trim removes the same white space as Python's twin", () => {
  assert.equal(trim(" \t\ufeff\u00a0Ana Silva\u3000\u2028 "), "Ana Silva");
  assert.equal(trim("\x1cAna\x85"), "\x1cAna");
});
