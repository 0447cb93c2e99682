"""Time our site against bare Pelican on generated corpora: `make bench [N=1000] [RUNS=3]`.

    PYTHONPATH=plugins python -m bench.run [-n 1000 [4000 ...]] [--runs 3] [--keep DIR]

Both sites build the same corpus (bench/corpus.py) in the same run, alternating
so that a busy moment on the machine hurts both alike:

- bare Pelican: its default theme, no plugins, bench/bare_settings.py;
- Reconnect: our theme, all our plugins, pelicanconf.py with PATH pointed at the corpus.

For each site and each run: a cold build (no output, no cache), a warm build
(content cache from the cold one), and a rebuild after one article is edited.
Then each site's development server is started ("pelican -lr" for bare
Pelican, scripts/devserver.py for ours), an article is edited `runs` times,
and the served page is polled until the new text appears. Our site is also
built once per run with publishconf.py (minified, fingerprinted, compressed),
for information, and once more with `PARALLEL_BUILD={"workers": 1}` (serial),
to show what the parallel build gains.

Our site's cold, warm and edit builds are measured twice per run: as
configured, and without the search index (`SEARCH={"enabled": false}`). Issue
14's targets are checked on the second: they are the build's (pages, feeds,
mentions, sitemap, share cards), and the index is Pagefind's binary, whose
cost no option changes (issue 13); the report gives what the index adds to a
cold build and to a rebuild after one edit next to them.

Every build runs with Python's bytecode cache on, as on a writer's machine,
whatever the calling environment says: with PYTHONDONTWRITEBYTECODE set, every
build would compile our plugins afresh (about 0.3 s of CPU) while bare
Pelican's modules were compiled when they were installed.

Every build is a separate process; its wall time, CPU time (user + system)
and peak memory (max RSS) come from os.wait4. The report gives medians in
bench/results/report-N.md and report-N.json, with the ratios ours / bare.
With several sizes (`-n 1000 4000 10000`) the reports are run one after the
other and report.md ends with the cold build's cost per article at each size,
which should stay flat: the build must be linear in the number of articles.
On a shared machine, CPU time is the steadier of the two times.
"""

import argparse
import json
import os
import platform
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from bench.corpus import article_filename, article_title, generate, slug_of

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
PELICAN = [sys.executable, "-m", "pelican"]
POLL_SECONDS = 0.01
# Pelican's own server sets up its file watcher only after each build: an edit
# made sooner would be missed, so both servers get this long to settle.
SETTLE_SECONDS = 1.0
# The builds' environment: see the module docstring.
BUILD_ENV = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
# How long a development server may take for a full build (or to show an edit)
# before it counts as hung: its first build grows with the corpus, and at 10,000
# articles on a busy machine it took longer than a fixed 300 s.
SERVER_TIMEOUT = 300.0
SERVER_TIMEOUT_PER_ARTICLE = 0.1
# edit_of_bare: the rebuild after one article's text changed, against bare Pelican's (issue 14).
TARGETS = {"cold_cpu": 1.10, "warm_of_cold": 0.5, "preview_seconds": 1.0, "edit_of_bare": 0.3}
# Peak memory of a cold build, at most twice the 138 MiB measured at 4,000 articles
# before the build went parallel (issue 14); above 4,000 articles the limit grows in
# proportion, as the build's memory does (bare Pelican's too: 281 MiB at 10,000).
PEAK_MIB_TARGET = 2 * 138
PEAK_MIB_TARGET_ARTICLES = 4000
# The cold build's wall time against bare Pelican's (issue 14): at least 2 cores'
# worth at 4,000 articles and more, where parsing dominates; less below.
COLD_WALL_TARGETS = ((4000, 0.5), (0, 0.7))
SERIAL = ("-e", 'PARALLEL_BUILD={"workers": 1}')
# The search index's cost (issue 13): our cold build against one without it.
NO_SEARCH = ("-e", 'SEARCH={"enabled": false}')
# Our site built without the search index: the measures issue 14's targets are checked on.
PAGES = "pages"
SEARCH_COST_TARGET = 1.20


