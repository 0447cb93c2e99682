"""Small FeedInfo/FeedEntry values for the pure tests, with the fixture article as content,
and stand-ins for the mentions plugin's Mention objects."""

from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
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


@dataclass(frozen=True)
class FakeMention:
    """What the feeds read of a mention (the duck-typed seam with the mentions plugin)."""

    id: str
    kind: str
    source_url: str
    author_name: str | None
    published: datetime
    text: str | None


def mention(number: int = 1001, **changes) -> FakeMention:
    """A reply by Ada Lovelace; mentions with higher numbers are a minute newer each."""
    base = FakeMention(
        id=f"wmio:{number}",
        kind="reply",
        source_url=f"https://social.example/@ada/{number}",
        author_name="Ada Lovelace",
        published=datetime(2026, 6, 2, 14, 30, tzinfo=UTC) + timedelta(minutes=number - 1001),
        text="This helped me write to my old manager.",
    )
    return replace(base, **changes)
