// The opt-in Google Calendar link carries the same dates and repeat as the file.
import assert from "node:assert/strict";
import { test } from "node:test";

import { googleCalendarUrl } from "../../theme/static/js/links.js";

test("Google link: all-day dates, RRULE, text and details", () => {
  const url = new URL(
    googleCalendarUrl({
      start: { year: 2027, month: 12, day: 31 },
      interval: 6,
      count: 4,
      summary: "Check in with Zoë, 山田; \\",
      description: "Line one\nLine two & more",
    }),
  );
  assert.equal(url.origin + url.pathname, "https://calendar.google.com/calendar/render");
  assert.equal(url.searchParams.get("action"), "TEMPLATE");
  assert.equal(url.searchParams.get("dates"), "20271231/20280101");
  assert.equal(url.searchParams.get("recur"), "RRULE:FREQ=MONTHLY;INTERVAL=6;COUNT=4");
  assert.equal(url.searchParams.get("text"), "Check in with Zoë, 山田; \\");
  assert.equal(url.searchParams.get("details"), "Line one\nLine two & more");
});
