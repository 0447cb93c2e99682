from contextlib import suppress
from datetime import datetime
from pathlib import Path

import pytest
from content_check.headers import header_problems, read_header

FIXTURES = Path(__file__).parent / "fixtures"


def parse_date(value: str) -> datetime:
    for pattern in ("%Y-%m-%d %H:%M", "%Y-%m-%d"):
        with suppress(ValueError):
            return datetime.strptime(value, pattern)
    raise ValueError(value)


def header_of(name: str) -> dict[str, str]:
    return read_header((FIXTURES / name).read_text(encoding="utf-8"))


def test_header_stops_at_the_first_blank_line_and_joins_continuations():
    header = header_of("good-article.md")
    assert header["title"] == "Coffee with a former manager"
    assert header["tags"] == "reconnecting, outreach"
    assert "body text" not in header


def test_a_good_header_has_no_problems():
    assert header_problems(header_of("good-article.md"), parse_date, is_article=True) == []


@pytest.mark.parametrize(
    ("fixture", "problem"),
    [
        ("bad-status.md", "Status 'maybe' is not one of published, draft, hidden"),
        ("modified-before-date.md", "Modified is earlier than Date"),
        ("bad-start-here.md", "Start_here 'yes please' is not true or false"),
        (
            "bad-bluesky-post.md",
            "Bluesky: expected https://bsky.app/profile/<handle or DID>/post/<id>",
        ),
    ],
)
def test_each_broken_header_is_named(fixture, problem):
    assert header_problems(header_of(fixture), parse_date, is_article=True) == [problem]


def test_headers_naming_the_posts_of_an_article_are_fine():
    assert header_problems(header_of("posted-article.md"), parse_date, is_article=True) == []


def test_missing_title_and_date_are_both_reported():
    assert header_problems({"category": "Networking"}, parse_date, is_article=True) == [
        "the header has no Title",
        "the header has no Date",
    ]


@pytest.mark.parametrize("value", ["true", "false", "True", "FALSE"])
def test_start_here_is_true_or_false_in_any_case(value):
    header = {**header_of("good-article.md"), "start_here": value}
    assert header_problems(header, parse_date, is_article=True) == []


def test_pages_need_only_a_title():
    assert header_problems({"title": "About"}, parse_date, is_article=False) == []
    assert header_problems({}, parse_date, is_article=False) == ["the header has no Title"]
