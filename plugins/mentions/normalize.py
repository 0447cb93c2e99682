"""Turn webmention.io JF2 entries into Mentions: shape checks and cleaning (command time).

Everything here comes from strangers. HTML content is reduced to plain text,
and every entry ends in `model.clean_mention`, the cleaning that every path
into the store shares; a malformed entry raises ValueError naming the entry and
the field; the network comes from networks.py. `clean_text` and
`MAX_NAME_LENGTH` (from model) and `clean_url` (`common.urls.http_url`) are
re-exported here for the command-time modules.
"""

import html
from dataclasses import dataclass
from datetime import datetime

import nh3
from common.urls import http_url as clean_url

from .model import MAX_NAME_LENGTH as MAX_NAME_LENGTH
from .model import Mention, clean_mention, parse_time
from .model import clean_text as clean_text
from .networks import network_for

PROPERTY_KINDS = {
    "in-reply-to": "reply",
    "like-of": "like",
    "repost-of": "repost",
    "bookmark-of": "bookmark",
    "mention-of": "mention",
}
# Only these kinds carry words worth showing; a like's "content" is boilerplate.
TEXT_KINDS = ("reply", "mention")
# webmention.io ids are database ids; a longer number is not one of theirs.
MAX_WM_ID = 2**63 - 1


@dataclass(frozen=True)
class Incoming:
    """One validated API entry. `mention` is None for an RSVP (articles are not events)."""

    wm_id: int
    target: str
    private: bool
    mention: Mention | None


def html_to_text(markup: str) -> str:
    """The text of an HTML fragment: every tag removed (script and style with their content)."""
    return html.unescape(nh3.clean(markup, tags=set()))


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
    if not isinstance(wm_id, int) or isinstance(wm_id, bool) or not 1 <= wm_id <= MAX_WM_ID:
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
        author_name=_string(author.get("name")),
        author_url=_string(author.get("url")),
        author_photo=_string(author.get("photo")),
        author_avatar=None,
        text=entry_text(entry) if kind in TEXT_KINDS else None,
        network=network_for(source, url),
    )
    return Incoming(wm_id, target, private, clean_mention(mention, where, max_text))


def _time(entry: dict, key: str, where: str, required: bool) -> datetime | None:
    value = entry.get(key)
    if value is None and not required:
        return None
    if not isinstance(value, str):
        raise ValueError(f"{where}.{key}: expected a date-time string")
    try:
        return parse_time(value)
    except ValueError as error:
        raise ValueError(f"{where}.{key}: {error}") from None


def _string(value: object) -> str | None:
    return value if isinstance(value, str) else None
