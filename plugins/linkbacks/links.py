"""The part of a rendered article page that linkbacks care about.

An article page marks its body as the `e-content` of its `h-entry`
(microformats2); only links in that body are notified, so navigation, tag
links, share links and related-article lists never are. Links inside `<code>`
or `<pre>` are examples, not citations, and are skipped too, and so are links
that are not plain http(s) URLs (`common.urls.http_url`).
"""

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup
from common.urls import http_url, is_http_url

_DEFAULT_PORTS = {"http": 80, "https": 443}


@dataclass(frozen=True)
class ArticleBody:
    """An article's external links, in document order, and the hash of its body."""

    links: tuple[str, ...]
    content_hash: str


def read_article(
    html: str, source_url: str, siteurl: str, ignore: Iterable[re.Pattern]
) -> ArticleBody:
    """Find the body of the article page `html` published at `source_url`.

    Raises ValueError when the page has no `e-content` inside an `h-entry`.
    """
    soup = BeautifulSoup(html, "html.parser")
    entry = soup.find(class_="h-entry")
    body = entry.find(class_="e-content") if entry else None
    if body is None:
        raise ValueError("no element with class e-content inside an h-entry")
    ignore = tuple(ignore)
    links: dict[str, None] = {}
    for anchor in body.find_all("a", href=True):
        if anchor.find_parent(["code", "pre"]):
            continue
        url = _absolute(source_url, anchor["href"])
        if url and is_external(url, siteurl) and not any(p.search(url) for p in ignore):
            links[url] = None
    digest = hashlib.sha256(str(body).encode("utf-8")).hexdigest()
    return ArticleBody(links=tuple(links), content_hash=digest)


def _absolute(base: str, href: str) -> str | None:
    # A mistyped link (`http://[oops`, a space, a bad port) is not notified rather
    # than stopping the run for every article.
    try:
        return http_url(urljoin(base, href.strip()))
    except ValueError:
        return None


def is_external(url: str, siteurl: str) -> bool:
    """Whether `url` is an http(s) link to a site other than `siteurl`."""
    return urlsplit(url).scheme in _DEFAULT_PORTS and _origin(url) != _origin(siteurl)


def _origin(url: str) -> tuple[str, int | None]:
    # The scheme is left out on purpose: an http:// link to our own host is still ours.
    parts = urlsplit(url)
    try:
        port = parts.port
    except ValueError:
        port = None
    if port == _DEFAULT_PORTS.get(parts.scheme):
        port = None
    return ((parts.hostname or "").lower(), port)


def plain_text(html: str, limit: int = 300) -> str:
    """`html` as one line of text, cut at a word boundary to at most `limit` characters."""
    # No separator: inline tags must not add spaces ("<em>small</em>," stays "small,").
    text = " ".join(BeautifulSoup(html, "html.parser").get_text().split())
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0] + "…"


def trackback_urls(value: str) -> tuple[str, ...]:
    """The ping URLs in a `Trackback:` metadata value (separated by spaces or commas).

    Raises ValueError for anything but an absolute http(s) URL.
    """
    urls = tuple(dict.fromkeys(value.replace(",", " ").split()))
    for url in urls:
        if not is_http_url(url):
            raise ValueError(f"Trackback: {url!r} is not an absolute http(s) URL")
    return urls
