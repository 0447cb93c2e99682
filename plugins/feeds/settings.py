"""The `FEEDS` setting: defaults and validation in one place.

Keys:
    max_items (int, default 20): entries in the site-wide feeds
        (`feeds/all.rss.xml`, `feeds/all.atom.xml`, `feeds/all.json`).
    taxonomy_max_items (int, default 20): entries in each category and tag feed.
    mentions_max_items (int, default 50): entries in the mentions feeds. When
        the newest ones do not fit under the 1 MB limit, the oldest are left
        out with a warning: strangers' data never stops the build.
    hub (str or None, default None): a WebSub hub URL announced in every RSS
        and Atom feed (`<link rel="hub">`); the deploy step pings it.
    dev_base (str, default "http://127.0.0.1:8000"): the address feeds and
        their links use when SITEURL is not absolute (the development build,
        served by `make serve`); a publish build uses SITEURL.
"""

from dataclasses import dataclass
from typing import Annotated

from common.urls import is_http_url
from known_keys.typed_fields import Rule, at_least, load_fields

HTTP_URL = Rule(is_http_url, "an http(s) URL")
HTTP_URL_OR_NONE = Rule(lambda v: v is None or is_http_url(v), "an http(s) URL or None")


@dataclass(frozen=True)
class FeedSettings:
    max_items: Annotated[int, at_least(1)] = 20
    taxonomy_max_items: Annotated[int, at_least(1)] = 20
    mentions_max_items: Annotated[int, at_least(1)] = 50
    hub: Annotated[str | None, HTTP_URL_OR_NONE] = None
    dev_base: Annotated[str, HTTP_URL] = "http://127.0.0.1:8000"


def load_settings(raw: dict | None) -> FeedSettings:
    """Merge `raw` over the defaults; raise ValueError naming any bad key."""
    return load_fields("FEEDS", FeedSettings, raw)


def feed_base(siteurl: str, settings: FeedSettings) -> str:
    """The absolute address every feed URL starts with, without a trailing slash.

    Feed readers cannot resolve a relative URL, so a development build (empty
    or relative SITEURL) falls back to `dev_base`.
    """
    base = siteurl if is_http_url(siteurl) else settings.dev_base
    return base.rstrip("/")
