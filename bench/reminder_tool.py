"""Time the keep-in-touch tool on a big import in headless Chromium (issue 11's numbers).

    PYTHONPATH=plugins python -m bench.reminder_tool [--people 5000] [--runs 7]

Builds the site, serves it on 127.0.0.1, and in the tool page times what a reader's import
costs: decoding a LinkedIn Connections.csv of `--people` rows, reading it, planning everyone
and writing the .ics, with the page's own modules. Once at full speed and once with Chromium's
4x CPU slowdown (a mid-range phone). Prints the median and best of the runs; the targets are
under 200 ms and under 1 s. A measurement, not a test: a busy machine gives slower numbers.
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from scripts.devserver import serve

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
TOOL = "/tools/keep-in-touch/"

# Runs inside the page: the same modules and steps as an import followed by a download.
MEASURE = """async ({ people, runs }) => {
  const files = await import('/theme/js/import.js');
  const { calendarText } = await import('/theme/js/plan.js');
  const settings = JSON.parse(document.getElementById('kit-settings').textContent);
  const options = { ...settings.options, max_contacts: people };
  const rows = ['Notes:', '"Some e-mail addresses are missing."', '',
    'First Name,Last Name,URL,Email Address,Company,Position,Connected On'];
  for (let i = 0; i < people; i++) {
    rows.push(`Person${i},Family ${i},https://www.linkedin.example/in/p${i},,` +
      `"Company ${i % 97}, Inc.",Engineer,14 Jan 2024`);
  }
  const bytes = new TextEncoder().encode(rows.join('\\r\\n'));
  const times = [];
  for (let run = 0; run < runs; run++) {
    const start = performance.now();
    const { text } = files.decode(bytes);
    const read = files.readContactsFile(text, options, settings.default_tier, settings.max_import);
    const form = { list: settings.list_name, contacts: '', tier: settings.default_tier,
      people: read.people, intervals: options.tiers.map((t) => t.interval),
      first: '2027-01-04', spread: true, alarm: 'day-before', years: 0,
      text: 'Time to check in with {name}.\\nNow at {company} as {position}.' };
    const ics = calendarText(form, options, '2027-01-01T00:00:00Z');
    times.push(performance.now() - start);
    if (!ics.endsWith('END:VCALENDAR\\r\\n')) throw new Error('no calendar');
  }
  return times;
}"""


def build(output: Path) -> None:
    command = [sys.executable, "-m", "pelican", "content", "-o", str(output),
               "-s", "pelicanconf.py", "-q"]  # fmt: skip
    subprocess.run(command, cwd=ROOT, check=True)


def measure(url: str, people: int, runs: int) -> dict[int, list[float]]:
    """Milliseconds per run, for each CPU slowdown."""
    results = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        for slowdown in (1, 4):
            page = browser.new_page()
            page.goto(url)
            session = page.context.new_cdp_session(page)
            session.send("Emulation.setCPUThrottlingRate", {"rate": slowdown})
            results[slowdown] = page.evaluate(MEASURE, {"people": people, "runs": runs})
            page.close()
        browser.close()
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        output = Path(folder) / "output"
        build(output)
        server = serve(str(output), "127.0.0.1", 0)
        try:
            url = f"http://127.0.0.1:{server.server_port}{TOOL}"
            results = measure(url, args.people, args.runs)
        finally:
            server.shutdown()
    print(
        f"{args.people} contacts: decode + read + plan + .ics, {args.runs} runs (load {os.getloadavg()[0]:.1f})"
    )
    for slowdown, times in results.items():
        target = 200 if slowdown == 1 else 1000
        print(
            f"  CPU slowdown {slowdown}x: median {statistics.median(times):.0f} ms, "
            f"best {min(times):.0f} ms (target under {target} ms)"
        )


if __name__ == "__main__":
    main()
