"""Reactions to one Mastodon status from its instance's public API (no token), as Items and Mentions.

Endpoints (mastodon/documentation, methods/statuses.md), all GET on the
post's own instance:

- `/api/v1/statuses/:id/context` -> `{"ancestors": [], "descendants": [Status]}`:
  the replies, nested ones included, flattened by the instance;
- `/api/v1/statuses/:id/favourited_by?limit=80` and `/reblogged_by` -> `[Account]`,
  paged with `Link: <...>; rel="next"`. A next page on another origin is
  not followed (the list counts as not read to its end).

A 404 or 410 means the status is gone. Only public and unlisted replies
are kept. A reply's HTML content becomes plain text; a reply behind a
content warning shows only the warning, as its author chose.

Ids (see README "Direct collection"): a reply is `mastodon:<its ActivityPub
uri>`; a favourite or boost, which has no URL of its own, is named like
Bridgy names it: `mastodon:<post URL>#favorited-by-<account id>` /
`#reblogged-by-<account id>` (the account's id on the post's instance), and
its URL is the post's with that fragment. Neither carries a date: it is
dated when first seen (`seen`), and keeps that date.
"""

import re
from datetime import datetime

from common.urls import http_url
from syndication.posts import MastodonPost

from .model import Mention, parse_time
from .normalize import html_to_text
from .reactions import UNPARSED, Get, Harvest, Item, Limits, Page, pages, reaction
from .sync import raw_strings

NETWORK = "mastodon"
PAGE_SIZE = 80
LISTS = (("favourited_by", "like"), ("reblogged_by", "repost"))
VISIBLE = ("public", "unlisted")
_FRAGMENTS = {"like": "favorited-by-", "repost": "reblogged-by-"}
_ACCOUNT_ID = re.compile(r"[A-Za-z0-9_-]{1,64}")
# Where Mastodon's HTML breaks a line; removing the tags must not glue the words together.
_BREAK = re.compile(r"<br\s*/?>|</p\s*>", re.IGNORECASE)


def read(post: MastodonPost, get: Get, limits: Limits) -> Harvest:
    """The replies, favourites and boosts of `post`.

    PostGone when the status no longer exists; SyncError when an answer is
    unusable as a whole.
    """
    harvest = Harvest()
    base = f"{post.origin}/api/v1/statuses/{post.status_id}"

    def no_next(_page: Page, _rest: dict) -> None:
        return None

    def same_origin_next(page: Page, _rest: dict) -> str | None:
        if page.next_url is None:
            return None
        if not page.next_url.startswith(post.origin + "/"):
            harvest.complete = False
            harvest.notes.append(f"{post.url}: a next page on another server, not followed")
            return None
        return page.next_url

    what = f"{post.url} replies"
    for index, data, value in pages(
        get, f"{base}/context", "descendants", limits, harvest, what, no_next
    ):
        if isinstance(value, dict) and value.get("visibility") not in VISIBLE:
            continue
        harvest.items.append(Item("reply", _name("reply", post, value, what, index), data, value))
    for endpoint, kind in LISTS:
        what = f"{post.url} {endpoint}"
        first = f"{base}/{endpoint}?limit={PAGE_SIZE}"
        for index, data, value in pages(get, first, None, limits, harvest, what, same_origin_next):
            harvest.items.append(Item(kind, _name(kind, post, value, what, index), data, value))
    return harvest


def _name(kind: str, post: MastodonPost, value: object, what: str, index: int) -> str:
    """The item's id when it can be told (see the module docstring), else where it sat."""
    if not isinstance(value, dict):
        return f"{what} item {index}"
    if kind in _FRAGMENTS:
        account_id = value.get("id")
        if isinstance(account_id, str) and _ACCOUNT_ID.fullmatch(account_id):
            return f"mastodon:{post.url}#{_FRAGMENTS[kind]}{account_id}"
    elif http_url(value.get("uri")):
        return f"mastodon:{value['uri']}"
    return f"{what} item {index}"


def raw_fields(item: Item) -> dict[str, list]:
    """The strings moderation judges, as received (`Moderation.blocks_raw` arguments)."""
    if item.value is UNPARSED:
        names = [n for k in ("display_name", "acct", "username") for n in raw_strings(item.data, k)]
        urls = raw_strings(item.data, "url")
        return {
            "sources": urls + raw_strings(item.data, "uri"),
            "author_urls": urls,
            "author_names": names,
        }
    value = item.value if isinstance(item.value, dict) else {}
    account = value if item.kind in _FRAGMENTS else value.get("account")
    account = account if isinstance(account, dict) else {}
    sources = [] if item.kind in _FRAGMENTS else [value.get("uri"), value.get("url")]
    return {
        "sources": sources,
        "author_urls": [account.get("url")],
        "author_names": [account.get(k) for k in ("display_name", "acct", "username")],
    }


def to_mention(item: Item, post: MastodonPost, seen: datetime, received: datetime) -> Mention:
    """The Mention an item makes (not yet cleaned); ValueError naming the field otherwise.

    `seen` dates a favourite or boost (they have no date of their own).
    """
    value = item.value
    if not isinstance(value, dict):
        raise ValueError("item: expected an object")
    if item.kind in _FRAGMENTS:
        account = value
        account_id = account.get("id")
        if not isinstance(account_id, str) or not _ACCOUNT_ID.fullmatch(account_id):
            raise ValueError("id: expected an account id")
        url = f"{post.url}#{_FRAGMENTS[item.kind]}{account_id}"
        identifier = f"mastodon:{url}"
        published = seen
        text = None
    else:
        account = value.get("account")
        if not isinstance(account, dict):
            raise ValueError("account: expected an object")
        uri = http_url(value.get("uri"))
        if uri is None:
            raise ValueError("uri: expected an http(s) URL")
        identifier = f"mastodon:{uri}"
        url = http_url(value.get("url")) or uri
        created = value.get("created_at")
        if not isinstance(created, str):
            raise ValueError("created_at: expected a date-time string")
        try:
            published = parse_time(created)
        except ValueError as error:
            raise ValueError(f"created_at: {error}") from None
        text = _text(value)
    author = (
        _string(account.get("display_name")) or _string(account.get("acct")),
        _string(account.get("url")),
        _string(account.get("avatar_static")) or _string(account.get("avatar")),
    )
    return reaction(NETWORK, item.kind, identifier, url, (published, received), author, text)


def _text(status: dict) -> str:
    warning = status.get("spoiler_text")
    if isinstance(warning, str) and warning.strip():
        return f"Content warning: {warning}"
    content = status.get("content")
    if not isinstance(content, str):
        raise ValueError("content: expected an HTML string")
    return html_to_text(_BREAK.sub(lambda match: match.group(0) + " ", content))


def _string(value: object) -> str | None:
    return value if isinstance(value, str) and value.strip() else None
