// DOM glue of the keep-in-touch page (partials/reminder_tool.html): the only module that
// touches the page or reads the clock (today for the default date, UTC now for DTSTAMP).
// Nothing is sent over the network and nothing is stored; files are made on the device.

import { debounce } from "./debounce.js";
import { buildCalendar } from "./ics.js";
import { ImportProblem, decode, listCsv, readContactsFile } from "./import.js";
import { googleCalendarUrl } from "./links.js";
import { InputError, planReminders, readContacts } from "./plan.js";
import { addDays, identity, isoDate, occurrences, parseDate, weeklyLoad } from "./schedule.js";

const FIELDS_WITH_ERRORS = ["contacts", "tier", "intervals", "first", "alarm", "years", "people"];
// Where the reader fixes a field's problem.
const FOCUS = { intervals: "interval-0", people: "search" };
// Thousands of rows or previews on each change would make the page sluggish.
const SHOWN_PEOPLE = 200;
const SHOWN_PREVIEWS = 50;
const BYTES_PER_PERSON = 2048;
const SAVED_LIST = "keep-in-touch-list.csv";
const readJson = (id) => JSON.parse(document.getElementById(id).textContent);
const control = (name) => document.getElementById(`kit-${name}`);
function element(tag, properties, ...children) {
  const node = Object.assign(document.createElement(tag), properties);
  node.append(...children);
  return node;
}

const settings = readJson("kit-settings");
const messages = readJson("kit-messages");
const { options } = settings;
const form = control("form");
const readerDate = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeZone: "UTC" });
// Field problems show after a first download attempt; the preview, at once.
let showProblems = false;
let downloadUrl = null;
let imported = [];

function today() {
  // The reader's own day: what "today" means to them.
  const now = new Date();
  return { year: now.getFullYear(), month: now.getMonth() + 1, day: now.getDate() };
}

function readForm() {
  return {
    list: control("list").value,
    contacts: control("contacts").value,
    tier: Number(control("tier").value),
    people: imported.filter((person) => person.chosen),
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

function format(key, values) {
  return messages[key].replace(/\{(\w+)\}/g, (_, name) => String(values[name] ?? ""));
}

function say(problem) {
  const key = `${problem.field}:${problem.code}`;
  return format(key in messages ? key : problem.code, problem);
}

function showError(field, text, input = control(FOCUS[field] ?? field)) {
  const message = control(`${field}-error`);
  message.textContent = text;
  message.hidden = !text;
  if (text) input.setAttribute("aria-invalid", "true");
  else input.removeAttribute("aria-invalid");
}

function showFieldProblems(problems) {
  for (const field of FIELDS_WITH_ERRORS) {
    const problem = problems.find((p) => p.field === field);
    showError(field, problem ? say(problem) : "");
  }
}

function showSummary(problems) {
  const items = problems.map((problem) => {
    const target = FOCUS[problem.field] ?? problem.field;
    const link = element("a", { href: `#kit-${target}`, textContent: say(problem) });
    link.addEventListener("click", (event) => {
      event.preventDefault();
      control(target).focus();
    });
    return element("li", {}, link);
  });
  control("errors-list").replaceChildren(...items);
  control("errors").hidden = problems.length === 0;
}

function dateItem(date) {
  const textContent = readerDate.format(Date.UTC(date.year, date.month - 1, date.day));
  return element("li", {}, element("time", { dateTime: isoDate(date), textContent }));
}

function previewItem(reminder, withGoogleLink) {
  const count = Math.min(settings.preview_count, reminder.count ?? settings.preview_count);
  const dates = occurrences(reminder.start, reminder.interval, count).map(dateItem);
  const item = element(
    "li",
    {},
    element("strong", { textContent: reminder.summary }),
    element("ul", { className: "kit-dates" }, ...dates),
  );
  if (withGoogleLink) {
    const href = googleCalendarUrl(reminder);
    const rel = "external noopener noreferrer";
    item.append(element("a", { href, rel, textContent: messages["google-link"] }));
  }
  return item;
}

function renderLoad(reminders) {
  const from = parseDate(control("first").value) ?? today();
  const weeks = weeklyLoad(reminders, from);
  const total = weeks.reduce((sum, count) => sum + count, 0);
  const max = Math.max(...weeks);
  // Numbers only, so building the markup as text is safe.
  control("chart").innerHTML = weeks
    .map((count, week) => {
      const height = max ? (count / max) * 100 : 0;
      return `<rect x="${week * 10}" y="${105 - height}" width="8" height="${height}"/>`;
    })
    .join("");
  const average = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 }).format(total / 52);
  control("load-text").textContent = format("load", { average, total, max });
  control("load").hidden = reminders.length === 0;
}

