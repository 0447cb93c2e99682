"""Reactions to one Bluesky post from the public AppView (no login), as Items and Mentions.

XRPC queries, all GET `<appview>/xrpc/<method>` (lexicons in bluesky-social/atproto):

- `com.atproto.identity.resolveHandle?handle=` -> `{"did"}`: only when the
  post URL names its author by handle; ids always use the DID.
- `app.bsky.feed.getPostThread?uri=&depth=&parentHeight=0` -> `{"thread"}`, a
  `threadViewPost` (`post`, `replies`: threadViewPost | notFoundPost |
  blockedPost, nested). A root that is a notFoundPost or blockedPost, or the
  XRPC error `NotFound`, means the post is gone. Replies are walked without
  recursion, at most `reply_depth` levels and `max_reactions` in all.
- `app.bsky.feed.getLikes?uri=&limit=100&cursor=` -> `{"likes": [{actor,
  createdAt, indexedAt}], "cursor"}`;
  `app.bsky.feed.getRepostedBy` -> `{"repostedBy": [profileView], "cursor"}`;
  `app.bsky.feed.getQuotes` -> `{"posts": [postView], "cursor"}`.

Ids (see README "Direct collection"): a reply or quote is `bluesky:<its AT URI>`;
a like or repost, which has no URL of its own, is named like Bridgy names it,
`bluesky:<post AT URI>#liked_by_<DID>` / `#reposted_by_<DID>`, and its URL is
the post's with that fragment. A repost carries no date: it is dated when
first seen (`seen`), and keeps that date.
"""

import json
from datetime import datetime
from functools import partial
from urllib.parse import urlencode

from syndication.posts import BlueskyPost, bluesky_url

from .model import Mention, parse_time
from .networks import BLUESKY_WEB
from .reactions import (
    UNPARSED,
    Get,
    Harvest,
    Item,
    Limits,
    Page,
    PostGone,
    pages,
    parsed,
    reaction,
)
from .sync import SyncError, raw_strings

NETWORK = "bluesky"
PAGE_SIZE = 100
POST_COLLECTION = "app.bsky.feed.post"
# The lists read after the thread: (XRPC method, list key, kind, what a line calls them).
LISTS = (
    ("app.bsky.feed.getLikes", "likes", "like"),
    ("app.bsky.feed.getRepostedBy", "repostedBy", "repost"),
    ("app.bsky.feed.getQuotes", "posts", "mention"),
)
_FRAGMENTS = {"like": "liked_by_", "repost": "reposted_by_"}
_GONE = ("app.bsky.feed.defs#notFoundPost", "app.bsky.feed.defs#blockedPost")


def xrpc(appview: str, method: str, **params: object) -> str:
    """The URL of an XRPC query on `appview`."""
    return f"{appview.rstrip('/')}/xrpc/{method}?{urlencode(params)}"


def read(post: BlueskyPost, get: Get, appview: str, limits: Limits) -> tuple[BlueskyPost, Harvest]:
    """The post with its author as a DID, and its replies, likes, reposts and quotes.

    PostGone when the post (or its author's handle) no longer exists;
    SyncError when an answer is unusable as a whole.
    """
    post = _with_did(post, get, appview)
    harvest = Harvest()
    _read_thread(post, get, appview, limits, harvest)
    for method, key, kind in LISTS:
        what = f"{post.url} {key}"
        first = xrpc(appview, method, uri=post.at_uri, limit=PAGE_SIZE)
        following = partial(_next_url, first)
        for index, data, value in pages(get, first, key, limits, harvest, what, following):
            harvest.items.append(Item(kind, _name(kind, post, value, what, index), data, value))
    return post, harvest


def _with_did(post: BlueskyPost, get: Get, appview: str) -> BlueskyPost:
    if post.actor.startswith("did:"):
        return post
    value = _json(get(xrpc(appview, "com.atproto.identity.resolveHandle", handle=post.actor)))
    did = value.get("did") if isinstance(value, dict) else None
    if not isinstance(did, str) or not did.startswith("did:") or len(did) > 2048:
        raise SyncError(f"{post.url}: resolveHandle answered no DID")
    return BlueskyPost(post.url, did, post.rkey)


def _read_thread(
    post: BlueskyPost, get: Get, appview: str, limits: Limits, harvest: Harvest
) -> None:
    url = xrpc(
        appview,
        "app.bsky.feed.getPostThread",
        uri=post.at_uri,
        depth=limits.reply_depth,
        parentHeight=0,
    )
    value = _json(get(url))
    thread = value.get("thread") if isinstance(value, dict) else None
    if not isinstance(thread, dict):
        raise SyncError(f"{post.url} thread: the answer holds no thread")
    if thread.get("$type") in _GONE or thread.get("notFound") or thread.get("blocked"):
        raise PostGone(f"{post.url}: not found or blocked on Bluesky")
    # (node, depth) pairs; a list used as a stack keeps the walk free of recursion.
    stack = [(reply, 1) for reply in reversed(_replies(thread))]
    while stack:
        node, depth = stack.pop()
        if not isinstance(node, dict) or "post" not in node:
            continue  # a deleted or blocked reply: nothing to show
        if harvest.count("reply") >= limits.max_reactions:
            harvest.complete = False
            harvest.notes.append(
                f"{post.url} replies: more than {limits.max_reactions}, the rest not read"
            )
            return
        data = json.dumps(node["post"]).encode("utf-8")
        index = harvest.count("reply")
        name = _name("reply", post, node["post"], f"{post.url} replies", index)
        harvest.items.append(Item("reply", name, data, node["post"]))
        if depth < limits.reply_depth:
            stack.extend((reply, depth + 1) for reply in reversed(_replies(node)))


