"""Turn webmention.io JF2 entries into Mentions: shape checks, cleaning, network detection.

Everything here comes from strangers. Text is reduced to plain text, URLs
other than http(s) are dropped, and a malformed entry raises ValueError so the
caller can refuse the whole response instead of storing half of it.
"""

import html
import re
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlsplit

import nh3
from common.urls import http_url as clean_url

from .model import Mention, parse_time

PROPERTY_KINDS = {
    "in-reply-to": "reply",
    "like-of": "like",
    "repost-of": "repost",
    "bookmark-of": "bookmark",
    "mention-of": "mention",
}
# Only these kinds carry words worth showing; a like's "content" is boilerplate.
TEXT_KINDS = ("reply", "mention")
MAX_NAME_LENGTH = 100

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2066-\u2069]")
_SPACE = re.compile(r"\s+")
# Bridgy's source URLs name the silo: https://brid.gy/like/mastodon/@user@host/1100/2200
_BRIDGY_PATH = re.compile(r"/(?:like|repost|comment|post|react|rsvp|bookmark)/([a-z]+)/")
_NETWORK_HOSTS = {
    "twitter.com": "twitter",
    "x.com": "twitter",
    "bsky.app": "bluesky",
    "bsky.brid.gy": "bluesky",
    "fed.brid.gy": "mastodon",
}
# Status URLs of Mastodon and its compatible servers, whatever the host.
_FEDIVERSE_PATH = re.compile(r"/(?:@[^/]+/\d+|users/[^/]+/statuses/\d+)/?$")


@dataclass(frozen=True)
class Incoming:
    """One validated API entry. `mention` is None for an RSVP (articles are not events)."""

    wm_id: int
    target: str
    private: bool
    mention: Mention | None


def clean_text(value: object, limit: int) -> str | None:
    """Plain text with control characters removed and whitespace collapsed, at most `limit`."""
    if not isinstance(value, str):
        return None
    text = _SPACE.sub(" ", _CONTROL.sub("", value)).strip()
    if not text:
        return None
    return shorten(text, limit)


def shorten(text: str, limit: int) -> str:
    """`text` cut to at most `limit` characters at a word boundary, with "…" when cut."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:.-\u2013\u2014") + "…"


def html_to_text(markup: str) -> str:
    """The text of an HTML fragment: every tag removed (script and style with their content)."""
    return html.unescape(nh3.clean(markup, tags=set()))


def network_for(*urls: str | None) -> str:
    """The network a mention came from, judged from its source and post URLs; else "web"."""
    for url in urls:
        if not url:
            continue
        parts = urlsplit(url)
        host = (parts.hostname or "").removeprefix("www.")
        if host == "brid.gy":
            match = _BRIDGY_PATH.match(parts.path)
            if match:
                return match.group(1)
        for known, network in _NETWORK_HOSTS.items():
            if host == known or host.endswith("." + known):
                return network
        if _FEDIVERSE_PATH.match(parts.path):
            return "mastodon"
    return "web"


def entry_text(entry: dict) -> str | None:
    """The plain text of a JF2 entry's content, whichever form the service sent."""
    content = entry.get("content")
    if isinstance(content, str):
        return content
    if not isinstance(content, dict):
        return None
    for key in ("text", "value"):
        if isinstance(content.get(key), str) and content[key].strip():
            return content[key]
    if isinstance(content.get("html"), str):
        return html_to_text(content["html"])
    return None


def from_jf2(entry: object, where: str, max_text: int) -> Incoming:
    """Validate one JF2 entry and normalise it; raise ValueError naming `where` and the field."""
    if not isinstance(entry, dict):
        raise ValueError(f"{where}: expected an object")
    wm_id = entry.get("wm-id")
    if not isinstance(wm_id, int) or isinstance(wm_id, bool) or wm_id < 1:
        raise ValueError(f"{where}.wm-id: expected a positive integer")
    where = f"{where} (wm-id {wm_id})"
    source = clean_url(entry.get("wm-source"))
    if source is None:
        raise ValueError(f"{where}.wm-source: expected an http(s) URL")
    target = entry.get("wm-target")
    if not isinstance(target, str) or not target:
        raise ValueError(f"{where}.wm-target: expected a URL")
    received = _time(entry, "wm-received", where, required=True)
    published = _time(entry, "published", where, required=False) or received
    private = entry.get("wm-private", False)
    if not isinstance(private, bool):
        raise ValueError(f"{where}.wm-private: expected true or false")
    prop = entry.get("wm-property", "mention-of")
    if not isinstance(prop, str):
        raise ValueError(f"{where}.wm-property: expected a string")
    author = entry.get("author") or {}
    if not isinstance(author, dict):
        raise ValueError(f"{where}.author: expected an object")
    if prop == "rsvp":
        return Incoming(wm_id, target, private, None)
    kind = PROPERTY_KINDS.get(prop, "mention")
    url = clean_url(entry.get("url")) or source
    mention = Mention(
        id=f"wmio:{wm_id}",
        origin="webmention.io",
        kind=kind,
        source_url=source,
        url=url,
        published=published,
        received=received,
        author_name=clean_text(author.get("name"), MAX_NAME_LENGTH),
        author_url=clean_url(author.get("url")),
        author_photo=clean_url(author.get("photo")),
        author_avatar=None,
        text=clean_text(entry_text(entry), max_text) if kind in TEXT_KINDS else None,
        network=network_for(source, url),
    )
    return Incoming(wm_id, target, private, mention)


def _time(entry: dict, key: str, where: str, required: bool) -> datetime | None:
    value = entry.get(key)
    if value is None and not required:
        return None
    if not isinstance(value, str):
        raise ValueError(f"{where}.{key}: expected a date-time string")
    try:
        return parse_time(value)
    except ValueError:
        raise ValueError(f"{where}.{key}: {value!r} is not a date-time") from None
