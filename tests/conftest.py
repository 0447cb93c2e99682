"""Fixtures shared by the whole suite.

The real site is built once per run (publish settings, `--fatal errors`) and
served on 127.0.0.1 for the whole session; one headless Chromium serves every
browser test. Property tests run without Hypothesis' time limits (a busy machine
is not a failure). A guard makes any attempt to reach a non-loopback address fail
the test that made it: the suite must never depend on the outside network.
"""

import ipaddress
import os
import shutil
import socket
import subprocess
import sys
import threading
from dataclasses import dataclass
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import hypothesis
import pytest
from bs4 import BeautifulSoup

# The suite must pass on a loaded machine. Hypothesis' defaults fail an example that
# takes over 200 ms (`deadline`) and a run whose data is slow to generate (`too_slow`):
# both measure the machine, not our code. Every property test inherits this profile.
hypothesis.settings.register_profile(
    "load-proof", deadline=None, suppress_health_check=[hypothesis.HealthCheck.too_slow]
)
hypothesis.settings.load_profile("load-proof")

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
# Without the background-networking switches Chromium keeps trying to reach
# outside hosts, which this machine (and the guard's spirit) forbids.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


# --- network guard -----------------------------------------------------------

_real_connect = socket.socket.connect
_real_connect_ex = socket.socket.connect_ex


def _check_address(sock: socket.socket, address) -> None:
    if sock.family not in (socket.AF_INET, socket.AF_INET6):
        return
    host = address[0]
    try:
        loopback = ipaddress.ip_address(host.split("%")[0]).is_loopback
    except ValueError:
        loopback = host == "localhost"
    if not loopback:
        raise OSError(f"test tried to open a non-loopback connection to {address!r}")


def _guarded_connect(sock, address):
    _check_address(sock, address)
    return _real_connect(sock, address)


def _guarded_connect_ex(sock, address):
    _check_address(sock, address)
    return _real_connect_ex(sock, address)


@pytest.fixture(autouse=True, scope="session")
def no_outside_network():
    """Refuse every IPv4/IPv6 connection that does not go to a loopback address."""
    socket.socket.connect = _guarded_connect
    socket.socket.connect_ex = _guarded_connect_ex
    yield
    socket.socket.connect = _real_connect
    socket.socket.connect_ex = _real_connect_ex


# --- the built site ------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def build_site(output: Path, siteurl: str, *extra_settings: str) -> subprocess.CompletedProcess:
    """Build the real site with publishconf.py into `output`; fail loudly on any error.

    `extra_settings` are `KEY=json-value` strings passed to Pelican's `-e`.
    """
    command = [
        sys.executable, "-m", "pelican", str(ROOT / "content"),
        "-o", str(output), "-s", str(ROOT / "publishconf.py"), "--fatal", "errors",
        "-e", f'SITEURL="{siteurl}"', *extra_settings,
    ]  # fmt: skip
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        pytest.fail(f"site build failed:\n{result.stdout}\n{result.stderr}", pytrace=False)
    return result


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


@dataclass
class BuiltSite:
    output: Path
    siteurl: str
    build_log: str

    def path_for(self, url: str) -> Path | None:
        """The file in output/ that serves `url` (absolute on our site, or a path), else None."""
        if url.startswith(self.siteurl + "/") or url == self.siteurl:
            url = url[len(self.siteurl) :]
        elif not url.startswith("/") or url.startswith("//"):
            return None
        path = urlsplit(url).path.lstrip("/")
        if path == "" or path.endswith("/"):
            path += "index.html"
        return self.output / path

    def soup(self, url: str) -> BeautifulSoup:
        path = self.path_for(url)
        assert path is not None and path.is_file(), f"{url} was not built"
        parser = "html.parser" if path.suffix == ".html" else "xml"
        return BeautifulSoup(path.read_text(encoding="utf-8"), parser)

    def html_files(self) -> list[Path]:
        return sorted(self.output.rglob("*.html"))


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> BuiltSite:
    """The real site, built once with publish settings and served on 127.0.0.1."""
    port = free_port()
    siteurl = f"http://127.0.0.1:{port}"
    output = tmp_path_factory.mktemp("site") / "output"
    result = build_site(output, siteurl)
    handler = partial(_QuietHandler, directory=str(output))
    server = ThreadingHTTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield BuiltSite(output=output, siteurl=siteurl, build_log=result.stdout + result.stderr)
    server.shutdown()
    server.server_close()


# --- the browser ----------------------------------------------------------------


@pytest.fixture(scope="session")
def browser():
    """One headless Debian Chromium for the whole run. Missing Chromium fails, never skips."""
    from playwright.sync_api import sync_playwright

    if shutil.which(CHROMIUM) is None:
        pytest.fail(
            f"Chromium not found at {CHROMIUM}: run `make test` (it installs it on Debian) "
            "or set CHROMIUM to your Chromium binary.",
            pytrace=False,
        )
    playwright = sync_playwright().start()
    chromium = playwright.chromium.launch(
        executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
    )
    yield chromium
    chromium.close()
    playwright.stop()


@pytest.fixture
def page(browser):
    """A fresh context and page per test, so no state leaks between tests."""
    context = browser.new_context()
    # Playwright waits up to 30 s by default; a loaded machine can need longer, and
    # these waits are for pages to be ready, never a measure of speed.
    context.set_default_timeout(120_000)
    tab = context.new_page()
    yield tab
    context.close()
