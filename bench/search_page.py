"""Time the search page on the real index at N articles in headless Chromium (issue 13's numbers).

    PYTHONPATH=plugins python -m bench.search_page [-n 1000] [--runs 5] [--keep DIR]

Generates the benchmark corpus (bench/corpus.py), builds it with publishconf.py
(minified pages, the `.br` copies) and serves it on 127.0.0.1 with them, as a
production server would (bench/published_site.py). Then, for each query and run, on a fresh page
(nothing cached; the server says `no-store`):

- opens /search/ and waits until Pagefind is ready (the page loads it as it opens);
- puts the whole query in the box at once (one `input` event) and times, in the
  page, from that event to the first result on screen: the target is under 300 ms;
- reloads and types the query a letter every 120 ms, as a reader does (the page
  searches at every letter), and times from the last letter to the first result
  of the whole query, for information;
- counts every byte the server sent for that page, from the page itself to the
  last result record (headers and compressed bodies, Pagefind's web worker's
  requests too): the target is under 150 KB.

Writes bench/results/search-page.md and search-page.json (medians, every
sample, the load average) and prints the table. A measurement, not a test: a
busy machine gives slower times; the bytes do not depend on it.
"""

import argparse
import os
import statistics
from datetime import UTC, datetime
from pathlib import Path

from playwright.sync_api import sync_playwright

from bench.corpus import generate
from bench.published_site import in_work_folder, publish_and_serve, write_report

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
# Words the corpus uses, from one very common to one in a few articles.
QUERIES = ("referral", "linkedin", "informational interview", "follow-up message")
TARGET_MS = 300
# Typing: a letter every 120 ms, a fast typist.
TYPING_GAP_MS = 120
TARGET_BYTES = 150_000

# Runs in the page once Pagefind is ready. With `gap` 0, the whole query in one
# input event; otherwise typed a letter every `gap` ms, as a reader does (the
# page searches at every letter). Returns the milliseconds from the last input
# event to the first result of the whole query on screen.
TIME_QUERY = """async ({ query, gap }) => {
  const input = document.getElementById('search-q');
  const list = document.getElementById('search-results');
  const status = document.getElementById('search-status');
  const type = (text) => {
    input.value = text;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  };
  for (let end = 1; gap && end < query.length; end++) {
    type(query.slice(0, end));
    await new Promise((resolve) => setTimeout(resolve, gap));
  }
  const shown = new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      if (status.textContent.includes(`“${query}”`) && list.querySelector('.search-result')) {
        observer.disconnect();
        resolve();
      }
    });
    observer.observe(list, { childList: true });
    observer.observe(status, { childList: true, characterData: true, subtree: true });
  });
  const start = performance.now();
  type(query);
  await shown;
  return performance.now() - start;
}"""


def measure(server, siteurl: str, runs: int) -> dict[str, dict]:
    """Per query: milliseconds to the first result and bytes sent, one of each per run."""
    samples = {query: {"ms": [], "typed_ms": [], "bytes": [], "fetched": {}} for query in QUERIES}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        for _ in range(runs):
            for query in QUERIES:
                context = browser.new_context()
                page = context.new_page()
                server.sent.clear()
                page.goto(f"{siteurl}/search/")
                page.wait_for_selector("#search-app:not([hidden])")
                pasted = page.evaluate(TIME_QUERY, {"query": query, "gap": 0})
                samples[query]["ms"].append(pasted)
                # Anything still loading for this query (records, chunks) counts too.
                page.wait_for_load_state("networkidle")
                fetched = {}
                for path, size in server.sent:
                    fetched[path] = fetched.get(path, 0) + size
                samples[query]["bytes"].append(sum(fetched.values()))
                samples[query]["fetched"] = fetched
                page.reload()
                page.wait_for_selector("#search-app:not([hidden])")
                typed = page.evaluate(TIME_QUERY, {"query": query, "gap": TYPING_GAP_MS})
                samples[query]["typed_ms"].append(typed)
                context.close()
        browser.close()
    return samples


def report(count: int, runs: int, samples: dict, load_before, load_after) -> dict:
    """Medians against the targets, every sample, and the last run's bytes by file."""
    fetched = {query: values.pop("fetched") for query, values in samples.items()}
    rows = [
        {
            "query": query,
            "first_results_ms": round(statistics.median(values["ms"]), 1),
            "typed_first_results_ms": round(statistics.median(values["typed_ms"]), 1),
            "bytes": statistics.median(values["bytes"]),
        }
        for query, values in samples.items()
    ]
    return {
        "articles": count,
        "runs": runs,
        "date": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "load_average_before": [round(x, 2) for x in load_before],
        "load_average_after": [round(x, 2) for x in load_after],
        "targets": {"first_results_ms": TARGET_MS, "bytes": TARGET_BYTES},
        "rows": rows,
        "met": all(r["first_results_ms"] < TARGET_MS and r["bytes"] < TARGET_BYTES for r in rows),
        "samples": samples,
        "fetched_in_the_last_run": fetched,
    }


def render_markdown(data: dict) -> str:
    lines = [
        f"# Search page: {data['articles']} articles, median of {data['runs']} runs",
        "",
        f"{data['date']}, headless Chromium, load average {data['load_average_before'][0]} "
        f"before and {data['load_average_after'][0]} after.",
        "",
        f"| query | first results, ms (< {TARGET_MS}) | typed, ms from the last letter "
        f"| bytes fetched (< {TARGET_BYTES:,}) |",
        "|---|---:|---:|---:|",
    ]
    for row in data["rows"]:
        cells = [
            row["query"], f"{row['first_results_ms']:.0f}",
            f"{row['typed_first_results_ms']:.0f}", f"{row['bytes']:,.0f}",
        ]  # fmt: skip
        lines.append("| " + " | ".join(cells) + " |")
    lines += ["", f"Targets met: {'yes' if data['met'] else '**no**'}."]
    return "\n".join(lines) + "\n"


def run(count: int, runs: int, work: Path) -> dict:
    corpus = work / "content"
    if not corpus.is_dir():
        generate(corpus, count)
    server, siteurl = publish_and_serve(corpus, work)
    load_before = os.getloadavg()
    try:
        samples = measure(server, siteurl, runs)
    finally:
        server.shutdown()
    return report(count, runs, samples, load_before, os.getloadavg())


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", "--articles", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keep", type=Path, help="work in this directory and keep it")
    args = parser.parse_args(argv)
    data = in_work_folder(
        args.keep, "reconnect-search-bench-", lambda work: run(args.articles, args.runs, work)
    )
    write_report("search-page", data, render_markdown(data))


if __name__ == "__main__":
    main()