@dataclass(frozen=True)
class Site:
    """How to build and serve one of the two sites."""

    key: str
    name: str
    settings: Path
    url_pattern: str
    devserver: tuple[str, ...]


SITES = (
    Site(
        key="bare",
        name="bare Pelican",
        settings=ROOT / "bench" / "bare_settings.py",
        url_pattern="{slug}.html",
        devserver=(*PELICAN, "-lr"),
    ),
    Site(
        key="ours",
        name="Reconnect",
        settings=ROOT / "pelicanconf.py",
        url_pattern="{slug}/",
        devserver=(sys.executable, str(ROOT / "scripts" / "devserver.py")),
    ),
)


@dataclass
class Sample:
    """One process: wall seconds, CPU seconds, peak memory in MiB."""

    wall: float
    cpu: float
    rss_mib: float


@dataclass
class Measures:
    """Every sample of one site, by measure name."""

    samples: dict[str, list] = field(default_factory=dict)

    def add(self, name: str, value) -> None:
        self.samples.setdefault(name, []).append(value)

    def median(self, name: str, attribute: str | None = None) -> float | None:
        values = self.samples.get(name)
        if not values:
            return None
        return statistics.median(getattr(v, attribute) if attribute else v for v in values)


def peak_mib_target(count: int) -> float:
    """The largest peak memory in MiB allowed for a cold build of `count` articles."""
    return round(PEAK_MIB_TARGET * max(1.0, count / PEAK_MIB_TARGET_ARTICLES), 1)


def cold_wall_target(count: int) -> float:
    """The largest cold-build wall ratio ours / bare allowed at `count` articles."""
    return next(limit for size, limit in COLD_WALL_TARGETS if count >= size)


def run_build(
    site: Site,
    corpus: Path,
    output: Path,
    cache: Path,
    settings: Path | None = None,
    extra: tuple[str, ...] = (),
) -> Sample:
    """Build once in a child process and measure it (workers included); raise if it fails."""
    command = [
        *PELICAN, str(corpus), "-o", str(output), "-s", str(settings or site.settings),
        "--cache-path", str(cache), "--fatal", "errors", "-q", *extra,
    ]  # fmt: skip
    # Write back what earlier builds and deletions left in memory first, so that
    # this build is not charged for them.
    os.sync()
    with tempfile.TemporaryFile() as log:
        start = time.perf_counter()
        process = subprocess.Popen(
            command, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, env=BUILD_ENV
        )
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode != 0:
            log.seek(0)
            raise RuntimeError(f"{site.name} build failed:\n{log.read().decode(errors='replace')}")
    return Sample(wall=wall, cpu=usage.ru_utime + usage.ru_stime, rss_mib=usage.ru_maxrss / 1024)


def edit(path: Path, original: str, marker: str) -> None:
    """Append a paragraph holding `marker` to the article at `path`."""
    path.write_text(f"{original}\nThis paragraph was added by the benchmark: {marker}.\n")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class DevServer:
    """A development server in its own process group, and a count of its finished builds."""

    def __init__(
        self, site: Site, corpus: Path, output: Path, cache: Path, timeout: float = SERVER_TIMEOUT
    ):
        self.port = free_port()
        self.timeout = timeout
        command = [
            *site.devserver, str(corpus), "-o", str(output), "-s", str(site.settings),
            "--cache-path", str(cache), "-p", str(self.port), "-b", "127.0.0.1",
        ]  # fmt: skip
        self.builds = 0
        self.log: list[str] = []
        self._changed = threading.Condition()
        self.process = subprocess.Popen(
            command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
            text=True, start_new_session=True, env={**BUILD_ENV, "COLUMNS": "200"},
        )  # fmt: skip
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in self.process.stdout:
            with self._changed:
                self.log.append(line)
                # Both servers print Pelican's summary line after each full build.
                if "Done: Processed" in line:
                    self.builds += 1
                self._changed.notify_all()

    def wait_for_builds(self, count: int) -> None:
        """Block until `count` full builds have finished."""
        deadline = time.monotonic() + self.timeout
        with self._changed:
            while self.builds < count:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("development server stopped or hung:\n" + "".join(self.log))
                self._changed.wait(1.0)

    def fetch(self, path: str) -> str:
        url = f"http://127.0.0.1:{self.port}/{path}"
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.read().decode("utf-8", errors="replace")
        except OSError:
            return ""

    def stop(self) -> None:
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()


