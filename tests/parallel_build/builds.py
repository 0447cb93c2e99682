"""Building a site in a child process, serially or in parallel, and comparing outputs."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

READ_BY_WORKERS = re.compile(r"parallel_build: (\d+) source files read by workers")
RENDERED_BY_WORKERS = re.compile(r"parallel_build: (\d+) of \d+ page jobs rendered by workers")


def build(
    content: Path,
    output: Path,
    settings: str,
    workers: int,
    cache: Path | None = None,
    keep_output: bool = False,
    extra: tuple[str, ...] = (),
) -> str:
    """Build `content` into `output`, logging at info level; return the log.

    Without `cache` the build is clean (a cache of its own, not loaded); with
    it, the caches there are loaded and kept, and the output is written from
    scratch, so stale pages of deleted articles cannot hide, unless
    `keep_output` (as a development build: unchanged pages are kept).
    `extra`: more KEY=JSON settings.
    """
    if not cache:
        caching = ["LOAD_CONTENT_CACHE=false"]
    else:
        caching = [] if keep_output else ["DELETE_OUTPUT_DIRECTORY=true"]
    cache = cache or output.parent / f"cache-{output.name}"
    command = [
        sys.executable, "-m", "pelican", str(content), "-o", str(output),
        "-s", str(ROOT / settings), "--cache-path", str(cache),
        "--fatal", "errors", "-v", "-e", f'PARALLEL_BUILD={{"workers": {workers}}}', *caching,
        # Pagefind writes its filter files in a varying order (tests/search covers the index),
        # so the search index is left out of these byte-for-byte comparisons.
        'SEARCH={"enabled": false}', *extra,
    ]  # fmt: skip
    # Wide enough that Pelican's log lines are not wrapped.
    env = {**os.environ, "COLUMNS": "300"}
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        pytest.fail(f"build failed:\n{result.stdout}\n{result.stderr}", pytrace=False)
    return result.stdout + result.stderr


def files(directory: Path) -> dict[str, bytes]:
    return {
        p.relative_to(directory).as_posix(): p.read_bytes()
        for p in sorted(directory.rglob("*"))
        if p.is_file()
    }


def assert_same_files(serial: Path, parallel: Path) -> None:
    expected, actual = files(serial), files(parallel)
    assert sorted(actual) == sorted(expected)
    different = [name for name in expected if actual[name] != expected[name]]
    assert different == []


def workers_used(log: str) -> bool:
    """Whether workers read some sources and rendered some pages (else the test proves nothing)."""
    counts = [
        m and int(m.group(1))
        for m in (READ_BY_WORKERS.search(log), RENDERED_BY_WORKERS.search(log))
    ]
    return all(counts)
