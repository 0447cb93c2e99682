"""The package is a command, not a build plugin: Pelican stays in cli.py, out of PLUGINS."""

import ast
from pathlib import Path

import linkbacks

import pelicanconf

PACKAGE = Path(linkbacks.__file__).parent


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_only_the_command_line_glue_imports_pelican():
    importers = sorted(p.name for p in PACKAGE.glob("*.py") if "pelican" in _imports(p))
    assert importers == ["cli.py"]


def test_it_is_not_a_build_plugin():
    """Sending during a build would reach the network and notify before the deploy."""
    assert not hasattr(linkbacks, "register")
    assert "linkbacks" not in pelicanconf.PLUGINS
    assert isinstance(pelicanconf.LINKBACKS, dict)
