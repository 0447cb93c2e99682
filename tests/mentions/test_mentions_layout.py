"""The package's shape: its module map names every module, and the build loads no command code.

The map in `mentions/__init__.py` sorts modules into shared, build-time and
command-time ones; a Pelican build must run without loading any command-time
module (HTTP clients, importers, the JF2 parser).
"""

import re
import subprocess
import sys
from pathlib import Path

import mentions

PACKAGE = Path(mentions.__file__).parent
ROOT = PACKAGE.parents[1]
_SECTION = re.compile(r"^(Shared|Build time|Command time)\b", re.MULTILINE)


def module_map() -> dict[str, list[str]]:
    """Section ("Shared", "Build time", "Command time") -> the module names listed under it."""
    parts = _SECTION.split(mentions.__doc__)[1:]
    return {
        section: re.findall(r"^    ([a-z_]+)\b", body, re.MULTILINE)
        for section, body in zip(parts[::2], parts[1::2], strict=True)
    }


def test_the_module_map_names_every_module_once():
    sections = module_map()
    listed = [name for names in sections.values() for name in names]
    modules = {p.stem for p in PACKAGE.glob("*.py")} - {"__init__", "__main__"}
    assert sorted(listed) == sorted(modules)
    assert set(sections) == {"Shared", "Build time", "Command time"}


def test_the_build_loads_no_command_time_module():
    script = (
        "import sys, mentions.plugin, feeds.plugin, syndication.plugin; "
        "print(' '.join(m for m in sys.modules if m.startswith('mentions.')))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env={"PYTHONPATH": f"{ROOT / 'plugins'}:{ROOT}"},
        capture_output=True,
        text=True,
        check=True,
    )
    loaded = {name.removeprefix("mentions.") for name in result.stdout.split()}
    assert "plugin" in loaded
    assert not loaded & set(module_map()["Command time"])
