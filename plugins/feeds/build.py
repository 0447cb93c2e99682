"""RSS 2.0 and Atom (RFC 4287) documents, written with feedgen.

feedgen has traps this module exists to keep in one place: it prepends
entries unless told otherwise, takes the RSS channel link from the last
`link()` call whatever its rel, stamps every date it is not given with the
current time, drops name-only RSS authors, and writes the WebSub hub in Atom
only.

Titles are plain text. RSS has no way to say so and readers (feedparser and
those built on it) treat an RSS <title> as HTML, so there a title is
HTML-escaped before feedgen XML-escapes it; Atom says type="text". Either way
a name such as `<img src=...>` in a title reaches a reader as characters,
never as an element.
"""

from collections.abc import Callable, Sequence
from html import escape

from common.urls import is_http_url
from feedgen.feed import FeedGenerator
from lxml import etree

from .model import FeedEntry, FeedInfo

# FeedBurner refused feeds over 1 MB; some readers give up on far less.
MAX_FEED_BYTES = 1_000_000
_ATOM_NS = "http://www.w3.org/2005/Atom"


def build_rss(info: FeedInfo, entries: Sequence[FeedEntry]) -> bytes:
    """The RSS 2.0 document: summary in <description>, full content in
    <content:encoded>, authors as <dc:creator>, guid = entry id."""
    data = _generator(info, entries, rss=True).rss_str(pretty=True)
    if info.hub:
        data = _add_rss_hub(data, info.hub)
    return data


def build_atom(info: FeedInfo, entries: Sequence[FeedEntry]) -> bytes:
    """The Atom document: <title type="text">, <content type="html"> and <summary type="html">."""
    # feedgen writes titles without a type; text is the default, but saying so
    # leaves no reader guessing. It is set on the tree feedgen builds (its
    # `_create_atom`, which `atom_str` serializes as below), so that the
    # document is serialized once, not written, parsed and written again.
    root, _ = _generator(info, entries, rss=False)._create_atom()
    # feedgen names its elements without a namespace and declares Atom's as the default.
    for title in root.iter("title"):
        title.set("type", "text")
    return etree.tostring(root, pretty_print=True, xml_declaration=True, encoding="UTF-8")


def check_size(name: str, data: bytes, setting: str, limit: int = MAX_FEED_BYTES) -> None:
    """Raise ValueError naming the feed file and the `setting` that bounds it
    if `data` is `limit` bytes or more."""
    if len(data) >= limit:
        raise ValueError(
            f"feed {name} is {len(data)} bytes, over the {limit}-byte limit: "
            f"lower FEEDS['{setting}']"
        )


def fitting(
    entries: Sequence[FeedEntry],
    serialize: Callable[[Sequence[FeedEntry]], bytes],
    limit: int = MAX_FEED_BYTES,
) -> int:
    """How many of `entries`, counted from the first, `serialize` can write in under `limit` bytes.

    A document only grows with each entry added, so a binary search finds
    the count in a few serializations (one when everything fits).
    """
    if len(serialize(entries)) < limit:
        return len(entries)
    low, high = 0, len(entries) - 1
    while low < high:
        middle = (low + high + 1) // 2
        if len(serialize(entries[:middle])) < limit:
            low = middle
        else:
            high = middle - 1
    return low


def _generator(info: FeedInfo, entries: Sequence[FeedEntry], *, rss: bool) -> FeedGenerator:
    feed = FeedGenerator()
    if rss:
        feed.load_extension("dc", atom=False, rss=True)
    feed.id(info.feed_url)
    feed.title(_title(info.title, rss=rss))
    feed.subtitle(info.subtitle)
    feed.language(info.language)
    feed.updated(info.updated)
    # Order matters: RSS takes its channel <link> from the last call, which
    # must be the home page, never the feed itself.
    feed.link(href=info.feed_url, rel="self")
    if info.hub and not rss:
        feed.link(href=info.hub, rel="hub")
    feed.link(href=info.home_url, rel="alternate")
    for entry in entries:
        _add_entry(feed, entry, rss=rss)
    return feed


def _add_entry(feed: FeedGenerator, entry: FeedEntry, *, rss: bool) -> None:
    item = feed.add_entry(order="append")
    item.id(entry.id)
    # id() alone makes an RSS guid with isPermaLink="false"; our ids are URLs.
    item.guid(entry.id, permalink=is_http_url(entry.id))
    item.title(_title(entry.title, rss=rss))
    item.link(href=entry.url, rel="alternate")
    item.published(entry.published)
    item.updated(entry.updated)
    item.summary(entry.summary_html, type="html")
    item.content(entry.content_html, type=_rss_content_type(entry) if rss else "html")
    item.author([{"name": name} for name in entry.authors])
    if rss:
        item.dc.dc_creator(list(entry.authors))
    item.category([{"term": term} for term in entry.categories])


def _title(text: str, *, rss: bool) -> str:
    return escape(text, quote=False) if rss else text


def _rss_content_type(entry: FeedEntry) -> str:
    # CDATA keeps content:encoded readable; it cannot hold "]]>", so such rare
    # content goes in as escaped text, which readers treat the same.
    return "html" if "]]>" in entry.content_html else "CDATA"


def _add_rss_hub(data: bytes, hub: str) -> bytes:
    parser = etree.XMLParser(remove_blank_text=True)
    root = etree.fromstring(data, parser)
    channel = root.find("channel")
    self_link = channel.find(f"{{{_ATOM_NS}}}link")
    hub_link = etree.Element(f"{{{_ATOM_NS}}}link", href=hub, rel="hub")
    self_link.addnext(hub_link)
    return etree.tostring(root, pretty_print=True, xml_declaration=True, encoding="UTF-8")
