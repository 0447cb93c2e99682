"""Small FeedInfo/FeedEntry values for the pure tests, with the fixture article as content."""

from dataclasses import replace
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from feeds.model import FeedEntry, FeedInfo

SITEURL = "https://example.org"
ZONE = ZoneInfo("America/New_York")
CONTENT = (Path(__file__).parent / "fixtures" / "article.absolute.html").read_text(encoding="utf-8")


def entry(slug: str, day: int, **changes) -> FeedEntry:
    """An article entry published on 2026-05-`day` at 09:00 New York time."""
    url = f"{SITEURL}/{slug}/"
    moment = datetime(2026, 5, day, 9, 0, tzinfo=ZONE)
    base = FeedEntry(
        id=url,
        url=url,
        title=f"Title of {slug}",
        content_html=CONTENT,
        summary_html=f'<p>Summary of <a href="{url}">{slug}</a>.</p>',
        authors=("Maya Okafor",),
        published=moment,
        updated=moment,
        categories=("Networking", "referrals"),
    )
    return replace(base, **changes)


def info(stem: str = "all", suffix: str = ".rss.xml", **changes) -> FeedInfo:
    base = FeedInfo(
        title="Reconnect",
        subtitle="Honest networking",
        language="en",
        home_url=f"{SITEURL}/",
        feed_url=f"{SITEURL}/feeds/{stem}{suffix}",
        updated=datetime(2026, 5, 20, 9, 0, tzinfo=ZONE),
    )
    return replace(base, **changes)
