"""Which links of an article page are notified, and what counts as an edit."""

import re
from pathlib import Path

import pytest
from linkbacks.links import is_external, plain_text, read_article, trackback_urls
from linkbacks.settings import DEFAULT_IGNORE

FIXTURES = Path(__file__).parent / "fixtures" / "articles"
BASE = "https://posts.example"
SITEURL = "https://reconnect.example"
SOURCE = f"{SITEURL}/keep-in-touch-on-a-schedule/"
IGNORE = [re.compile(p) for p in DEFAULT_IGNORE]


def page(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8").replace("{base}", BASE)


def test_only_external_links_of_the_article_body_count():
    """Not navigation, footer, own site, mailto, code, ignored files or repeats."""
    body = read_article(page("first.html"), SOURCE, SITEURL, IGNORE)
    assert body.links == (f"{BASE}/post-a", f"{BASE}/post-b")


def test_ignore_patterns_drop_matching_links():
    ignore = [*IGNORE, re.compile(r"/post-b$")]
    assert read_article(page("first.html"), SOURCE, SITEURL, ignore).links == (f"{BASE}/post-a",)


def test_without_ignore_patterns_files_are_links_too():
    assert f"{BASE}/calendar.pdf" in read_article(page("first.html"), SOURCE, SITEURL, []).links


def test_relative_links_resolve_against_the_article_url():
    html = (
        '<article class="h-entry"><div class="e-content">'
        '<a href="//posts.example/x">x</a></div></article>'
    )
    assert read_article(html, SOURCE, SITEURL, []).links == ("https://posts.example/x",)


def test_mistyped_links_are_skipped_and_the_others_kept():
    """One unparsable href must not stop the run for every article."""
    body = read_article(page("mistyped-links.html"), SOURCE, SITEURL, IGNORE)
    assert body.links == (f"{BASE}/post-a",)


def test_editing_the_body_changes_the_hash_but_page_chrome_does_not():
    first = read_article(page("first.html"), SOURCE, SITEURL, IGNORE)
    edited = read_article(page("edited.html"), SOURCE, SITEURL, IGNORE)
    rechromed = page("first.html").replace("Not in the article body", "New menu")
    assert first.content_hash != edited.content_hash
    assert read_article(rechromed, SOURCE, SITEURL, IGNORE).content_hash == first.content_hash


def test_a_page_without_an_entry_body_is_an_error():
    with pytest.raises(ValueError, match="e-content"):
        read_article(page("no-entry.html"), SOURCE, SITEURL, IGNORE)


@pytest.mark.parametrize(
    ("url", "external"),
    [
        ("https://posts.example/a", True),
        ("https://reconnect.example/about/", False),
        ("http://reconnect.example/about/", False),
        ("https://RECONNECT.example:443/", False),
        ("https://reconnect.example:8443/", True),
        ("mailto:hello@reconnect.example", False),
        ("ftp://posts.example/file", False),
        ("javascript:alert(1)", False),
    ],
)
def test_is_external(url, external):
    assert is_external(url, SITEURL) is external


def test_trackback_urls_accept_spaces_and_commas():
    assert trackback_urls(
        "https://a.example/tb/1, https://b.example/tb/2 https://a.example/tb/1"
    ) == (
        "https://a.example/tb/1",
        "https://b.example/tb/2",
    )
    assert trackback_urls("") == ()


def test_a_trackback_that_is_not_a_web_url_is_an_error():
    with pytest.raises(ValueError, match="'/tb/1' is not an absolute http"):
        trackback_urls("/tb/1")


def test_plain_text_strips_markup_and_cuts_at_a_word():
    assert (
        plain_text("<p>A <em>small</em>, regular note &amp; more</p>")
        == "A small, regular note & more"
    )
    assert plain_text("<p>one two three four</p>", limit=12) == "one two…"
