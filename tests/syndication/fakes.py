"""Loopback fakes of the two networks, answering with the documented shapes (fixtures/answers/).

`fake_networks(server)` routes the loopback server as a PDS (createSession,
createRecord) and as a Mastodon instance (POST /api/v1/statuses) at once; a
test overrides a route with `script(...)` to answer a sequence of replies.
A created record gets the key the request asked for (`rkey`), a status a new id.
"""

import itertools
import json
import shutil
from pathlib import Path

from tests.safe_http.loopback_server import LoopbackServer, Reply

FIXTURES = Path(__file__).parent / "fixtures"
ANSWERS = FIXTURES / "answers"
SESSION = "/xrpc/com.atproto.server.createSession"
CREATE_RECORD = "/xrpc/com.atproto.repo.createRecord"
STATUSES = "/api/v1/statuses"
JSON = "application/json"
PASSWORD = "hunter2-app-password-xyz"
TOKEN = "mastodon-token-secret-42"


def answer(name: str, status: int = 200, headers: tuple = ()) -> Reply:
    """A reply whose body is the fixture `answers/<name>`."""
    return Reply(status, headers, (ANSWERS / name).read_bytes(), JSON)


def _write(handler, reply: Reply, **fields: str) -> None:
    body = reply.body.decode()
    for name, value in {"base": handler.server.owner.base, **fields}.items():
        body = body.replace("{" + name + "}", value)
    payload = body.encode()
    handler.send_response(reply.status)
    for name, value in reply.headers:
        handler.send_header(name, value)
    handler.send_header("Content-Type", reply.content_type)
    handler.send_header("Content-Length", str(len(payload)))
    handler.send_header("Connection", "close")
    handler.end_headers()
    handler.wfile.write(payload)


def script(*replies: Reply):
    """A route answering `replies` in turn (the last one again after that), with fresh ids."""
    numbers = itertools.count(1)
    queue = list(replies)

    def route(handler) -> None:
        reply = queue.pop(0) if len(queue) > 1 else queue[0]
        request = handler.server.owner.requests[-1]  # this one: a client waits for each answer
        rkey = json.loads(request.body).get("rkey", "") if request.path == CREATE_RECORD else ""
        _write(handler, reply, rkey=rkey, id=f"1134000000000{next(numbers):05d}")

    return route


def fake_networks(server: LoopbackServer) -> LoopbackServer:
    """Route `server` as a PDS and a Mastodon instance that accept everything."""
    server.routes[SESSION] = answer("createSession.json")
    server.routes[CREATE_RECORD] = script(answer("createRecord.json"))
    server.routes[STATUSES] = script(answer("status.json"))
    return server


def environment(server: LoopbackServer, **overrides: str) -> dict[str, str]:
    """Credentials for both fakes, as the workflow passes them."""
    return {
        "BLUESKY_HANDLE": "reconnect.example",
        "BLUESKY_APP_PASSWORD": PASSWORD,
        "MASTODON_BASE_URL": server.base,
        "MASTODON_TOKEN": TOKEN,
        **overrides,
    }


def make_site(tmp_path: Path, server: LoopbackServer, *, extra: str = "") -> Path:
    """A copy of fixtures/site whose PDS is `server`; returns its settings file."""
    site = tmp_path / "site"
    shutil.copytree(FIXTURES / "site", site)
    settings = site / "settings.py"
    with settings.open("a", encoding="utf-8") as out:
        out.write(f'SYNDICATION["bluesky_pds_url"] = "{server.base}"\n{extra}')
    return settings