def server_timeout(count: int) -> float:
    """Seconds a development server gets for one full build of `count` articles."""
    return SERVER_TIMEOUT + SERVER_TIMEOUT_PER_ARTICLE * count


def measure_preview(
    site: Site, corpus: Path, work: Path, article: Path, runs: int, timeout: float
) -> list[float]:
    """Seconds from saving an edit to the served page showing it, `runs` times."""
    original = article.read_text(encoding="utf-8")
    index = int(article.name[:5])
    page = site.url_pattern.format(slug=slug_of(index, article_title(index)))
    output, cache = work / f"dev-{site.key}", work / f"dev-cache-{site.key}"
    server = DevServer(site, corpus, output, cache, timeout)
    times = []
    try:
        server.wait_for_builds(1)
        for number in range(1, runs + 1):
            marker = f"preview-marker-{site.key}-{number}"
            time.sleep(SETTLE_SECONDS)
            edit(article, original, marker)
            start = time.perf_counter()
            deadline = start + timeout
            while marker not in server.fetch(page):
                if time.perf_counter() > deadline:
                    raise RuntimeError(f"{site.name}: the edit never showed on /{page}")
                time.sleep(POLL_SECONDS)
            times.append(time.perf_counter() - start)
            # Let the full rebuild that follows finish before the next edit.
            server.wait_for_builds(number + 1)
    finally:
        server.stop()
        article.write_text(original, encoding="utf-8")
    return times


def run_benchmark(count: int, runs: int, work: Path) -> dict:
    """Generate the corpus under `work`, measure both sites, return the report data."""
    corpus = work / "content"
    generate(corpus, count)
    middle = count // 2
    article = corpus / "articles" / article_filename(middle, article_title(middle))
    original = article.read_text(encoding="utf-8")
    measures = {key: Measures() for key in (*(site.key for site in SITES), PAGES)}
    load_before = os.getloadavg()
    for number in range(1, runs + 1):
        ours = next(site for site in SITES if site.key == "ours")
        for key, site, extra in (*((s.key, s, ()) for s in SITES), (PAGES, ours, NO_SEARCH)):
            output, cache = work / f"out-{key}", work / f"cache-{key}"
            shutil.rmtree(output, ignore_errors=True)
            shutil.rmtree(cache, ignore_errors=True)
            results = measures[key]
            results.add("cold", run_build(site, corpus, output, cache, extra=extra))
            results.add("warm", run_build(site, corpus, output, cache, extra=extra))
            edit(article, original, f"rebuild-marker-{number}")
            try:
                results.add("edit", run_build(site, corpus, output, cache, extra=extra))
            finally:
                article.write_text(original, encoding="utf-8")
            print(f"run {number}/{runs}: {key} done", flush=True)
        publish_out = work / "out-publish"
        shutil.rmtree(publish_out, ignore_errors=True)
        publish_cache = work / "cache-publish"
        measures["ours"].add(
            "publish", run_build(ours, corpus, publish_out, publish_cache, ROOT / "publishconf.py")
        )
        serial_out, serial_cache = work / "out-serial", work / "cache-serial"
        for path in (serial_out, serial_cache):
            shutil.rmtree(path, ignore_errors=True)
        measures["ours"].add(
            "serial", run_build(ours, corpus, serial_out, serial_cache, extra=SERIAL)
        )
    for site in SITES:
        for seconds in measure_preview(site, corpus, work, article, runs, server_timeout(count)):
            measures[site.key].add("preview", seconds)
        print(f"preview: {site.name} done", flush=True)
    return report_data(count, runs, measures, load_before)


