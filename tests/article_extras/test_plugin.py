"""The Pelican glue, driven with stand-in articles: what a warm build keeps and what it redoes."""

from datetime import datetime
from types import SimpleNamespace

import pytest
from article_extras.plugin import attach_extras
from pelican.generators import ArticlesGenerator


def _article(day, tags, words):
    return SimpleNamespace(
        content="<p>" + "word " * words + "</p>",
        tags=[SimpleNamespace(slug=tag) for tag in tags],
        date=datetime(2026, 3, day),
    )


@pytest.fixture
def articles():
    """Newest first, as Pelican lists them."""
    return [
        _article(4, ["outreach", "messages"], 100),
        _article(3, ["outreach"], 500),
        _article(2, ["messages"], 100),
        _article(1, ["layoffs"], 100),
    ]


def _attach(tmp_path, articles):
    generator = object.__new__(ArticlesGenerator)
    generator.settings = {
        "CACHE_PATH": str(tmp_path),
        "CACHE_CONTENT": True,
        "LOAD_CONTENT_CACHE": True,
        "ARTICLE_EXTRAS": {"words_per_minute": 100, "related_count": 2},
    }
    generator.articles = articles
    generator.context = {"generated_content": {}}
    attach_extras([generator])
    return [(a.reading_minutes, [articles.index(r) for r in a.related_articles]) for a in articles]


def test_a_warm_build_with_nothing_changed_gives_the_same_extras(tmp_path, articles):
    first = _attach(tmp_path, articles)
    assert first == [(1, [1, 2]), (5, [0]), (1, [0]), (1, [])]
    assert (tmp_path / "article_extras.pickle").is_file()
    assert _attach(tmp_path, articles) == first


def test_an_edited_body_is_timed_again(tmp_path, articles):
    _attach(tmp_path, articles)
    articles[1].content = "<p>" + "word " * 900 + "</p>"
    assert _attach(tmp_path, articles)[1] == (9, [0])


def test_edited_tags_are_ranked_again(tmp_path, articles):
    _attach(tmp_path, articles)
    articles[3].tags = [SimpleNamespace(slug="outreach")]
    assert [related for _, related in _attach(tmp_path, articles)] == [[1, 2], [0, 3], [0], [0, 1]]
