// DOM glue of the keep-in-touch page (theme/templates/partials/reminder_tool.html).
//
// It reads the form, shows the live preview and any problems, and hands the calendar to the
// browser as a download. The logic lives in plan.js, ics.js, schedule.js and links.js; this
// file is the only one that reads the clock (the reader's today for the default date, the
// real time in UTC for DTSTAMP) or touches the page. Nothing is ever sent over the network.

import { debounce } from "./debounce.js";
import { buildCalendar } from "./ics.js";
import { googleCalendarUrl } from "./links.js";
import { InputError, planReminders } from "./plan.js";
import { addDays, isoDate, occurrences } from "./schedule.js";

const FIELDS_WITH_ERRORS = ["contacts", "tier", "intervals", "first", "alarm", "years"];
// Where the reader fixes a field's problem.
const FOCUS = { intervals: "interval-0" };
const readJson = (id) => JSON.parse(document.getElementById(id).textContent);
const control = (name) => document.getElementById(`kit-${name}`);
const element = (tag, text) => Object.assign(document.createElement(tag), { textContent: text });

const settings = readJson("kit-settings");
const messages = readJson("kit-messages");
const { options } = settings;
const form = control("form");
const readerDate = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeZone: "UTC" });
// Problems show in the fields once the reader has tried to download, then follow every edit;
// the preview shows them from the first key press.
let showProblems = false;
let downloadUrl = null;

function today() {
  // The reader's own calendar day: that is what "today" means to them.
  const now = new Date();
  return { year: now.getFullYear(), month: now.getMonth() + 1, day: now.getDate() };
}

function readForm() {
  return {
    list: control("list").value,
    contacts: control("contacts").value,
    tier: Number(control("tier").value),
    people: [],
    intervals: options.tiers.map((_, index) => Number(control(`interval-${index}`).value)),
    first: control("first").value,
    spread: control("spread").checked,
    alarm: control("alarm").value,
    years: Number(control("years").value),
    text: control("text").value,
  };
}

function plan() {
  try {
    return { reminders: planReminders(readForm(), options), problems: [] };
  } catch (error) {
    if (error instanceof InputError) return { reminders: [], problems: error.problems };
    throw error;
  }
}

function say(problem) {
  const text = messages[`${problem.field}:${problem.code}`] ?? messages[problem.code];
  return text.replace(/\{(\w+)\}/g, (_, name) => String(problem[name] ?? ""));
}

function showFieldProblems(problems) {
  for (const field of FIELDS_WITH_ERRORS) {
    const problem = problems.find((p) => p.field === field);
    const message = control(`${field}-error`);
    message.textContent = problem ? say(problem) : "";
    message.hidden = !problem;
    const input = control(FOCUS[field] ?? field);
    if (problem) input.setAttribute("aria-invalid", "true");
    else input.removeAttribute("aria-invalid");
  }
}

function showSummary(problems) {
  const items = problems.map((problem) => {
    const link = element("a", say(problem));
    const target = FOCUS[problem.field] ?? problem.field;
    link.href = `#kit-${target}`;
    link.addEventListener("click", (event) => {
      event.preventDefault();
      control(target).focus();
    });
    const item = document.createElement("li");
    item.append(link);
    return item;
  });
  control("errors-list").replaceChildren(...items);
  control("errors").hidden = problems.length === 0;
}

function dateItem(date) {
  const time = element("time", readerDate.format(Date.UTC(date.year, date.month - 1, date.day)));
  time.dateTime = isoDate(date);
  const item = document.createElement("li");
  item.append(time);
  return item;
}

function previewItem(reminder, withGoogleLink) {
  const item = document.createElement("li");
  const count = Math.min(settings.preview_count, reminder.count ?? settings.preview_count);
  const dates = element("ul");
  dates.className = "kit-dates";
  dates.append(...occurrences(reminder.start, reminder.interval, count).map(dateItem));
  item.append(element("strong", reminder.summary), dates);
  if (withGoogleLink) {
    const link = element("a", messages["google-link"]);
    link.href = googleCalendarUrl(reminder);
    link.rel = "external noopener noreferrer";
    item.append(link);
  }
  return item;
}

function renderPreview(reminders, problems) {
  const withGoogleLink = control("google")?.checked ?? false;
  control("preview-list").replaceChildren(
    ...reminders.map((reminder) => previewItem(reminder, withGoogleLink)),
  );
  // An empty list is the starting point, not a mistake: it keeps the friendly hint.
  const shown = problems.filter((p) => p.code !== "no-contacts");
  const problem = control("preview-problem");
  problem.textContent = shown.map(say).join(" ");
  problem.hidden = shown.length === 0;
  control("preview-empty").hidden = reminders.length > 0 || shown.length > 0;
}

function update() {
  const { reminders, problems } = plan();
  renderPreview(reminders, problems);
  if (showProblems) {
    showFieldProblems(problems);
    // The summary is an alert: rewriting it on every key press would interrupt the reader.
    if (problems.length === 0) showSummary([]);
  }
}

function download(text) {
  if (downloadUrl !== null) URL.revokeObjectURL(downloadUrl);
  downloadUrl = URL.createObjectURL(new Blob([text], { type: "text/calendar;charset=utf-8" }));
  const link = document.createElement("a");
  link.href = downloadUrl;
  link.download = settings.filename;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
}

const updateSoon = debounce(update, 250);

form.addEventListener("submit", (event) => {
  event.preventDefault();
  updateSoon.flush();
  const { reminders, problems } = plan();
  showProblems = true;
  showFieldProblems(problems);
  showSummary(problems);
  control("status").textContent = "";
  if (problems.length > 0) {
    control("errors").focus();
    return;
  }
  const now = `${new Date().toISOString().slice(0, 19)}Z`;
  download(buildCalendar(reminders, { now, prodid: options.prodid, category: options.category }));
  const key = reminders.length === 1 ? "downloaded-one" : "downloaded-many";
  control("status").textContent = messages[key]
    .replace("{filename}", settings.filename)
    .replace("{count}", reminders.length);
});

// Any edit makes the last "Done" untrue for the file the form now describes.
form.addEventListener("input", () => {
  control("status").textContent = "";
  updateSoon();
});
form.addEventListener("change", () => {
  control("status").textContent = "";
  update();
});
control("first").value = isoDate(addDays(today(), settings.first_offset_days));
control("download").disabled = false;
update();
