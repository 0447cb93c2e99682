"""How every package under plugins/ is built, checked in one place for all of them.

- A build plugin exports `register()` and is listed in PLUGINS; a command or
  library (linkbacks, safe_http) has no `register()` and is not listed.
- Only the glue modules, `plugin.py` (Pelican signals) and `cli.py` (a command
  reading Pelican settings), import Pelican; every other module is pure and
  tested without a build.
- Only the modules named in NETWORK_CLIENTS open connections, so the build
  stays offline and every outgoing request of the mention commands passes the
  SSRF guard in safe_http.
"""

import ast
import importlib
from pathlib import Path

import pytest

import pelicanconf
from tests.conftest import ROOT

PLUGINS_DIR = ROOT / "plugins"
PACKAGES = sorted(p.parent.name for p in PLUGINS_DIR.glob("*/__init__.py"))
GLUE = {"plugin.py", "cli.py"}
NETWORK_MODULES = {"socket", "ssl", "http.client", "urllib.request", "boto3", "requests", "httpx"}
# module -> why it may talk to the network
NETWORK_CLIENTS = {
    "safe_http/guard.py": "resolves host names to check every address before connecting",
    "safe_http/fetch.py": "the one HTTP client of the mention commands",
    "publish_assets/cli.py": "make s3_upload, run after a build, never during one",
}


def _imports(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names | {name.split(".")[0] for name in names}


MODULES = sorted(
    str(path.relative_to(PLUGINS_DIR))
    for name in PACKAGES
    for path in (PLUGINS_DIR / name).glob("*.py")
)


def test_every_listed_plugin_is_a_package_that_registers():
    for name in pelicanconf.PLUGINS:
        assert name in PACKAGES, name
        assert callable(getattr(importlib.import_module(name), "register", None)), name


@pytest.mark.parametrize("name", sorted(set(PACKAGES) - set(pelicanconf.PLUGINS)))
def test_packages_outside_plugins_are_commands_or_libraries(name):
    """Sending mentions during a build would reach the network before the deploy."""
    assert not hasattr(importlib.import_module(name), "register"), name


@pytest.mark.parametrize("module", MODULES)
def test_only_glue_modules_import_pelican(module):
    if "pelican" in _imports(PLUGINS_DIR / module):
        assert Path(module).name in GLUE, module


@pytest.mark.parametrize("module", MODULES)
def test_only_the_named_modules_talk_to_the_network(module):
    if _imports(PLUGINS_DIR / module) & NETWORK_MODULES:
        assert module in NETWORK_CLIENTS, module


def test_the_mention_commands_use_the_guarded_client():
    for package in ("mentions", "linkbacks"):
        modules = (PLUGINS_DIR / package).glob("*.py")
        assert any("safe_http" in _imports(path) for path in modules), package
