"""Loopback fakes of the two networks, answering with the documented shapes (fixtures/answers/).

`fake_networks(server)` routes the loopback server as a PDS (createSession,
createRecord, getRecord) and as a Mastodon instance (POST /api/v1/statuses)
at once, and returns the PDS (`FakePds`): the records it holds, and its clock.
A test overrides a route with `script(...)` to answer a sequence of replies
(nothing is created then), or with `pds.create(...)` to create the record and
then answer a sequence of replies (an answer lost after the post was made).
A created record gets the key the request asked for (`rkey`), a status a new id.

The fake is stricter than the reference PDS: it refuses a record key that
is not a TID within ten minutes of its clock (400 InvalidRequest), as a PDS
may, so that a key from an article's date fails. A TID is decoded here on its
own, not with the code under test.
"""

import itertools
import json
import re
import shutil
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from tests.safe_http.loopback_server import LoopbackServer, Reply

FIXTURES = Path(__file__).parent / "fixtures"
ANSWERS = FIXTURES / "answers"
SESSION = "/xrpc/com.atproto.server.createSession"
CREATE_RECORD = "/xrpc/com.atproto.repo.createRecord"
GET_RECORD = "/xrpc/com.atproto.repo.getRecord"
DID = "did:plc:reconnectfake"
# The fake PDS's clock; the command runs with a clock starting there (`Ticking`).
NOW = datetime(2026, 12, 1, 6, 0, tzinfo=UTC)
TID = re.compile(r"[234567abcdefghij][234567abcdefghijklmnopqrstuvwxyz]{12}")
TID_WINDOW = timedelta(minutes=10)
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


def tid_time(key: str) -> datetime:
    """The moment a TID names (its top 53 bits are microseconds since the Unix epoch)."""
    value = 0
    for char in key:
        value = value * 32 + "234567abcdefghijklmnopqrstuvwxyz".index(char)
    return datetime(1970, 1, 1, tzinfo=UTC) + timedelta(microseconds=value >> 10)


@dataclass
class FakePds:
    """The records of the fake PDS's one repository (`DID`), by key, and its clock."""

    now: datetime = NOW
    records: dict[str, dict] = field(default_factory=dict)

    def create(self, *replies: Reply):
        """A createRecord route: create the record when its key is valid, then answer `replies`."""
        answers = script(*replies)

        def route(handler) -> None:
            request = handler.server.owner.requests[-1]
            body = json.loads(request.body)
            rkey = body.get("rkey", "")
            if not TID.fullmatch(rkey) or abs(tid_time(rkey) - self.now) > TID_WINDOW:
                _write(handler, answer("invalid_rkey.json", 400))
                return
            self.records[rkey] = body["record"]
            answers(handler)

        return route

    def get_record(self, handler) -> None:
        """getRecord: the record, or 400 RecordNotFound."""
        query = parse_qs(urlsplit(handler.path).query)
        rkey = query.get("rkey", [""])[0]
        if query.get("repo") != [DID] or rkey not in self.records:
            _write(handler, answer("getRecord_not_found.json", 400), rkey=rkey)
            return
        _write(handler, answer("getRecord.json"), rkey=rkey)


class Ticking:
    """A clock for the command: `NOW`, one second later at each reading."""

    def __init__(self, start: datetime = NOW) -> None:
        self.readings = itertools.count()
        self.start = start

    def __call__(self) -> datetime:
        return self.start + timedelta(seconds=next(self.readings))


def fake_networks(server: LoopbackServer) -> FakePds:
    """Route `server` as a PDS and a Mastodon instance that accept everything; the PDS."""
    pds = FakePds()
    server.routes[SESSION] = answer("createSession.json")
    server.routes[CREATE_RECORD] = pds.create(answer("createRecord.json"))
    server.routes[GET_RECORD] = pds.get_record
    server.routes[STATUSES] = script(answer("status.json"))
    return pds


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
