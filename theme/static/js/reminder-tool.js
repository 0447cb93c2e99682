// DOM glue of the keep-in-touch page (theme/templates/partials/reminder_tool.html).
//
// It reads the form, shows the live preview and any problems, and hands the calendar to the
// browser as a download. The logic lives in plan.js, ics.js, schedule.js and links.js; this
// file is the only one that reads the clock (the reader's today for the default date, the
// real time in UTC for DTSTAMP) or touches the page. Nothing is ever sent over the network.

import { buildCalendar } from "./ics.js";
import { googleCalendarUrl } from "./links.js";
import { InputError, planReminders } from "./plan.js";
import { addDays, isoDate, occurrences } from "./schedule.js";

const FIELDS_WITH_ERRORS = ["contacts", "first", "interval", "alarm", "years"];
const readJson = (id) => JSON.parse(document.getElementById(id).textContent);
const control = (name) => document.getElementById(`kit-${name}`);

const settings = readJson("kit-settings");
const messages = readJson("kit-messages");
const { options } = settings;
const form = control("form");
const readerDate = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeZone: "UTC" });
// Problems show once the reader has tried to download, then follow every edit.
let showProblems = false;
let downloadUrl = null;

function today() {
  // The reader's own calendar day: that is what "today" means to them.
  const now = new Date();
  return { year: now.getFullYear(), month: now.getMonth() + 1, day: now.getDate() };
}

function readForm() {
  return {
    contacts: control("contacts").value,
    first: control("first").value,
    interval: Number(control("interval").value),
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

function say(key, values = {}) {
  return messages[key].replace(/\{(\w+)\}/g, (_, name) => String(values[name] ?? ""));
}

function showFieldProblems(problems) {
  for (const field of FIELDS_WITH_ERRORS) {
    const problem = problems.find((p) => p.field === field);
    const message = control(`${field}-error`);
    message.textContent = problem ? say(problem.code, problem) : "";
    message.hidden = !problem;
    if (problem) control(field).setAttribute("aria-invalid", "true");
    else control(field).removeAttribute("aria-invalid");
  }
}

function showSummary(problems) {
  const items = problems.map((problem) => {
    const link = document.createElement("a");
    link.href = `#kit-${problem.field}`;
    link.textContent = say(problem.code, problem);
    link.addEventListener("click", (event) => {
      event.preventDefault();
      control(problem.field).focus();
    });
    const item = document.createElement("li");
    item.append(link);
    return item;
  });
  control("errors-list").replaceChildren(...items);
  control("errors").hidden = problems.length === 0;
}

function timeElement(date) {
  const time = document.createElement("time");
  time.dateTime = isoDate(date);
  time.textContent = readerDate.format(Date.UTC(date.year, date.month - 1, date.day));
  return time;
}

function previewItem(reminder, withGoogleLink) {
  const item = document.createElement("li");
  const title = document.createElement("strong");
  title.textContent = reminder.summary;
  const count = Math.min(settings.preview_count, reminder.count ?? settings.preview_count);
  const dates = occurrences(reminder.start, reminder.interval, count).map(timeElement);
  item.append(title, ": ", ...dates.flatMap((time, index) => (index ? [", ", time] : [time])));
  if (withGoogleLink) {
    const link = document.createElement("a");
    link.href = googleCalendarUrl(reminder);
    link.rel = "external noopener noreferrer";
    link.textContent = say("google-link");
    item.append(" ", link);
  }
  return item;
}

function renderPreview(reminders) {
  const withGoogleLink = control("google")?.checked ?? false;
  control("preview-list").replaceChildren(
    ...reminders.map((reminder) => previewItem(reminder, withGoogleLink)),
  );
  control("preview-empty").hidden = reminders.length > 0;
}

function update() {
  const { reminders, problems } = plan();
  renderPreview(reminders);
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

form.addEventListener("submit", (event) => {
  event.preventDefault();
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
  control("status").textContent = say(reminders.length === 1 ? "downloaded-one" : "downloaded-many", {
    filename: settings.filename,
    count: reminders.length,
  });
});

form.addEventListener("input", update);
form.addEventListener("change", update);
control("first").value = isoDate(addDays(today(), settings.first_offset_days));
control("app").hidden = false;
update();
