// The weekly load behind the chart: 300 people every 6 months are 600 check-ins a year.
import assert from "node:assert/strict";
import { test } from "node:test";

import { spreadStarts, weeklyLoad } from "../../theme/static/js/schedule.js";

const first = { year: 2027, month: 1, day: 4 };

test("300 people every 6 months, spread, are about 11.5 a week, never piled on one week", () => {
  const reminders = spreadStarts(first, 300, 6, true).map((start) => ({ start, interval: 6, count: null }));
  const weeks = weeklyLoad(reminders, first);
  assert.equal(weeks.length, 52);
  const total = weeks.reduce((a, b) => a + b, 0);
  assert.ok(total >= 590 && total <= 600, `total ${total}`);
  // Days 29-31 are clamped to the 28th, so month ends carry a little more; never a pile.
  assert.ok(Math.max(...weeks) <= 1.5 * (total / 52), `busiest week ${Math.max(...weeks)}`);
  assert.ok(Math.min(...weeks) >= 0.5 * (total / 52), `quietest week ${Math.min(...weeks)}`);
});

test("COUNT ends the reminders and dates before the window are not counted", () => {
  const start = { year: 2026, month: 11, day: 4 };
  const weeks = weeklyLoad([{ start, interval: 2, count: 3 }], first);
  // 2026-11-04 (before), 2027-01-04 (week 0), 2027-03-04 (week 8); COUNT=3 stops there.
  assert.deepEqual(
    weeks.flatMap((n, week) => (n ? [[week, n]] : [])),
    [[0, 1], [8, 1]],
  );
});
