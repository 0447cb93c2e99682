// The shared vectors: the browser writer must produce exactly the bytes in tests/vectors/ics/,
// which the Python writer is held to as well (tests/reminders/test_reminder_vectors.py).
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { test } from "node:test";

import { InputError, calendarText, planReminders } from "../../theme/static/js/plan.js";

const folder = new URL("../vectors/ics/", import.meta.url);
const vectors = readdirSync(folder).filter((name) => /^\d\d-.+\.json$/.test(name));

test("there are vectors to compare", () => {
  assert.ok(vectors.length >= 10, `only ${vectors.length} vectors found`);
});

for (const name of vectors) {
  test(`vector ${name} gives the expected bytes`, () => {
    const vector = JSON.parse(readFileSync(new URL(name, folder), "utf8"));
    const expected = readFileSync(new URL(name.replace(/\.json$/, ".ics"), folder));
    const actual = new TextEncoder().encode(calendarText(vector.form, vector.options, vector.now));
    assert.equal(Buffer.from(actual).toString("utf8"), expected.toString("utf8"));
    assert.ok(Buffer.from(actual).equals(expected), "same text but different bytes");
  });
}

const errors = JSON.parse(readFileSync(new URL("errors.json", folder), "utf8"));

for (const { name, form, options, problems } of errors.cases) {
  test(`form check: ${name}`, () => {
    const merged = { ...errors.base_form, ...form };
    const mergedOptions = { ...errors.base_options, ...options };
    if (problems.length === 0) {
      assert.ok(planReminders(merged, mergedOptions).length > 0);
      return;
    }
    assert.throws(
      () => planReminders(merged, mergedOptions),
      (error) => {
        assert.ok(error instanceof InputError);
        assert.deepEqual(error.problems, problems);
        return true;
      },
    );
  });
}
