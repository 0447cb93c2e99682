// The page re-plans once per pause in typing, not once per key.
import assert from "node:assert/strict";
import { mock, test } from "node:test";

import { debounce } from "../../theme/static/js/debounce.js";

test("many calls in a burst run once, after the pause", () => {
  mock.timers.enable({ apis: ["setTimeout"] });
  let runs = 0;
  const call = debounce(() => {
    runs += 1;
  }, 200);
  for (let key = 0; key < 30; key += 1) {
    call();
    mock.timers.tick(50);
  }
  assert.equal(runs, 0);
  mock.timers.tick(200);
  assert.equal(runs, 1);
  call();
  mock.timers.tick(200);
  assert.equal(runs, 2);
  mock.timers.reset();
});

test("flush runs a pending call at once, and nothing when none is pending", () => {
  mock.timers.enable({ apis: ["setTimeout"] });
  let runs = 0;
  const call = debounce(() => {
    runs += 1;
  }, 200);
  call.flush();
  assert.equal(runs, 0);
  call();
  call.flush();
  assert.equal(runs, 1);
  mock.timers.tick(500);
  assert.equal(runs, 1);
  mock.timers.reset();
});
