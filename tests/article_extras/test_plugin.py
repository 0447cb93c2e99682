"""The Pelican glue, driven with Pelican articles: what a warm build keeps, and words counted
without resolving links only where resolving them cannot change the count."""

from datetime import datetime

import pytest
from article_extras.plugin import attach_extras
from article_extras.reading import reading_minutes
from hypothesis import example, given, settings
from hypothesis import strategies as st
from pelican.contents import Article, Content, Static
from pelican.generators import ArticlesGenerator
from pelican.settings import DEFAULT_CONFIG
from pelican.urlwrappers import Tag

SITEURL = "https://reconnect.example"


class Site:
    """Articles, newest first as Pelican lists them, and the context their links resolve in."""

    def __init__(self, tmp_path, words_per_minute=100):
        self.settings = {
            **DEFAULT_CONFIG,
            "PATH": "/site/content",
            "SITEURL": SITEURL,
            "CACHE_PATH": str(tmp_path),
            "CACHE_CONTENT": True,
            "LOAD_CONTENT_CACHE": True,
            "ARTICLE_EXTRAS": {"words_per_minute": words_per_minute, "related_count": 2},
        }
        self.context = {"generated_content": {}, "static_content": {}, "localsiteurl": SITEURL}
        self.articles = []
        image = Static(
            "", {"title": "a.png"}, self.settings, "/site/content/images/a.png", self.context
        )
        self.context["static_content"]["images/a.png"] = image

    def add(self, name, body, day=1, tags=(), status="published") -> Article:
        metadata = {"title": name, "date": datetime(2026, 3, day), "status": status}
        article = Article(
            body,
            {**metadata, "tags": [Tag(t, {}) for t in tags]},
            self.settings,
            f"/site/content/{name}.md",
            self.context,
        )
        self.context["generated_content"][f"{name}.md"] = article
        if status == "published":
            self.articles.append(article)
        return article

    def attach(self) -> list[tuple[int, list[int]]]:
        generator = object.__new__(ArticlesGenerator)
        generator.settings = self.settings
        generator.articles = self.articles
        generator.context = self.context
        attach_extras([generator])
        return [
            (a.reading_minutes, [self.articles.index(r) for r in a.related_articles])
            for a in self.articles
        ]


@pytest.fixture
def site(tmp_path) -> Site:
    site = Site(tmp_path)
    site.add("four", "<p>" + "word " * 100 + "</p>", 4, ["outreach", "messages"])
    site.add("three", "<p>" + "word " * 500 + "</p>", 3, ["outreach"])
    site.add("two", "<p>" + "word " * 100 + "</p>", 2, ["messages"])
    site.add("one", "<p>" + "word " * 100 + "</p>", 1, ["layoffs"])
    return site


def test_a_warm_build_with_nothing_changed_gives_the_same_extras(tmp_path, site):
    first = site.attach()
    assert first == [(1, [1, 2]), (5, [0]), (1, [0]), (1, [])]
    assert (tmp_path / "article_extras.pickle").is_file()
    assert site.attach() == first


def test_an_edited_body_is_timed_again(tmp_path, site):
    site.attach()
    site.articles[1]._content = "<p>" + "word " * 900 + "</p>"
    assert site.attach()[1] == (9, [0])


def test_edited_tags_are_ranked_again(tmp_path, site):
    site.attach()
    site.articles[3].tags = [Tag("outreach", {})]
    assert [related for _, related in site.attach()] == [[1, 2], [0, 3], [0], [0, 1]]


def test_an_edited_body_has_its_links_judged_again(tmp_path):
    site = Site(tmp_path, words_per_minute=1)
    site.add("x>y", "<p>target</p>", status="draft")
    article = site.add("body", '<p>word <a href="{filename}missing.md"> word</a></p>')
    site.attach()
    # Resolved, the value no longer holds the `>` that ends the tag early.
    article._content = '<p>word <a href="{filename}x>y.md"> word</a></p>'
    site.attach()
    assert article.reading_minutes == reading_minutes(article.content, 1) == 2


def test_plain_links_are_not_resolved_to_count_words(site, monkeypatch):
    site.add(
        "linking", '<p>see <a href="{filename}one.md">this</a><img src="{static}/images/a.png">'
    )

    def resolve(*_):
        raise AssertionError("links resolved")

    monkeypatch.setattr(Content, "_update_content", resolve)
    site.attach()


def test_an_attach_link_still_moves_the_file_it_links(site):
    # Reading a static file's URL pins it where it is: only reading a body
    # that links it may do that, in the order a clean build reads them.
    draft = site.add("draft", '<img src="{attach}images/a.png">', status="draft")
    site.attach()
    assert f'"{SITEURL}/drafts/images/a.png"' in draft.content
    assert site.context["static_content"]["images/a.png"].url == "drafts/images/a.png"


# Pieces of a body: words, tags, and links that resolving does or does not
# change the word count of (a value holding `>`, a tag that never closes
# around a value holding a space, an entity in a query, a `<pre>` block).
PIECES = [
    "word",
    "two words",
    "<p>",
    "</p>",
    "<pre>",
    "</pre>",
    "<PRE class='x'>",
    "<",
    ">",
    '<a href="{filename}one.md">',
    '<a href="{filename}one.md"',
    '<a href="{filename}my file.md">',
    '<a href="{filename}my file.md"',
    '<a href="{filename}x>y.md">',
    '<a href="{filename}missing.md">',
    '<a href="{filename}one.md?a=1&amp;b=2#top">',
    '<a href="{filename}my&#32;file.md?q=&gt; z">',
    '<img src="{static}/images/a.png">',
    "<a href='{static}/images/a.png#top' >",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=12), st.sampled_from(["", " ", "\n"]))
# Found only once HTML-unescaped, the value resolves to a URL holding `>`.
@example(["<p>", '<a href="{filename}my&#32;file.md?q=&gt; z">', "word"], " ")
# The tag is still open at a `<pre>` block, and nothing closes it after.
@example(['<a href="{filename}my file.md"', "<pre>", "word", "</pre>", "word"], " ")
def test_words_are_those_of_the_resolved_content(tmp_path_factory, pieces, separator):
    site = Site(tmp_path_factory.mktemp("cache"), words_per_minute=1)
    site.add("my file", "<p>target</p>", status="draft")
    site.add("x>y", "<p>target</p>", status="draft")
    site.add("one", "<p>target</p>")
    article = site.add("body", separator.join(pieces))
    site.attach()
    assert article.reading_minutes == reading_minutes(article.content, 1)