def report_data(count: int, runs: int, measures: dict[str, Measures], load_before) -> dict:
    """Medians, ratios and target checks, with the raw samples.

    The rows compare bare Pelican with our site without the search index
    (`PAGES`) and with it; issue 14's targets are checked on the first.
    """
    bare, ours = measures["bare"], measures["ours"]
    pages = measures.get(PAGES) or Measures()
    rows = []
    for name, label in (
        ("cold", "cold build"),
        ("warm", "warm-cache build"),
        ("edit", "rebuild after editing one article"),
    ):
        for attribute, unit in (("wall", "s"), ("cpu", "s CPU"), ("rss_mib", "MiB peak")):
            bare_value = bare.median(name, attribute)
            rows.append(_row(f"{label}, {unit}", bare_value, pages.median(name, attribute)))
            rows.append(
                _row(
                    f"{label} with the search index, {unit}",
                    bare_value,
                    ours.median(name, attribute),
                )
            )
    for name, label in (
        ("publish", "publish build (publishconf.py, cold)"),
        ("serial", "cold build, serial (workers 1)"),
    ):
        for attribute, unit in (("wall", "s"), ("cpu", "s CPU"), ("rss_mib", "MiB peak")):
            rows.append(
                _row(
                    f"{label}, {unit}", bare.median("cold", attribute), ours.median(name, attribute)
                )
            )
    rows.append(_row("cold build per article, ms", _per_article(bare, count),
                     _per_article(pages, count)))  # fmt: skip
    rows.append(_row("cold build with the search index per article, ms",
                     _per_article(bare, count), _per_article(ours, count)))  # fmt: skip
    rows.append(_row("edit to updated page in the dev server, s", bare.median("preview"),
                     ours.median("preview")))  # fmt: skip
    checks = {
        "cold build, ours / bare (wall)": _check(
            _ratio(pages.median("cold", "wall"), bare.median("cold", "wall")),
            cold_wall_target(count),
        ),
        "cold build, ours / bare (CPU)": _check(
            _ratio(pages.median("cold", "cpu"), bare.median("cold", "cpu")), TARGETS["cold_cpu"]
        ),
        "rebuild after one edit, ours / bare (wall)": _check(
            _ratio(pages.median("edit", "wall"), bare.median("edit", "wall")),
            TARGETS["edit_of_bare"],
        ),
        "warm build / our cold build (wall)": _check(
            _ratio(pages.median("warm", "wall"), pages.median("cold", "wall")),
            TARGETS["warm_of_cold"],
        ),
        "cold build peak memory, MiB": _check(
            pages.median("cold", "rss_mib"), peak_mib_target(count)
        ),
        "search index: our cold build / without it (wall)": _check(
            _ratio(ours.median("cold", "wall"), pages.median("cold", "wall")),
            SEARCH_COST_TARGET,
        ),
        "dev server edit to page, ours, s": _check(
            ours.median("preview"), TARGETS["preview_seconds"]
        ),
    }
    return {
        "articles": count,
        "runs": runs,
        "date": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "machine": {
            "cpus": os.cpu_count(),
            "usable_cores": len(os.sched_getaffinity(0)),
            "load_average_before": [round(x, 2) for x in load_before],
            "load_average_after": [round(x, 2) for x in os.getloadavg()],
            "python": platform.python_version(),
        },
        "rows": rows,
        "targets": checks,
        "samples": {
            key: {
                name: [v.__dict__ if isinstance(v, Sample) else v for v in values]
                for name, values in m.samples.items()
            }
            for key, m in measures.items()
        },
    }


