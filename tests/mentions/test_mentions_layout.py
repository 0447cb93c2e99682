"""Only plugin.py may import Pelican: everything else is tested and run without it."""

import ast
from pathlib import Path

import mentions

PACKAGE = Path(mentions.__file__).parent


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_only_the_glue_module_imports_pelican():
    importers = sorted(p.name for p in PACKAGE.glob("*.py") if "pelican" in _imports(p))
    assert importers == ["plugin.py"]
