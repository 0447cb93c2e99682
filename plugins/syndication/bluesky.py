"""Posting to Bluesky: the AT Protocol calls, through safe_http.

`com.atproto.server.createSession` (the handle and an app password) gives an
access token and the account's DID; `com.atproto.repo.createRecord` then
creates an `app.bsky.feed.post` record in that repository: the text, its
language, a `app.bsky.richtext.facet#link` facet over each occurrence of the
article URL (byte offsets into the UTF-8 text, as the facet lexicon counts),
and an `app.bsky.embed.external` link card (URL, title, description). The
answer's AT URI becomes the post's bsky.app URL. No module here reads
settings or the environment.
"""

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
_AT_URI = re.compile(r"at://([^/]+)/app\.bsky\.feed\.post/([^/?#]+)")


@dataclass(frozen=True)
class Session:
    """An open session: the account's DID and the access token for its requests."""

    did: str
    access_jwt: str


def login(client: Client, pds_url: str, handle: str, password: str, timeout: float) -> Session:
    """Open a session with `com.atproto.server.createSession`; NetworkError otherwise."""
    answer = _call(
        client,
        pds_url,
        "com.atproto.server.createSession",
        {
            "identifier": handle,
            "password": password,
        },
        None,
        timeout,
    )
    did, token = answer.get("did"), answer.get("accessJwt")
    if not isinstance(did, str) or not did.startswith("did:") or not isinstance(token, str):
        raise NetworkError("the session answer has no DID or access token")
    return Session(did, token)


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
    client: Client, pds_url: str, session: Session, record: dict, timeout: float
) -> BlueskyPost:
    """Create `record` in the session's repository; the post it became.

    NetworkError otherwise, with `maybe_done` when the post may exist all the same.
    """
    body = {"repo": session.did, "collection": POST_COLLECTION, "record": record}
    answer = _call(client, pds_url, "com.atproto.repo.createRecord", body, session, timeout)
    match = _AT_URI.fullmatch(str(answer.get("uri")))
    try:
        if match is None:
            raise ValueError
        return parse_post("bluesky", bluesky_url(*match.groups()))
    except ValueError:
        raise NetworkError("the answer names no post (no valid AT URI)", maybe_done=True) from None


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