def _replies(node: dict) -> list:
    replies = node.get("replies")
    return replies if isinstance(replies, list) else []


def _json(page: Page) -> object:
    value = parsed(page.body)
    if value is UNPARSED:
        raise SyncError("the Bluesky AppView answered something that is not JSON")
    return value


def _next_url(first: str, _page: Page, rest: dict) -> str | None:
    """The first page's URL with the page's `cursor`, None when there is no next page."""
    cursor = rest.get("cursor")
    if not isinstance(cursor, str) or not cursor:
        return None
    return f"{first}&{urlencode({'cursor': cursor})}"


def _name(kind: str, post: BlueskyPost, value: object, what: str, index: int) -> str:
    """The item's id when it can be told (see the module docstring), else where it sat."""
    if kind in _FRAGMENTS:
        actor = value.get("actor") if kind == "like" and isinstance(value, dict) else value
        did = actor.get("did") if isinstance(actor, dict) else None
        if isinstance(did, str) and did.startswith("did:"):
            return f"bluesky:{post.at_uri}#{_FRAGMENTS[kind]}{did}"
    else:
        uri = value.get("uri") if isinstance(value, dict) else None
        if isinstance(uri, str) and uri.startswith("at://"):
            return f"bluesky:{uri}"
    return f"{what} item {index}"


def raw_fields(item: Item) -> dict[str, list]:
    """The strings moderation judges, as received (`Moderation.blocks_raw` arguments)."""
    if item.value is UNPARSED:
        names = raw_strings(item.data, "handle") + raw_strings(item.data, "displayName")
        dids = raw_strings(item.data, "did")
        return {
            "sources": raw_strings(item.data, "uri"),
            "author_urls": [bluesky_profile(d) for d in dids + names],
            "author_names": names,
        }
    value = item.value if isinstance(item.value, dict) else {}
    if item.kind == "like":
        actor = value.get("actor")
    elif item.kind == "repost":
        actor = value
    else:
        actor = value.get("author")
    actor = actor if isinstance(actor, dict) else {}
    people = [actor.get("did"), actor.get("handle")]
    return {
        "sources": [value.get("uri")],
        "author_urls": [bluesky_profile(p) for p in people if isinstance(p, str)],
        "author_names": [actor.get("displayName"), actor.get("handle")],
    }


def bluesky_profile(actor: str) -> str:
    """The web address of a Bluesky profile (a DID or a handle)."""
    return f"{BLUESKY_WEB}/profile/{actor}"


def to_mention(item: Item, post: BlueskyPost, seen: datetime, received: datetime) -> Mention:
    """The Mention an item makes (not yet cleaned); ValueError naming the field otherwise.

    `post` names its author by DID; `seen` dates a repost (it has no date of its own).
    """
    value = _object(item.value, "item")
    if item.kind in _FRAGMENTS:
        actor = _object(value.get("actor"), "actor") if item.kind == "like" else value
        did = _did(actor.get("did"), "did")
        published = _time(value, ("createdAt", "indexedAt")) if item.kind == "like" else seen
        url = f"{post.url}#{_FRAGMENTS[item.kind]}{did}"
        identifier = f"bluesky:{post.at_uri}#{_FRAGMENTS[item.kind]}{did}"
        text = None
    else:
        uri = value.get("uri")
        if not isinstance(uri, str):
            raise ValueError("uri: expected an AT URI")
        author, collection, rkey = [*uri.removeprefix("at://").split("/"), "", ""][:3]
        if not uri.startswith("at://") or collection != POST_COLLECTION or not rkey:
            raise ValueError(f"uri: {uri[:80]!r} is not the AT URI of a post")
        actor = _object(value.get("author"), "author")
        did = _did(actor.get("did"), "author.did")
        if did != author:
            raise ValueError("author.did: not the author named in the post's uri")
        record = _object(value.get("record"), "record")
        published = _time(record, ("createdAt",))
        url = bluesky_url(did, rkey)
        identifier = f"bluesky:{uri}"
        text = record.get("text")
        if not isinstance(text, str):
            raise ValueError("record.text: expected a string")
    author = (
        _string(actor.get("displayName")) or _string(actor.get("handle")),
        bluesky_profile(did),
        _string(actor.get("avatar")),
    )
    return reaction(NETWORK, item.kind, identifier, url, (published, received), author, text)


def _object(value: object, where: str) -> dict:
    if not isinstance(value, dict):
        raise ValueError(f"{where}: expected an object")
    return value


def _did(value: object, where: str) -> str:
    if not isinstance(value, str) or not value.startswith("did:") or " " in value:
        raise ValueError(f"{where}: expected a DID")
    return value


def _time(value: dict, keys: tuple[str, ...]) -> datetime:
    for key in keys:
        if isinstance(value.get(key), str):
            try:
                return parse_time(value[key])
            except ValueError as error:
                raise ValueError(f"{key}: {error}") from None
    raise ValueError(f"{keys[0]}: expected a date-time string")


def _string(value: object) -> str | None:
    return value if isinstance(value, str) and value.strip() else None
