"""What a feed holds, independent of Pelican and of the output format.

`plugin.py` turns articles and mentions into these values; `build.py` and
`jsonfeed.py` turn them into bytes.
"""

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, tzinfo
from urllib.parse import urlsplit

from markupsafe import Markup


@dataclass(frozen=True)
class FeedEntry:
    """One item of a feed. Every URL is absolute, every datetime aware.

    `id` is what readers deduplicate on: the same value in every feed that
    lists the item, and never changed once published.
    """

    id: str
    url: str
    title: str
    content_html: str
    summary_html: str
    authors: tuple[str, ...]
    published: datetime
    updated: datetime
    categories: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not urlsplit(self.id).scheme:
            raise ValueError(f"feed id {self.id!r} is not an absolute URI (URL or tag:)")
        for name in ("published", "updated"):
            if getattr(self, name).tzinfo is None:
                raise ValueError(f"feed entry {self.id}: {name} has no time zone")
        if not self.authors:
            raise ValueError(f"feed entry {self.id}: no author")


@dataclass(frozen=True)
class FeedInfo:
    """One feed file: what it is about and where it lives.

    `home_url` is the page the feed mirrors (home, category or tag page);
    `feed_url` is the public URL of this very file (the self link).
    `updated` is the newest entry's update, never the build time, so two
    builds of the same content give the same bytes.
    """

    title: str
    subtitle: str
    language: str
    home_url: str
    feed_url: str
    updated: datetime
    hub: str | None = None


def plain_text(html: str) -> str:
    """`html` without tags, entities decoded, whitespace collapsed (for titles)."""
    return Markup(html).striptags()


def in_zone(moment: datetime, zone: tzinfo) -> datetime:
    """`moment` expressed in the site's time zone (a naive one is taken as local)."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=zone)
    return moment.astimezone(zone)


def newest_first(entries: Iterable[FeedEntry], limit: int) -> list[FeedEntry]:
    """At most `limit` entries, newest publication first.

    Ties are broken by id so the order never depends on the input order.
    Raises ValueError if two entries share an id: readers would merge them.
    """
    ordered = sorted(entries, key=lambda entry: entry.id)
    check_unique(entry.id for entry in ordered)
    ordered.sort(key=lambda entry: entry.published, reverse=True)
    return ordered[:limit]


def check_unique(ids: Iterable[str]) -> None:
    """Raise ValueError naming every id given more than once: readers would merge those entries."""
    shared = sorted(key for key, count in Counter(ids).items() if count > 1)
    if shared:
        raise ValueError(f"feed entries share the id(s): {', '.join(shared)}")


def last_update(entries: Iterable[FeedEntry], default: datetime) -> datetime:
    """The newest `updated` among `entries`, or `default` for an empty feed."""
    return max((entry.updated for entry in entries), default=default)
