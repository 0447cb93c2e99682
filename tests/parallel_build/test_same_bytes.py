"""A parallel build writes exactly the files a serial build writes, byte for byte.

Two sites, each built serially (`PARALLEL_BUILD={"workers": 1}`) and in
parallel: the demo site with publishconf.py (so the compressed copies made
after the pages are checked too), and a generated corpus of 60 articles with
pelicanconf.py. Every file of the output is compared.
"""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from bench.corpus import generate
from tests.conftest import ROOT

READ_BY_WORKERS = re.compile(r"parallel_build: (\d+) source files read by workers")
RENDERED_BY_WORKERS = re.compile(r"parallel_build: (\d+) of \d+ page jobs rendered by workers")


def build(content: Path, output: Path, settings: str, workers: int) -> str:
    """Build `content` into `output`, logging at info level; return the log."""
    command = [
        sys.executable, "-m", "pelican", str(content), "-o", str(output),
        "-s", str(ROOT / settings), "--cache-path", str(output.parent / f"cache-{output.name}"),
        "--fatal", "errors", "-v", "-e", f'PARALLEL_BUILD={{"workers": {workers}}}',
        "LOAD_CONTENT_CACHE=false",
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


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    directory = tmp_path_factory.mktemp("corpus")
    generate(directory, 60)
    return directory


def test_the_demo_site_is_the_same_built_in_parallel(tmp_path):
    serial_log = build(ROOT / "content", tmp_path / "serial", "publishconf.py", 1)
    parallel_log = build(ROOT / "content", tmp_path / "parallel", "publishconf.py", 3)
    assert "parallel_build" not in serial_log
    assert workers_used(parallel_log)
    assert any(name.endswith("index.html.gz") for name in files(tmp_path / "parallel"))
    assert_same_files(tmp_path / "serial", tmp_path / "parallel")


def test_a_generated_corpus_is_the_same_built_in_parallel(corpus, tmp_path):
    build(corpus, tmp_path / "serial", "pelicanconf.py", 1)
    parallel_log = build(corpus, tmp_path / "parallel", "pelicanconf.py", 2)
    assert workers_used(parallel_log)
    assert len(files(tmp_path / "parallel")) > 60
    assert_same_files(tmp_path / "serial", tmp_path / "parallel")
