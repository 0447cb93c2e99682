// The search page (theme/templates/search.html): runs the reader's query against the Pagefind
// index built with the site (plugins/search) and lists the matching articles.
//
// It reads q, category and tag from the address, so the header's plain GET form from any page
// lands here ready to run, and it keeps the address in step so a reload or a shared link shows
// the same results. Everything it loads comes from our own site: pagefind.js, its WebAssembly
// and the index files. Excerpts are rebuilt as text with only Pagefind's <mark> kept.

// Each result shown costs one fetch of its page record (2 KB or so): four keep a first query
// on a 1,000-article index under 150 KB (make bench-search), the rest come with "Show more results".
const PAGE_SIZE = 4;

const app = document.getElementById("search-app");
const form = document.getElementById("search-form");
const input = document.getElementById("search-q");
const filters = document.getElementById("search-filters");
const status = document.getElementById("search-status");
const list = document.getElementById("search-results");
const bundle = new URL(app.dataset.bundle, document.baseURI);

let pagefind = null;
// Each search gets a number; an answer that arrives after a newer search started is dropped.
let latest = 0;
let shown = [];

function checked(name) {
  return [...form.querySelectorAll(`input[name="${name}"]:checked`)].map((box) => box.value);
}

function chosenFilters() {
  const chosen = {};
  for (const name of ["category", "tag"]) {
    const values = checked(name);
    if (values.length) chosen[name] = { any: values };
  }
  return chosen;
}

function readAddress() {
  const params = new URLSearchParams(window.location.search);
  input.value = params.get("q") || "";
  for (const box of form.querySelectorAll('input[type="checkbox"]')) {
    box.checked = params.getAll(box.name).includes(box.value);
  }
}

function writeAddress() {
  const params = new URLSearchParams();
  if (input.value.trim()) params.set("q", input.value.trim());
  for (const name of ["category", "tag"]) {
    for (const value of checked(name)) params.append(name, value);
  }
  const query = params.toString();
  history.replaceState(null, "", query ? `?${query}` : window.location.pathname);
}

// Pagefind's excerpt is HTML: escaped page text with the matched words in <mark>.
// Only the text and the <mark> elements are kept.
function excerptNodes(html) {
  const parsed = new DOMParser().parseFromString(`<p>${html}</p>`, "text/html").body;
  return [...parsed.firstChild.childNodes].map((node) => {
    if (node.nodeName !== "MARK") return document.createTextNode(node.textContent);
    const mark = document.createElement("mark");
    mark.textContent = node.textContent;
    return mark;
  });
}

function resultItem(data) {
  const item = document.createElement("li");
  item.className = "search-result";
  const heading = document.createElement("h2");
  const link = document.createElement("a");
  link.href = data.url;
  link.textContent = data.meta.title || data.url;
  heading.append(link);
  const meta = document.createElement("p");
  meta.className = "meta";
  if (data.meta.date) {
    const time = document.createElement("time");
    time.textContent = data.meta.date;
    if (data.meta.published) time.dateTime = data.meta.published;
    meta.append(time);
  }
  if (data.meta.category) {
    meta.append(`${meta.childNodes.length ? " · " : ""}in ${data.meta.category}`);
  }
  const excerpt = document.createElement("p");
  excerpt.className = "search-excerpt";
  excerpt.append(...excerptNodes(data.excerpt));
  item.append(heading, meta, excerpt);
  return item;
}

function describe(total, query) {
  const found = total === 1 ? "1 article" : `${total} articles`;
  const narrowed = Object.keys(chosenFilters()).length ? " with the chosen topics and tags" : "";
  return total
    ? `${found} found for “${query}”${narrowed}.`
    : `No articles found for “${query}”${narrowed}. Try fewer or different words.`;
}

async function showMore(ticket) {
  const count = list.querySelectorAll(".search-result").length;
  const data = await Promise.all(
    shown.slice(count, count + PAGE_SIZE).map((result) => result.data()),
  );
  if (ticket !== latest) return;
  list.querySelector(".search-more")?.remove();
  list.append(...data.map(resultItem));
  if (count + data.length < shown.length) {
    const more = document.createElement("li");
    more.className = "search-more";
    const button = document.createElement("button");
    button.type = "button";
    button.textContent = "Show more results";
    button.addEventListener("click", () => {
      // One step at a time: a second click while this one loads does nothing.
      button.disabled = true;
      const first = count + data.length;
      showMore(latest).then(() => list.querySelectorAll(".search-result h2 a")[first]?.focus());
    });
    more.append(button);
    list.append(more);
  }
}

async function run() {
  const ticket = ++latest;
  const query = input.value.trim();
  writeAddress();
  if (!query) {
    shown = [];
    list.replaceChildren();
    status.textContent = "Type one or more words to search every article.";
    return;
  }
  const search = await pagefind.search(query, { filters: chosenFilters() });
  if (ticket !== latest) return;
  shown = search.results;
  list.replaceChildren();
  status.textContent = describe(shown.length, query);
  await showMore(ticket);
}

async function start() {
  readAddress();
  try {
    pagefind = await import(new URL("pagefind.js", bundle).href);
    await pagefind.options({ baseUrl: new URL("../", bundle).pathname, excerptLength: 24 });
    // Load the index's entry, metadata and WebAssembly now, not on the first keystroke.
    await pagefind.init();
  } catch {
    document.getElementById("search-failed").hidden = false;
    return;
  }
  app.hidden = false;
  filters.hidden = false;
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    run();
  });
  input.addEventListener("input", () => run());
  filters.addEventListener("change", () => run());
  await run();
}

start();