def _per_article(measures: Measures, count: int) -> float | None:
    seconds = measures.median("cold", "wall")
    return None if seconds is None or not count else seconds * 1000 / count


def _ratio(ours: float | None, bare: float | None) -> float | None:
    return round(ours / bare, 3) if ours is not None and bare else None


def _row(label: str, bare: float | None, ours: float | None) -> dict:
    return {
        "measure": label,
        "bare": None if bare is None else round(bare, 3),
        "ours": None if ours is None else round(ours, 3),
        "ratio": _ratio(ours, bare),
    }


def _check(value: float | None, limit: float) -> dict:
    return {"value": value, "limit": limit, "met": value is not None and value <= limit}


def render_markdown(data: dict) -> str:
    """The report as a Markdown page."""
    machine = data["machine"]
    lines = [
        f"# Build benchmark: {data['articles']} articles, median of {data['runs']} runs",
        "",
        f"{data['date']}, {machine['cpus']} CPUs ({machine.get('usable_cores', '?')} usable), "
        f"Python {machine['python']}, load average "
        f"{machine['load_average_before'][0]} before and {machine['load_average_after'][0]} after.",
        "",
        "| measure | bare Pelican | Reconnect | ours / bare |",
        "|---|---:|---:|---:|",
    ]
    for row in data["rows"]:
        cells = [_cell(row["bare"]), _cell(row["ours"]), _cell(row["ratio"], "×")]
        lines.append(f"| {row['measure']} | {' | '.join(cells)} |")
    lines += ["", "| target | value | limit | met |", "|---|---:|---:|---|"]
    for name, check in data["targets"].items():
        met = "yes" if check["met"] else "**no**"
        lines.append(f"| {name} | {_cell(check['value'])} | {check['limit']} | {met} |")
    return "\n".join(lines) + "\n"


def render_scaling(reports: list[dict]) -> str:
    """The cold build's cost per article at each size: flat when the build is linear."""
    lines = [
        "# Cold build cost per article",
        "",
        "| articles | bare Pelican, ms | Reconnect, ms | ours / bare | with the search index, ms |",
        "|---:|---:|---:|---:|---:|",
    ]
    for data in reports:
        rows = {row["measure"]: row for row in data["rows"]}
        row = rows["cold build per article, ms"]
        indexed = rows.get("cold build with the search index per article, ms", {})
        cells = [_cell(row["bare"]), _cell(row["ours"]), _cell(row["ratio"], "×")]
        cells.append(_cell(indexed.get("ours")))
        lines.append(f"| {data['articles']} | {' | '.join(cells)} |")
    return "\n".join(lines) + "\n"


def _cell(value: float | None, suffix: str = "") -> str:
    return "n/a" if value is None else f"{value:.2f}{suffix}"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", "--articles", type=int, nargs="+", default=[1000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="work in this directory and keep it")
    args = parser.parse_args(argv)
    RESULTS.mkdir(parents=True, exist_ok=True)
    reports = []
    for count in args.articles:
        if args.keep:
            work = args.keep / str(count)
            work.mkdir(parents=True, exist_ok=True)
            data = run_benchmark(count, args.runs, work)
        else:
            with tempfile.TemporaryDirectory(prefix="reconnect-bench-") as work:
                data = run_benchmark(count, args.runs, Path(work))
        text = render_markdown(data)
        (RESULTS / f"report-{count}.json").write_text(json.dumps(data, indent=2) + "\n", "utf-8")
        (RESULTS / f"report-{count}.md").write_text(text, encoding="utf-8")
        reports.append(data)
        print(text, flush=True)
    text = "\n".join(render_markdown(data) for data in reports)
    if len(reports) > 1:
        text += "\n" + render_scaling(reports)
    (RESULTS / "report.md").write_text(text, encoding="utf-8")
    if len(reports) > 1:
        print(render_scaling(reports))
    print(f"written to {RESULTS / 'report.md'} (and report-N.md, report-N.json per size)")


if __name__ == "__main__":
    main()
