// Opt-in "Add to Google Calendar" links (they send the text to Google): all-day dates as
// YYYYMMDD/YYYYMMDD (end exclusive), the repeat as recur=RRULE:...; no alarm field.

import { formatDate, recurrenceRule } from "./ics.js";
import { addDays } from "./schedule.js";

const GOOGLE_TEMPLATE = "https://calendar.google.com/calendar/render";

/** The Google Calendar "create event" address for one reminder. */
export function googleCalendarUrl(reminder) {
  const params = new URLSearchParams({
    action: "TEMPLATE",
    text: reminder.summary,
    dates: `${formatDate(reminder.start)}/${formatDate(addDays(reminder.start, 1))}`,
    details: reminder.description,
    recur: `RRULE:${recurrenceRule(reminder)}`,
  });
  return `${GOOGLE_TEMPLATE}?${params}`;
}
