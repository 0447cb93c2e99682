"""Feed entries for the mentions feed: one per social mention of an article.

The seam with the mentions plugin is duck-typed: each article carries
`article.mentions`, a list of objects with `id`, `kind`, `source_url`,
`author_name` (may be None), `published` (aware datetime) and `text` (may be
None). Everything they hold comes from outside, so it is escaped here and a
source URL is linked only when it is http(s).

Bounded: the author's name is cut to `MAX_NAME_LENGTH` characters and the
quoted text to `MAX_QUOTE_BYTES` bytes once HTML-escaped, so one entry stays
small whatever a stranger wrote. The store cleans text when it loads it; a
NUL or a lone surrogate that still got through is removed here too, because
either would stop the XML writer and with it the whole build.
"""

from collections.abc import Sequence
from datetime import tzinfo
from html import escape
from urllib.parse import quote

from common.urls import http_url
from mentions.escaped import shorten_escaped
from mentions.model import MAX_NAME_LENGTH, clean_text

from .model import FeedEntry, check_unique, in_zone, newest_first

MAX_QUOTE_BYTES = 2000
_VERBS = {
    "reply": "replied to",
    "like": "liked",
    "repost": "reposted",
    "bookmark": "bookmarked",
    "mention": "mentioned",
}


def newest_entries(
    mentions: Sequence[tuple[object, str, str]], limit: int, zone: tzinfo
) -> list[FeedEntry]:
    """`newest_first` of the entries of every (mention, article URL, article title), made cheaply.

    Only the mentions published no earlier than the `limit`-th newest can
    be listed, so only theirs are made into entries; every id is still
    checked, so two mentions that would share an entry id stop the build
    wherever they are in time.
    """
    check_unique(entry_id(mention, url) for mention, url, _ in mentions)
    published = [in_zone(mention.published, zone) for mention, _, _ in mentions]
    if not published:
        return []
    cutoff = sorted(published, reverse=True)[min(limit, len(published)) - 1]
    return newest_first(
        (
            mention_entry(mention, url, title, zone)
            for (mention, url, title), moment in zip(mentions, published, strict=True)
            if moment >= cutoff
        ),
        limit,
    )


def entry_id(mention, article_url: str) -> str:
    """The id of the entry for `mention` of the article at `article_url`.

    A URL on our site built from the mention's stable id, so it never
    collides with an article id and survives rebuilds.
    """
    return f"{article_url}#mention-{quote(mention.id, safe='', errors='replace')}"


def mention_entry(mention, article_url: str, article_title: str, zone: tzinfo) -> FeedEntry:
    """The entry for one mention of the article at `article_url`."""
    name = _clean(mention.author_name, MAX_NAME_LENGTH) or "Someone"
    text = _clean(mention.text, MAX_QUOTE_BYTES)
    verb = _VERBS.get(mention.kind, "mentioned")
    article_link = f'<a href="{escape(article_url)}">{escape(article_title, quote=False)}</a>'
    sentence = f"{escape(name, quote=False)} {verb} {article_link}."
    source = http_url(_encodable(mention.source_url))
    if source:
        sentence += f' <a href="{escape(source)}">See the original post</a>.'
    quote_html = (
        f"<blockquote><p>{escape(shorten_escaped(text, MAX_QUOTE_BYTES), quote=False)}</p>"
        "</blockquote>"
        if text
        else ""
    )
    published = in_zone(mention.published, zone)
    return FeedEntry(
        id=entry_id(mention, article_url),
        url=source or article_url,
        title=f"{name} {verb} “{article_title}”",
        content_html=f"<p>{sentence}</p>{quote_html}",
        summary_html=quote_html or f"<p>{sentence}</p>",
        authors=(name,),
        published=published,
        updated=published,
        categories=(mention.kind,),
    )


def _clean(value: str | None, limit: int) -> str | None:
    return clean_text(_encodable(value), limit) if value else None


def _encodable(value: str | None) -> str | None:
    # A lone surrogate cannot be written as UTF-8; "?" takes its place.
    return value.encode("utf-8", "replace").decode("utf-8") if value else value
