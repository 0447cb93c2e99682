// "Add to Google Calendar" links: one per reminder, opt-in on the page, because the link sends
// the reminder's title and text to Google. Google's template link takes all-day dates as
// YYYYMMDD/YYYYMMDD (end exclusive) and the repeat as recur=RRULE:...; it has no alarm field.

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
