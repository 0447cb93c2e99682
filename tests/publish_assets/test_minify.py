"""Minified theme scripts: smaller, and doing exactly what their source does."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from publish_assets.minify import minified, minify_scripts

SCRIPTS = Path(__file__).parent / "fixtures" / "scripts"


def results_of(folder: Path) -> list:
    """What tricky.js's `results()` returns when Node runs the module in `folder`."""
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is needed to run the minified scripts", pytrace=False)
    program = (
        f"import({json.dumps((folder / 'tricky.js').as_uri())})"
        ".then((m) => console.log(JSON.stringify(m.results())))"
    )
    run = subprocess.run(
        [node, "--input-type=module", "-e", program],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return json.loads(run.stdout)


def test_a_minified_script_is_smaller_and_does_what_its_source_does(tmp_path):
    shutil.copytree(SCRIPTS, tmp_path, dirs_exist_ok=True)
    assert minify_scripts(tmp_path) == 2
    source = (SCRIPTS / "tricky.js").read_bytes()
    published = (tmp_path / "tricky.js").read_bytes()
    assert len(published) < len(source) * 0.8
    assert b"careless" not in published and b"over two lines" not in published
    assert results_of(tmp_path) == results_of(SCRIPTS)


def test_only_the_chosen_kinds_are_minified_and_minifying_twice_changes_nothing():
    script = (SCRIPTS / "tricky.js").read_bytes()
    assert minified("js/tricky.js", script, {".css"}) == script
    once = minified("js/tricky.js", script, {".js"})
    assert once != script
    assert minified("js/tricky.js", once, {".js"}) == once
    assert minified("data/list.json", b'{ "a": 1 }', {".js", ".json"}) == b'{ "a": 1 }'
