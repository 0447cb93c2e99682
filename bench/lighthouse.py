"""Lighthouse scores of the published site, mobile, on each page type (issue 13): `make lighthouse`.

    PYTHONPATH=plugins python -m bench.lighthouse [--keep DIR]

Builds the site with publishconf.py, serves it on 127.0.0.1 with its `.br`
copies (bench/published_site.py) and runs Lighthouse (mobile, its default
simulated slow 4G and 4x slower CPU) on the home page, an article, /search/ and a
topic page, with Debian's Chromium. Writes bench/results/lighthouse.md and
lighthouse.json: each page's four scores against the target (95), and the
audits that cost points where a score is below it. Opt-in, never part of
`make test`: it takes a minute or two and its performance score moves with the
machine's load, which the report gives.

Lighthouse comes from npm at the version pinned below (`npx` fetches it once
into npm's cache), or from the command in the LIGHTHOUSE environment variable.
"""

import argparse
import json
import os
import shlex
import subprocess
from datetime import UTC, datetime
from pathlib import Path

from bench.published_site import ROOT, in_work_folder, publish_and_serve, write_report

LIGHTHOUSE = os.environ.get("LIGHTHOUSE", "npx --yes lighthouse@13.5.0")
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
PAGES = {
    "home": "/",
    "article": "/asking-for-a-referral-without-using-people/",
    "search": "/search/",
    "topic": "/category/job-search/",
}
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
TARGET = 95


def audit(url: str, report: Path) -> dict:
    """Run Lighthouse on `url`; its JSON report, also written to `report`."""
    command = [
        *shlex.split(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={report}",
        f"--only-categories={','.join(CATEGORIES)}", f"--chrome-path={CHROMIUM}",
        "--chrome-flags=--headless=new --no-sandbox",
    ]  # fmt: skip
    subprocess.run(command, cwd=ROOT, check=True)
    return json.loads(report.read_text(encoding="utf-8"))


def summary(result: dict) -> dict:
    """The four scores out of 100, and what cost points in a category under the target."""
    scores, losses = {}, {}
    for key in CATEGORIES:
        category = result["categories"][key]
        scores[key] = round(category["score"] * 100)
        if scores[key] < TARGET:
            losses[key] = [
                f"{ref['id']}: {result['audits'][ref['id']].get('displayValue') or ''}".rstrip(": ")
                for ref in category["auditRefs"]
                if ref["weight"] and (result["audits"][ref["id"]]["score"] or 0) < 0.9
            ]
    return {"scores": scores, "below_target": losses}


def render_markdown(data: dict) -> str:
    lines = [
        "# Lighthouse, mobile",
        "",
        f"{data['date']}, Lighthouse via `{data['lighthouse']}`, load average "
        f"{data['load_average_before'][0]} before and {data['load_average_after'][0]} after.",
        "",
        "| page | " + " | ".join(CATEGORIES) + " |",
        "|---|" + "---:|" * len(CATEGORIES),
    ]
    for name, page in data["pages"].items():
        cells = [str(page["scores"][key]) for key in CATEGORIES]
        lines.append(f"| {name} `{PAGES[name]}` | " + " | ".join(cells) + " |")
    for name, page in data["pages"].items():
        for key, audits in page["below_target"].items():
            lines.append(f"\n{name}, {key} below {TARGET}: " + "; ".join(audits))
    met = all(min(page["scores"].values()) >= TARGET for page in data["pages"].values())
    lines += ["", f"All at least {TARGET}: {'yes' if met else '**no**'}."]
    return "\n".join(lines) + "\n"


def run(work: Path) -> dict:
    server, siteurl = publish_and_serve(ROOT / "content", work)
    load_before = os.getloadavg()
    try:
        pages = {
            name: summary(audit(siteurl + path, work / f"lighthouse-{name}.json"))
            for name, path in PAGES.items()
        }
    finally:
        server.shutdown()
    return {
        "date": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "lighthouse": LIGHTHOUSE,
        "load_average_before": [round(x, 2) for x in load_before],
        "load_average_after": [round(x, 2) for x in os.getloadavg()],
        "target": TARGET,
        "pages": pages,
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", type=Path, help="work in this directory and keep it")
    args = parser.parse_args(argv)
    data = in_work_folder(args.keep, "reconnect-lighthouse-", run)
    write_report("lighthouse", data, render_markdown(data))


if __name__ == "__main__":
    main()
