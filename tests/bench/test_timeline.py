"""bench.timeline: one build, a line per Pelican signal in the order the build sends them."""

import os
import re
import subprocess
import sys

from bench.timeline import SIGNALS
from tests.conftest import ROOT

LINE = re.compile(r"^\[ *([\d.]+)s\] self cpu +([\d.]+) children +([\d.]+) (\w+)$")


def test_the_demo_build_prints_each_signal_once_in_order_with_growing_times(tmp_path):
    command = [
        sys.executable, "-m", "bench.timeline", str(ROOT / "content"),
        "-o", str(tmp_path / "out"), "-s", str(ROOT / "pelicanconf.py"),
        "--cache-path", str(tmp_path / "cache"), "--fatal", "errors", "-q",
        "-e", 'SEARCH={"enabled": false}',
    ]  # fmt: skip
    result = subprocess.run(
        command,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT / "plugins")},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    marks = [LINE.match(line) for line in result.stderr.splitlines() if line.startswith("[")]
    assert all(marks), result.stderr
    names = [mark[4] for mark in marks]
    # readers_init comes once per generator that reads.
    assert list(dict.fromkeys(names)) == [*SIGNALS, "end"]
    walls = [float(mark[1]) for mark in marks]
    assert walls == sorted(walls)
    assert (tmp_path / "out" / "index.html").is_file()
