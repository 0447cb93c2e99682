"""Only the glue module of publish_assets imports Pelican; the rest is tested without a build."""

import ast
from pathlib import Path

import publish_assets

PLUGIN = Path(publish_assets.__file__).parent


def _imported_modules(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_only_the_glue_module_imports_pelican():
    importers = sorted(
        path.name
        for path in PLUGIN.glob("*.py")
        if any(name.split(".")[0] == "pelican" for name in _imported_modules(path))
    )
    assert importers == ["plugin.py"]
