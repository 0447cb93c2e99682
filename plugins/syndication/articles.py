"""The articles `make syndicate` may post, read from their Markdown headers (no Pelican).

An article is a candidate when it is published (no `Status:`, or `published`),
has a `Slug:` (the store is keyed by slug; Pelican would derive one from the
title, the command does not guess) and a `Date:` on or after `not_before`.
Its `Bluesky:`/`Mastodon:` headers say where it is posted already; a header
that names no post skips the article with one line, because posting it then
could post it twice.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import markdown
from bs4 import BeautifulSoup
from common.markdown_header import read_header

from .posts import NETWORKS, header_posts


@dataclass(frozen=True)
class Article:
    """What a post says about an article, and its `Bluesky:`/`Mastodon:` header values."""

    slug: str
    source: Path
    date: datetime  # as its header says, naive when it names no offset
    title: str
    summary: str  # plain text
    url: str
    language: str
    posted: dict[str, str] = field(default_factory=dict)  # checked with posts.header_posts


def read_articles(
    content_dir: Path,
    article_paths: Iterable[str],
    *,
    not_before: date,
    site_url: str,
    article_url: str,
    language: str,
) -> tuple[list[Article], list[str]]:
    """The candidate articles, oldest first, and one line for each source file skipped."""
    found: list[Article] = []
    skipped = []
    for folder in article_paths:
        for path in sorted((content_dir / folder).rglob("*.md")):
            try:
                header = read_header(path.read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError) as error:
                skipped.append(f"skipped {path}: cannot read it ({error})")
                continue
            if header.get("status", "published").lower() != "published":
                continue
            try:
                moment = _date(header.get("date", ""))
                header_posts(header)
            except ValueError as error:
                skipped.append(f"skipped {path}: {error}")
                continue
            if moment.date() < not_before:
                continue
            slug = header.get("slug")
            if not slug:
                skipped.append(f"skipped {path}: no Slug: header")
                continue
            article = Article(
                slug=slug,
                source=path,
                date=moment,
                title=header.get("title", ""),
                summary=plain_text(header.get("summary", "")),
                url=f"{site_url}/{article_url.format(slug=slug)}",
                language=header.get("lang") or language,
                posted={key: header[key] for key in NETWORKS if key in header},
            )
            found.append(article)
    found.sort(key=lambda article: (article.date.replace(tzinfo=None), article.slug))
    return found, skipped


def _date(value: str) -> datetime:
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        raise ValueError(f"Date {value!r} is not an ISO date (YYYY-MM-DD HH:MM)") from None


def plain_text(text: str) -> str:
    """A Markdown header value as one line of plain text (`*say so*` becomes `say so`)."""
    html = markdown.markdown(text)
    return " ".join(BeautifulSoup(html, "html.parser").get_text().split())
