"""Posting to Bluesky: the AT Protocol calls, through safe_http.

`com.atproto.server.createSession` (the handle and an app password) gives an
access token and the account's DID; `com.atproto.repo.createRecord` then
creates an `app.bsky.feed.post` record in that repository: the text, its
language, a `app.bsky.richtext.facet#link` facet over each occurrence of the
article URL (byte offsets into the UTF-8 text, as the facet lexicon counts),
and an `app.bsky.embed.external` link card (URL, title, description). The
answer's AT URI becomes the post's bsky.app URL. No module here reads
settings or the environment.

The record key is not left to the PDS: it is a TID minted by `Tids` from the
current time (feeds sort by key, and a PDS may refuse a caller's TID far
from its own clock), so the post's URL is known before the request and can be
recorded as pending (run.py). `post_exists` asks the PDS
(`com.atproto.repo.getRecord`, no login needed) whether a pending post was
made after all: its lexicon documents `RecordNotFound` (HTTP 400) for a post
that is not there; any other failure leaves the question open.
"""

import json
import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from urllib.parse import urlencode

from safe_http import Client

from .api import NetworkError, get, post
from .posts import BlueskyPost, bluesky_url, parse_post

JSON = "application/json"
POST_COLLECTION = "app.bsky.feed.post"
# The card's description is a summary; a page holds no more than this of it.
MAX_DESCRIPTION = 1000
# The base32-sortable alphabet of TIDs (AT Protocol "Record Key" and "TID" syntax).
TID_ALPHABET = "234567abcdefghijklmnopqrstuvwxyz"
_AT_URI = re.compile(r"at://([^/]+)/app\.bsky\.feed\.post/([^/?#]+)")
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class Session:
    """An open session: the account's DID and the access token for its requests."""

    did: str
    access_jwt: str


def login(client: Client, pds_url: str, handle: str, password: str, timeout: float) -> Session:
    """Open a session with `com.atproto.server.createSession`; NetworkError otherwise."""
    body = {"identifier": handle, "password": password}
    answer = _call(client, pds_url, "com.atproto.server.createSession", body, None, timeout)
    did, token = answer.get("did"), answer.get("accessJwt")
    if not isinstance(did, str) or not did.startswith("did:") or not isinstance(token, str):
        raise NetworkError("the session answer has no DID or access token")
    return Session(did, token)


class Tids:
    """Mints TIDs for record keys: from the clock, never the same twice in one run.

    A TID is 64 bits, the top one zero: 53 bits of microseconds since the Unix
    epoch and a 10-bit clock id, written in 13 base32-sortable characters. The
    clock id is random per run, so two machines posting in the same
    microsecond still differ; within a run a key is always later than the last.
    """

    def __init__(self, clock: Callable[[], datetime], clock_id: int | None = None) -> None:
        self.clock = clock
        self.clock_id = secrets.randbelow(1024) if clock_id is None else clock_id
        self.last = -1

    def next(self) -> str:
        """A new TID, from the clock's current time."""
        micros = (self.clock() - EPOCH) // timedelta(microseconds=1)
        self.last = max(micros, self.last + 1)
        value = (self.last << 10) | self.clock_id
        return "".join(TID_ALPHABET[(value >> shift) & 31] for shift in range(60, -1, -5))


def post_record(
    text: str, *, url: str, title: str, description: str, language: str, now: datetime
) -> dict:
    """The `app.bsky.feed.post` record for an article: text, link facets and link card."""
    return {
        "$type": POST_COLLECTION,
        "text": text,
        "createdAt": now.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z"),
        "langs": [language],
        "facets": [
            {
                "index": {"byteStart": start, "byteEnd": start + len(url.encode())},
                "features": [{"$type": "app.bsky.richtext.facet#link", "uri": url}],
            }
            for start in _byte_offsets(text, url)
        ],
        "embed": {
            "$type": "app.bsky.embed.external",
            "external": {"uri": url, "title": title, "description": description[:MAX_DESCRIPTION]},
        },
    }


def create_post(
    client: Client, pds_url: str, session: Session, record: dict, rkey: str, timeout: float
) -> BlueskyPost:
    """Create `record` under the key `rkey` in the session's repository; the post it became.

    NetworkError otherwise, with `maybe_done` when the post may exist all the same.
    """
    body = {"repo": session.did, "collection": POST_COLLECTION, "rkey": rkey, "record": record}
    answer = _call(client, pds_url, "com.atproto.repo.createRecord", body, session, timeout)
    match = _AT_URI.fullmatch(str(answer.get("uri")))
    try:
        if match is None:
            raise ValueError
        return parse_post("bluesky", bluesky_url(*match.groups()))
    except ValueError:
        raise NetworkError("the answer names no valid post", maybe_done=True) from None


def post_exists(client: Client, pds_url: str, bluesky_post: BlueskyPost, timeout: float) -> bool:
    """Whether the post exists, by `com.atproto.repo.getRecord`; NetworkError when unclear."""
    query = urlencode(
        {"repo": bluesky_post.actor, "collection": POST_COLLECTION, "rkey": bluesky_post.rkey}
    )
    url = f"{pds_url.rstrip('/')}/xrpc/com.atproto.repo.getRecord?{query}"
    try:
        answer = get(client, url, headers={"Accept": JSON}, timeout=timeout)
    except NetworkError as error:
        if error.status == 400 and error.error == "RecordNotFound":
            return False
        raise
    match = _AT_URI.fullmatch(str(answer.get("uri")))
    if match is None or match[2] != bluesky_post.rkey or not isinstance(answer.get("value"), dict):
        raise NetworkError("the answer names no such record")
    return True


def _call(
    client: Client, pds_url: str, method: str, body: dict, session: Session | None, timeout: float
) -> dict:
    headers = {"Accept": JSON}
    if session is not None:
        headers["Authorization"] = f"Bearer {session.access_jwt}"
    url = f"{pds_url.rstrip('/')}/xrpc/{method}"
    payload = json.dumps(body, ensure_ascii=False).encode("utf-8")
    return post(client, url, payload, JSON, headers=headers, timeout=timeout)


def _byte_offsets(text: str, url: str) -> list[int]:
    """Where `url` starts in the UTF-8 bytes of `text`, each time it occurs."""
    data, needle = text.encode("utf-8"), url.encode("utf-8")
    offsets, start = [], data.find(needle)
    while start >= 0:
        offsets.append(start)
        start = data.find(needle, start + len(needle))
    return offsets
