"""Reading and checking the `Key: value` header of a Markdown source file.

The rules, for every article (pages need only a title):
    Title    required, not empty
    Date     required in the header (not taken from the file name), a valid date
    Modified optional; a valid date, not before Date
    Status   optional; one of published, draft, hidden
    Start_here optional; true or false (the topics plugin lists the article
             first on its category page when true)
    Bluesky, Mastodon  optional; the URL of the article's post on that network
             (plugins/syndication/posts.py says which URLs name a post)
"""

from collections.abc import Callable
from datetime import datetime

from common.markdown_header import read_header
from syndication.posts import header_posts

__all__ = ["header_problems", "read_header"]

STATUSES = ("published", "draft", "hidden")
START_HERE = ("true", "false")


def header_problems(
    header: dict[str, str], parse_date: Callable[[str], datetime], *, is_article: bool
) -> list[str]:
    """What is wrong with a header, one sentence each; empty when it is fine."""
    problems = []
    if not header.get("title"):
        problems.append("the header has no Title")
    if not is_article:
        return problems
    dates = {}
    for key in ("date", "modified"):
        if key not in header:
            continue
        try:
            dates[key] = parse_date(header[key])
        except ValueError:
            problems.append(f"{key.capitalize()} {header[key]!r} is not a valid date")
    if "date" not in header:
        problems.append("the header has no Date")
    if {"date", "modified"} <= dates.keys() and _naive(dates["modified"]) < _naive(dates["date"]):
        problems.append("Modified is earlier than Date")
    status = header.get("status", "published").lower()
    if status not in STATUSES:
        problems.append(f"Status {header['status']!r} is not one of {', '.join(STATUSES)}")
    if header.get("start_here", "false").lower() not in START_HERE:
        problems.append(f"Start_here {header['start_here']!r} is not true or false")
    try:
        header_posts(header)
    except ValueError as error:
        problems.append(str(error))
    return problems


def _naive(moment: datetime) -> datetime:
    return moment.replace(tzinfo=None)
