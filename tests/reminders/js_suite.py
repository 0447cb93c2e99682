"""The browser writer's own suite (tests/js/, Node's built-in runner), run from pytest."""

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def assert_js_suite_passes(root: Path = ROOT) -> None:
    """Run `node --test tests/js/` in `root`, whose tests import `theme/static/js/`."""
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is needed for the JavaScript tests (Node 20 or later)", pytrace=False)
    result = subprocess.run(
        [node, "--test", "tests/js/"],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
    assert "# fail 0" in result.stdout
    assert "# pass 0" not in result.stdout
