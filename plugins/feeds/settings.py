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

from dataclasses import dataclass, fields

from common.urls import is_http_url
from known_keys import reject_unknown_keys


@dataclass(frozen=True)
class FeedSettings:
    max_items: int = 20
    taxonomy_max_items: int = 20
    mentions_max_items: int = 50
    hub: str | None = None
    dev_base: str = "http://127.0.0.1:8000"


def load_settings(raw: dict | None) -> FeedSettings:
    """Merge `raw` over the defaults; raise ValueError naming any bad key."""
    raw = dict(raw or {})
    reject_unknown_keys("FEEDS", raw, (field.name for field in fields(FeedSettings)))
    merged = FeedSettings(**raw)
    for key in ("max_items", "taxonomy_max_items", "mentions_max_items"):
        value = getattr(merged, key)
        # bool is an int subclass; FEEDS["max_items"] = True is a typo, not 1.
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise ValueError(f"FEEDS['{key}'] must be a positive integer, got {value!r}")
    if merged.hub is not None and not is_http_url(merged.hub):
        raise ValueError(f"FEEDS['hub'] must be an http(s) URL or None, got {merged.hub!r}")
    if not is_http_url(merged.dev_base):
        raise ValueError(f"FEEDS['dev_base'] must be an http(s) URL, got {merged.dev_base!r}")
    return merged


def feed_base(siteurl: str, settings: FeedSettings) -> str:
    """The absolute address every feed URL starts with, without a trailing slash.

    Feed readers cannot resolve a relative URL, so a development build (empty
    or relative SITEURL) falls back to `dev_base`.
    """
    base = siteurl if is_http_url(siteurl) else settings.dev_base
    return base.rstrip("/")
