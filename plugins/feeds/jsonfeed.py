"""JSON Feed 1.1 (https://jsonfeed.org/version/1.1), which feedgen does not write."""

import json
from collections.abc import Sequence

from .model import FeedEntry, FeedInfo, plain_text

VERSION = "https://jsonfeed.org/version/1.1"


def build_json(info: FeedInfo, entries: Sequence[FeedEntry]) -> bytes:
    """The JSON Feed document, UTF-8, keys in a fixed order so builds are byte-stable."""
    document = {
        "version": VERSION,
        "title": info.title,
        "home_page_url": info.home_url,
        "feed_url": info.feed_url,
        "description": info.subtitle,
        "language": info.language,
    }
    if info.hub:
        document["hubs"] = [{"type": "WebSub", "url": info.hub}]
    document["items"] = [_item(entry) for entry in entries]
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _item(entry: FeedEntry) -> dict:
    return {
        "id": entry.id,
        "url": entry.url,
        "title": entry.title,
        "content_html": entry.content_html,
        # The spec's summary is plain text, unlike RSS and Atom.
        "summary": plain_text(entry.summary_html),
        "date_published": entry.published.isoformat(),
        "date_modified": entry.updated.isoformat(),
        "authors": [{"name": name} for name in entry.authors],
        "tags": list(entry.categories),
    }
