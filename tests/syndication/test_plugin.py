"""Build time: each article gets its posts from the store and its header, and never a broken one."""

import logging
from types import SimpleNamespace

from syndication.plugin import attach_posts

from tests.syndication.fakes import FIXTURES

STORED = "https://bsky.app/profile/reconnect.example/post/3lbqexisting22"
BY_HAND = "https://social.example/@reconnect/112233445566778899"


def build(tmp_path, store: bytes | None):
    directory = tmp_path / "content" / "mentions"
    directory.mkdir(parents=True)
    if store is not None:
        (directory / "_syndication.json").write_bytes(store)
    articles = [
        SimpleNamespace(slug="cafe-creme", metadata={"title": "x"}, source_path="cafe.md"),
        SimpleNamespace(slug="by-hand", metadata={"mastodon": BY_HAND}, source_path="by-hand.md"),
        SimpleNamespace(slug="nowhere", metadata={}, source_path="nowhere.md"),
    ]
    generator = SimpleNamespace(
        settings={"PATH": str(tmp_path / "content"), "MENTIONS": {"path": "mentions"}},
        articles=articles,
        translations=[],
    )
    attach_posts(generator)
    return {a.slug: a.syndication for a in articles}


def test_each_article_gets_its_stored_and_hand_named_posts_in_network_order(tmp_path):
    store = (FIXTURES / "store_before.json").read_bytes()
    assert build(tmp_path, store) == {
        "cafe-creme": [("Bluesky", STORED)],
        "by-hand": [("Mastodon", BY_HAND)],
        "nowhere": [],
    }


def test_without_a_store_only_headers_count(tmp_path):
    assert build(tmp_path, None)["cafe-creme"] == []


def test_a_broken_store_is_an_error_naming_the_file_and_shows_no_stored_post(tmp_path, caplog):
    with caplog.at_level(logging.ERROR):
        posts = build(tmp_path, b'{"posts": {"cafe-creme": {"bluesky": "https://x.example/"}}}')
    assert posts["cafe-creme"] == [] and posts["by-hand"] == [("Mastodon", BY_HAND)]
    assert "_syndication.json" in caplog.text and "cafe-creme" in caplog.text


def test_a_pending_post_shows_no_link_until_it_is_confirmed(tmp_path):
    posts = build(tmp_path, (FIXTURES / "store_pending.json").read_bytes())
    assert posts["cafe-creme"] == []  # pending in the store: it may not exist
