"""safe_http is a library for the two commands, and the only one of them that opens connections."""

import ast
from pathlib import Path

import safe_http

import pelicanconf

PLUGINS_DIR = Path(safe_http.__file__).parent.parent
NETWORK_MODULES = {"socket", "ssl", "http", "urllib.request", "requests", "httpx", "urllib3"}
USERS = ("mentions", "linkbacks")


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names | {name.split(".")[0] for name in names}


def test_it_is_not_a_build_plugin():
    """The build never touches the network: nothing registers it, nothing in it needs Pelican."""
    assert not hasattr(safe_http, "register")
    assert "safe_http" not in pelicanconf.PLUGINS
    for path in (PLUGINS_DIR / "safe_http").glob("*.py"):
        assert "pelican" not in _imports(path), path.name


def test_its_users_have_no_http_client_of_their_own():
    """Every request of the two commands goes through the guard: no second, unguarded client."""
    for user in USERS:
        modules = sorted((PLUGINS_DIR / user).glob("*.py"))
        assert any("safe_http" in _imports(path) for path in modules), user
        talkers = [path.name for path in modules if _imports(path) & NETWORK_MODULES]
        assert talkers == [], user
