"""Posting to Bluesky: the AT Protocol calls, through safe_http.

`com.atproto.server.createSession` (the handle and an app password) gives an
access token and the account's DID; `com.atproto.repo.createRecord` then
creates an `app.bsky.feed.post` record in that repository: the text, its
language, a `app.bsky.richtext.facet#link` facet over each occurrence of the
article URL (byte offsets into the UTF-8 text, as the facet lexicon counts),
and an `app.bsky.embed.external` link card (URL, title, description). The
answer's AT URI becomes the post's bsky.app URL. No module here reads
settings or the environment.

The record key is not left to the PDS: it is a TID derived from the article
(its date, and a hash of its URL), the same on every attempt. If the answer to
a createRecord is lost and the command runs again, the PDS refuses to create a
second record under the same key instead of posting twice, and the line can
name the exact URL to check.
"""

import hashlib
import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime

from safe_http import Client

from .api import NetworkError, post
from .posts import BlueskyPost, bluesky_url, parse_post

JSON = "application/json"
POST_COLLECTION = "app.bsky.feed.post"
# The card's description is a summary; a page holds no more than this of it.
MAX_DESCRIPTION = 1000
# The base32-sortable alphabet of TIDs (AT Protocol "Record Key" and "TID" syntax).
TID_ALPHABET = "234567abcdefghijklmnopqrstuvwxyz"
_AT_URI = re.compile(r"at://([^/]+)/app\.bsky\.feed\.post/([^/?#]+)")


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


def record_key(article_url: str, published: datetime) -> str:
    """The TID every attempt to post this article uses as its record key.

    A TID is 64 bits, the top one zero: 53 bits of microseconds since the Unix
    epoch and a 10-bit clock id, written in 13 base32-sortable characters. The
    seconds are the article's date (naive dates taken as UTC, so every machine
    agrees); the microseconds and the clock id come from a hash of its URL,
    so two articles of the same minute still get different keys.
    """
    digest = int.from_bytes(hashlib.sha256(article_url.encode("utf-8")).digest()[:8], "big")
    seconds = int((published if published.tzinfo else published.replace(tzinfo=UTC)).timestamp())
    micros = seconds * 1_000_000 + digest % 1_000_000
    value = (micros << 10) | (digest >> 54)
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

    NetworkError otherwise; when the post may exist all the same, with
    `maybe_done` and the URL it would have.
    """
    body = {"repo": session.did, "collection": POST_COLLECTION, "rkey": rkey, "record": record}
    expected = bluesky_url(session.did, rkey)
    try:
        answer = _call(client, pds_url, "com.atproto.repo.createRecord", body, session, timeout)
        match = _AT_URI.fullmatch(str(answer.get("uri")))
        if match is None:
            raise NetworkError("the answer names no post (no valid AT URI)", maybe_done=True)
        return parse_post("bluesky", bluesky_url(*match.groups()))
    except ValueError:
        raise NetworkError(
            "the answer names no valid post", maybe_done=True, post_url=expected
        ) from None
    except NetworkError as error:
        if error.maybe_done:
            error.post_url = expected
        raise


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