function renderPreview(reminders, problems) {
  const withGoogleLink = control("google")?.checked ?? false;
  control("preview-list").replaceChildren(
    ...reminders.slice(0, SHOWN_PREVIEWS).map((reminder) => previewItem(reminder, withGoogleLink)),
  );
  const more = control("preview-more");
  more.textContent = format("preview-more", { count: reminders.length - SHOWN_PREVIEWS });
  more.hidden = reminders.length <= SHOWN_PREVIEWS;
  renderLoad(reminders);
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

function offer(text, type, filename) {
  if (downloadUrl !== null) URL.revokeObjectURL(downloadUrl);
  downloadUrl = URL.createObjectURL(new Blob([text], { type }));
  const link = element("a", { href: downloadUrl, download: filename, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
}

function matches(person, words, year) {
  if (year && String(person.year) !== year) return false;
  const text = `${person.name} ${person.company}`.toLowerCase();
  return words.every((word) => text.includes(word));
}

function shownPeople() {
  const words = control("search").value.toLowerCase().split(/\s+/).filter(Boolean);
  const year = control("year").value;
  return imported.filter((person) => matches(person, words, year));
}

function tierSelect(person) {
  const choices = options.tiers.map((tier, index) => new Option(tier.name, index, false, index === person.tier));
  const select = element("select", { ariaLabel: format("person-circle", person) }, ...choices);
  select.addEventListener("change", () => {
    person.tier = Number(select.value);
  });
  return select;
}

function personRow(person) {
  const id = `kit-person-${person.index}`;
  const box = element("input", { type: "checkbox", id, checked: person.chosen });
  box.addEventListener("change", () => {
    person.chosen = box.checked;
    countPeople();
  });
  const details = [person.position, person.company, person.year].filter(Boolean).join(" · ");
  const label = element("label", { htmlFor: id, textContent: person.name });
  return element("li", {}, box, label, element("span", { textContent: details }), tierSelect(person));
}

function countPeople(shown = shownPeople()) {
  const chosen = imported.filter((person) => person.chosen).length;
  const count = format("people-count", { chosen, total: imported.length, shown: shown.length });
  const more = shown.length > SHOWN_PEOPLE ? ` ${format("people-more", { count: SHOWN_PEOPLE })}` : "";
  control("people-count").textContent = count + more;
}

function renderPeople() {
  const shown = shownPeople();
  control("people-list").replaceChildren(
    ...shown.slice(0, SHOWN_PEOPLE).map(personRow),
  );
  countPeople(shown);
  control("people").hidden = imported.length === 0;
}

function renderYears() {
  const years = [...new Set(imported.map((person) => person.year).filter(Boolean))].sort();
  const select = control("year");
  select.replaceChildren(select.options[0], ...years.map((year) => new Option(year, year)));
}

async function importFile(file) {
  showError("file", "");
  control("import-status").textContent = "";
  const values = { file: file.name, max: settings.max_import };
  if (file.size > settings.max_import * BYTES_PER_PERSON) {
    const size = Math.round((settings.max_import * BYTES_PER_PERSON) / 1e6);
    showError("file", format("file:too-large", { ...values, size }));
    return;
  }
  const { text, fallback } = decode(new Uint8Array(await file.arrayBuffer()));
  let result;
  try {
    result = readContactsFile(text, options, settings.default_tier, settings.max_import);
  } catch (error) {
    if (!(error instanceof ImportProblem)) throw error;
    showError("file", format(`file:${error.code}`, { ...values, ...error.values, line: error.line }));
    return;
  }
  const known = new Set(imported.map((person) => person.key));
  let duplicates = 0;
  for (const person of result.people) {
    const key = identity(person.name);
    if (known.has(key)) duplicates += 1;
    else {
      known.add(key);
      imported.push({ ...person, chosen: true, key, index: imported.length });
    }
  }
  const notes = [format("imported", { count: result.people.length, file: file.name })];
  for (const [key, count] of [
    ["imported-skipped", result.skipped],
    ["imported-duplicates", duplicates],
    ["imported-shortened", result.shortened],
  ]) {
    if (count) notes.push(format(key, { count }));
  }
  if (fallback) notes.push(messages["imported-fallback"]);
  control("import-status").textContent = notes.join(" ");
  renderYears();
  renderPeople();
  update();
}

function chooseShown(chosen) {
  for (const person of shownPeople()) person.chosen = chosen;
  renderPeople();
  update();
}

function saveList() {
  const typed = readContacts(control("contacts").value, options, Number(control("tier").value));
  if (typed.problem && typed.problem.code !== "no-contacts") {
    control("status").textContent = say(typed.problem);
    return;
  }
  const people = [...typed.contacts, ...imported.filter((person) => person.chosen)];
  offer(listCsv(people, options), "text/csv;charset=utf-8", SAVED_LIST);
  control("status").textContent = format("saved", { count: people.length, filename: SAVED_LIST });
}

const updateSoon = debounce(update, 250);
const renderPeopleSoon = debounce(renderPeople, 250);

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
  const text = buildCalendar(reminders, { now, prodid: options.prodid, category: options.category });
  offer(text, "text/calendar;charset=utf-8", settings.filename);
  const key = reminders.length === 1 ? "downloaded-one" : "downloaded-many";
  control("status").textContent = format(key, { filename: settings.filename, count: reminders.length });
});

// An edit makes the last "Done" untrue. Text fields wait for a pause (no "change" re-plan:
// it would move the button, below the preview, in the middle of a click on it).
form.addEventListener("input", (event) => {
  control("status").textContent = "";
  if (event.target.matches("textarea, input:not([type=checkbox])")) updateSoon();
  else update();
});
control("file").addEventListener("change", () => {
  const [file] = control("file").files;
  if (file) importFile(file);
});
const drop = control("drop");
drop.addEventListener("dragover", (event) => {
  event.preventDefault();
  drop.classList.add("kit-dragging");
});
drop.addEventListener("dragleave", () => drop.classList.remove("kit-dragging"));
drop.addEventListener("drop", (event) => {
  event.preventDefault();
  drop.classList.remove("kit-dragging");
  const [file] = event.dataTransfer.files;
  if (file) importFile(file);
});
control("search").addEventListener("input", renderPeopleSoon);
// Enter in the search box searches; it does not download.
control("search").addEventListener("keydown", (event) => {
  if (event.key === "Enter") event.preventDefault();
});
control("year").addEventListener("change", renderPeople);
control("choose-all").addEventListener("click", () => chooseShown(true));
control("choose-none").addEventListener("click", () => chooseShown(false));
control("move").addEventListener("change", () => {
  const tier = control("move").value;
  if (tier === "") return;
  for (const person of shownPeople()) person.tier = Number(tier);
  control("move").value = "";
  renderPeople();
  update();
});
control("forget").addEventListener("click", () => {
  imported = [];
  control("file").value = "";
  control("import-status").textContent = "";
  renderPeople();
  update();
});
control("save").addEventListener("click", saveList);
control("first").value = isoDate(addDays(today(), settings.first_offset_days));
for (const name of ["download", "save", "file"]) control(name).disabled = false;
update();
