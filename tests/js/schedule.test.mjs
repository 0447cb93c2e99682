// Reminder dates in the browser twin: integer arithmetic only, checked day by day.
import assert from "node:assert/strict";
import { test } from "node:test";

import {
  addDays,
  addMonths,
  clampDay,
  daysInMonth,
  firstStart,
  fnv1a64,
  fromDays,
  identity,
  makeUids,
  nextDay,
  occurrenceCount,
  occurrences,
  parseDate,
  spreadStarts,
  toDays,
} from "../../theme/static/js/schedule.js";

const d = (year, month, day) => ({ year, month, day });

test("day numbers round-trip for every day 1900-2999 and hit known anchors", () => {
  for (let days = -25567; days <= 376199; days += 1) assert.equal(toDays(fromDays(days)), days);
  assert.deepEqual(fromDays(-25567), d(1900, 1, 1));
  assert.deepEqual(fromDays(11016), d(2000, 2, 29));
  assert.deepEqual(fromDays(376199), d(2999, 12, 31));
  assert.equal(toDays(d(2027, 1, 15)), 20833);
  assert.deepEqual([daysInMonth(1900, 2), daysInMonth(2000, 2), daysInMonth(2100, 2)], [28, 29, 28]);
  assert.deepEqual([daysInMonth(2027, 4), daysInMonth(2027, 12)], [30, 31]);
});

test("the next day, by arithmetic, is the next day number for every day 1900-2999", () => {
  for (let days = -25567; days < 376199; days += 1) {
    assert.deepEqual(nextDay(fromDays(days)), fromDays(days + 1));
  }
  assert.deepEqual(nextDay(d(2028, 2, 28)), addDays(d(2028, 2, 28), 1));
  assert.deepEqual(nextDay(d(2027, 12, 31)), d(2028, 1, 1));
});

test("first start: on or after the chosen day, on day 1-28", () => {
  assert.deepEqual(firstStart(d(2027, 1, 28)), d(2027, 1, 28));
  assert.deepEqual(firstStart(d(2027, 1, 29)), d(2027, 2, 1));
  assert.deepEqual(firstStart(d(2027, 12, 31)), d(2028, 1, 1));
  assert.deepEqual(firstStart(d(2028, 2, 29)), d(2028, 3, 1));
  assert.deepEqual(clampDay(d(2027, 1, 31)), d(2027, 1, 28));
});

test("months are added without overflowing short months", () => {
  assert.deepEqual(addMonths(d(2027, 11, 15), 2), d(2028, 1, 15));
  assert.deepEqual(addMonths(d(2028, 1, 31), 1), d(2028, 2, 29));
  assert.deepEqual(addMonths(d(2027, 3, 15), -3), d(2026, 12, 15));
});

test("dates are parsed strictly", () => {
  assert.deepEqual(parseDate("2000-02-29"), d(2000, 2, 29));
  for (const bad of ["1900-02-29", "2027-04-31", "2027-1-5", " 2027-01-15", "2027-01-15T00:00", "3000-01-01"]) {
    assert.equal(parseDate(bad), null, bad);
  }
});

test("spreading keeps every start within the first interval, on day 1-28, months distinct when possible", () => {
  for (const interval of [1, 2, 3, 6, 12]) {
    for (let count = 1; count <= 30; count += 1) {
      for (const first of [d(2027, 1, 1), d(2027, 1, 28), d(2028, 2, 15), d(2027, 12, 20)]) {
        const starts = spreadStarts(first, count, interval, true);
        const end = toDays(addMonths(first, interval));
        assert.deepEqual(starts[0], first);
        starts.forEach((start, index) => {
          assert.ok(start.day <= 28);
          assert.ok(toDays(start) >= toDays(first) && toDays(start) < end);
          if (index > 0) assert.ok(toDays(start) >= toDays(starts[index - 1]));
        });
        if (count <= interval) {
          assert.equal(new Set(starts.map((s) => `${s.year}-${s.month}`)).size, count);
        }
      }
    }
  }
  assert.deepEqual(spreadStarts(d(2027, 1, 15), 2, 6, false), [d(2027, 1, 15), d(2027, 1, 15)]);
});

test("occurrences and COUNT", () => {
  assert.deepEqual(occurrences(d(2027, 8, 28), 6, 3), [d(2027, 8, 28), d(2028, 2, 28), d(2028, 8, 28)]);
  assert.equal(occurrenceCount(6, 0), null);
  assert.equal(occurrenceCount(3, 2), 8);
  assert.equal(occurrenceCount(5, 1), 3);
});

test("FNV-1a 64 matches the published test values", () => {
  assert.equal(fnv1a64(""), "cbf29ce484222325");
  assert.equal(fnv1a64("a"), "af63dc4c8601ec8c");
  assert.equal(fnv1a64("foobar"), "85944171f73967e8");
  // Values of the Python twin: UTF-8 bytes beyond ASCII, and a long key.
  assert.equal(fnv1a64("Zoë 🍅 山田"), "dde3a4dc8072a523");
  assert.equal(fnv1a64("my network\nperson1 family 1"), "9a2efebf09c0df2e");
  assert.equal(fnv1a64("x".repeat(300)), "e78ddf9f1ba85555");
});

test("UIDs are pinned and depend only on the list and who the person is", () => {
  assert.deepEqual(makeUids(["Ana Silva"], "My network", "reconnect.example"), [
    "kit-e4f013b4ed9bd820@reconnect.example",
  ]);
  const before = makeUids(["Ana Silva", "Ben Okoro"], "My network", "reconnect.example");
  const after = makeUids(["Cai Wong", "ben  OKORO", "Ana Silva"], "My network", "reconnect.example");
  assert.deepEqual([before[0], before[1]], [after[2], after[1]]);
  const twice = makeUids(["Sam", "SAM"], "My network", "example.org");
  assert.notEqual(twice[0], twice[1]);
});

test("identity folds case, spacing and composition like the Python twin", () => {
  assert.equal(identity(" Ana\tSILVA "), "ana silva");
  assert.equal(identity("Zoe\u0308"), identity("Zo\u00eb"));
  assert.equal(identity("Straße"), identity("STRASSE"));
});
