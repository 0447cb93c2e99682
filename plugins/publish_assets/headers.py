"""The HTTP headers each published file is stored with in object storage.

Content-Type: by extension, with the feed types the feeds plugin writes
(`*.atom.xml`, `*.rss.xml`, JSON Feed under feeds/), text types in UTF-8.
Cache-Control, in three tiers:
    fingerprinted assets (main.<hash>.css)  one year, immutable: the name changes with the bytes
    HTML, feeds, calendars, sitemap, robots  5 minutes: they change with every article
    everything else (images, scripts)        1 day
A precompressed copy (`x.html.br`) gets the headers of `x.html` plus its
Content-Encoding.
"""

import mimetypes
from dataclasses import dataclass
from pathlib import PurePosixPath

from .compress import SUFFIXES
from .fingerprint import is_fingerprinted

IMMUTABLE = "public, max-age=31536000, immutable"
SHORT = "public, max-age=300"
DAY = "public, max-age=86400"

_UTF8 = "; charset=utf-8"
TYPES = {
    ".html": "text/html" + _UTF8,
    ".css": "text/css" + _UTF8,
    ".js": "text/javascript" + _UTF8,
    ".mjs": "text/javascript" + _UTF8,
    ".json": "application/json" + _UTF8,
    ".xml": "application/xml" + _UTF8,
    ".xsl": "application/xslt+xml" + _UTF8,
    ".txt": "text/plain" + _UTF8,
    ".ics": "text/calendar" + _UTF8,
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".avif": "image/avif",
    ".ico": "image/x-icon",
    ".woff2": "font/woff2",
    ".woff": "font/woff",
    ".pdf": "application/pdf",
}
# Longest suffix first: a feed is recognised before plain XML or JSON.
FEED_TYPES = {
    ".atom.xml": "application/atom+xml" + _UTF8,
    ".rss.xml": "application/rss+xml" + _UTF8,
}
SHORT_LIVED = (".html", ".xml", ".json", ".ics", ".txt")
ENCODINGS = {suffix: {"gz": "gzip", "br": "br"}[fmt] for fmt, suffix in SUFFIXES.items()}


@dataclass(frozen=True)
class Headers:
    content_type: str
    cache_control: str
    content_encoding: str | None = None


def headers_for(key: str) -> Headers:
    """The headers of the object stored under `key` (its path in the site, with `/`)."""
    path = PurePosixPath(key)
    encoding = ENCODINGS.get(path.suffix)
    if encoding:
        path = path.with_suffix("")
    return Headers(_content_type(path), _cache_control(path), encoding)


def _content_type(path: PurePosixPath) -> str:
    name = path.name
    for suffix, content_type in FEED_TYPES.items():
        if name.endswith(suffix):
            return content_type
    if path.suffix == ".json" and path.parts[:1] == ("feeds",):
        return "application/feed+json" + _UTF8
    known = TYPES.get(path.suffix.lower())
    if known:
        return known
    guessed, _ = mimetypes.guess_type(name)
    return guessed or "application/octet-stream"


def _cache_control(path: PurePosixPath) -> str:
    if is_fingerprinted(path.name):
        return IMMUTABLE
    if path.suffix in SHORT_LIVED:
        return SHORT
    return DAY
