"""Fixtures for the mentions tests: loopback fakes of webmention.io, Bluesky and Mastodon, a small project.

The project-wide guard in tests/conftest.py already refuses non-loopback
connections; everything here listens on 127.0.0.1 only.
"""

import json
import logging
import re
import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest
from mentions import commands
from mentions.cli import load_project
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from tests.mentions.fake_networks import FakeAppView, FakeMastodon

FIXTURES = Path(__file__).parent / "fixtures"
TOKEN = "wmio-test-token-5f3a9c"
DOMAIN = "reconnect.example"


def load_entries() -> list[dict]:
    """The JF2 entries the fake API starts with (a fresh copy)."""
    return json.loads((FIXTURES / "api" / "entries.json").read_text(encoding="utf-8"))


class FakeWebmentionIO:
    """/api/mentions.jf2 as webmention.io serves it: token, domain, since_id, 0-based pages.

    `failures` maps a page number to a werkzeug Response (or a callable
    returning one) served instead of that page.
    """

    def __init__(self, server: HTTPServer) -> None:
        self.server = server
        self.entries = load_entries()
        self.requests: list[dict[str, str]] = []
        self.failures: dict[int, object] = {}
        self.photos: dict[str, tuple[bytes, str]] = {}
        server.expect_request("/api/mentions.jf2").respond_with_handler(self._api)
        server.expect_request(re.compile(r"^/photos/")).respond_with_handler(self._photo)

    @property
    def api_url(self) -> str:
        return self.server.url_for("/api/mentions.jf2")

    def photo_url(self, name: str) -> str:
        return self.server.url_for(f"/photos/{name}")

    def serve_photo(self, name: str, fixture: str, content_type: str) -> str:
        """Serve tests/mentions/fixtures/images/`fixture` at /photos/`name`; return its URL."""
        self.photos[name] = ((FIXTURES / "images" / fixture).read_bytes(), content_type)
        return self.photo_url(name)

    def photo_requests(self) -> int:
        return sum(1 for request, _ in self.server.log if request.path.startswith("/photos/"))

    def _api(self, request: Request) -> Response:
        args = {key: request.args[key] for key in request.args}
        self.requests.append(args)
        page = int(args.get("page", 0))
        if page in self.failures:
            failure = self.failures[page]
            return failure if isinstance(failure, Response) else failure()
        if args.get("token") != TOKEN:
            body = {"error": "forbidden", "error_description": "Access token was not valid"}
            return Response(json.dumps(body), status=401, content_type="application/json")
        since_id = int(args.get("since_id", 0))
        items = [e for e in self.entries if e["wm-id"] > since_id]
        if args.get("domain") != DOMAIN:
            items = []
        items.sort(key=lambda e: e["wm-id"], reverse=args.get("sort-dir") != "up")
        per_page = int(args.get("per-page", 20))
        children = items[page * per_page : (page + 1) * per_page]
        feed = {"type": "feed", "name": "Webmentions", "children": children}
        return Response(json.dumps(feed), content_type="application/json")

    def _photo(self, request: Request) -> Response:
        body, content_type = self.photos[request.path.rsplit("/", 1)[1]]
        return Response(body, content_type=content_type)


@pytest.fixture(scope="session")
def loopback_server():
    """One HTTP server on 127.0.0.1 for the session (stopping one takes half a second)."""
    # The fake's request log holds the token; only our command's output is under test.
    logging.getLogger("werkzeug").disabled = True
    server = HTTPServer(host="127.0.0.1", port=0)
    server.start()
    yield server
    server.stop()


@pytest.fixture
def fake_api(loopback_server):
    """A fresh fake webmention.io for one test."""
    loopback_server.clear()
    return FakeWebmentionIO(loopback_server)


class Project:
    """A copy of fixtures/project with a settings file pointing at the fake API."""

    def __init__(self, root: Path, api_url: str) -> None:
        self.root = root
        shutil.copytree(FIXTURES / "project", root, dirs_exist_ok=True)
        self.settings = root / "conf.py"
        self.mentions = {
            "api_url": api_url,
            "per_page": 5,
            "timeout": 30.0,
            "avatar_allow_private_hosts": True,
            "collect_allow_private_hosts": True,
        }
        self.write_settings()

    @property
    def store(self) -> Path:
        return self.root / "content" / "mentions"

    @property
    def avatars(self) -> Path:
        return self.root / "content" / "images" / "avatars"

    def write_settings(self, **mentions) -> None:
        """Write conf.py the way a site's publishconf.py looks, with MENTIONS overrides."""
        merged = {**self.mentions, **mentions}
        self.settings.write_text(
            'PATH = "content"\n'
            'SITEURL = "https://reconnect.example"\n'
            'ARTICLE_URL = "{slug}/"\n'
            'ARTICLE_PATHS = ["articles"]\n'
            f"MENTIONS = {merged!r}\n",
            encoding="utf-8",
        )

    def snapshot(self) -> dict[str, bytes]:
        """Every file under content/ (mentions and avatars), by relative path."""
        content = self.root / "content"
        return {
            str(path.relative_to(content)): path.read_bytes()
            for path in sorted(content.rglob("*"))
            if path.is_file()
        }

    def read(self, slug: str) -> dict:
        return json.loads((self.store / f"{slug}.json").read_text(encoding="utf-8"))


@pytest.fixture
def new_project(tmp_path, fake_api):
    """Make a further project (by directory name) reading the same fake API."""
    return lambda name: Project(tmp_path / name, fake_api.api_url)


@pytest.fixture
def project(new_project) -> Project:
    """The fixture project with an empty store apart from its imported mentions."""
    return new_project("site")


@pytest.fixture
def token(monkeypatch) -> str:
    """The valid token, set in WEBMENTION_IO_TOKEN as in CI."""
    monkeypatch.setenv("WEBMENTION_IO_TOKEN", TOKEN)
    return TOKEN


@pytest.fixture
def fake_appview(loopback_server, fake_api):
    """A fresh fake Bluesky AppView (tests/mentions/fake_networks.py) beside the fake API."""
    return FakeAppView(loopback_server)


@pytest.fixture
def fake_mastodon(loopback_server, fake_api):
    """A fresh fake Mastodon instance (tests/mentions/fake_networks.py) beside the fake API."""
    return FakeMastodon(loopback_server)


SLUG = "networking-is-a-two-way-street"
NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


class Run:
    """One sync through `commands.run_sync`, with the sleeps it asked for recorded."""

    def __init__(self, project) -> None:
        self.project = project
        self.lines: list[str] = []
        self.sleeps: list[float] = []

    def __call__(self, *, full: bool = False, now: datetime = NOW) -> list[str]:
        self.lines = []
        loaded = load_project(self.project.settings, self.lines.append)
        commands.run_sync(
            loaded,
            TOKEN,
            full=full,
            avatars=False,
            out=self.lines.append,
            sleep=self.sleeps.append,
            now=lambda: now,
        )
        return self.lines


@pytest.fixture
def posted(project, fake_api, fake_appview, fake_mastodon):
    """The fixture project with one article posted to both networks, and no webmention.io entries."""
    fake_api.entries = []
    project.write_settings(bluesky_appview=fake_appview.base)
    syndicate(project, bluesky=fake_appview.post_url, mastodon=fake_mastodon.post_url)
    return project


@pytest.fixture
def run(posted) -> Run:
    return Run(posted)


def syndicate(project, **posts: str) -> None:
    data = {"posts": {SLUG: posts}}
    (project.store / "_syndication.json").write_text(json.dumps(data), encoding="utf-8")
