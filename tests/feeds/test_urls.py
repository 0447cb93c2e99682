from pathlib import Path

import pytest
from feeds.urls import absolutize, absolutize_srcset

FIXTURES = Path(__file__).parent / "fixtures"
ARTICLE = "https://example.org/reconnect/"


def test_every_link_and_image_of_an_article_becomes_absolute_and_nothing_else_changes():
    source = (FIXTURES / "article.html").read_text(encoding="utf-8")
    expected = (FIXTURES / "article.absolute.html").read_text(encoding="utf-8")
    assert absolutize(source, ARTICLE) == expected


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ('<a href="/about/">a</a>', '<a href="https://example.org/about/">a</a>'),
        ('<img src="x.png" alt="">', '<img src="https://example.org/reconnect/x.png" alt="">'),
        ('<a href="../b/">b</a>', '<a href="https://example.org/b/">b</a>'),
        ('<a href=" /padded/ ">p</a>', '<a href="https://example.org/padded/">p</a>'),
        ('<a href="//cdn.example.net/x">x</a>', '<a href="https://cdn.example.net/x">x</a>'),
        ('<a href="tel:+15550100">t</a>', '<a href="tel:+15550100">t</a>'),
        ("text only, no tags", "text only, no tags"),
        ("lead text <b>bold</b> tail", "lead text <b>bold</b> tail"),
        ("", ""),
    ],
)
def test_single_cases(html, expected):
    assert absolutize(html, ARTICLE) == expected


def test_srcset_keeps_descriptors_and_resolves_each_candidate():
    assert absolutize_srcset("a.png 480w,b.png 800w, /c.png", ARTICLE) == (
        "https://example.org/reconnect/a.png 480w, "
        "https://example.org/reconnect/b.png 800w, https://example.org/c.png"
    )
