"""Post URLs from headers and the store: what each names, what is refused, the file's bytes."""

import json
from pathlib import Path

import pytest
from syndication.posts import (
    BlueskyPost,
    MastodonPost,
    article_posts,
    bluesky_url,
    header_posts,
    parse_pending,
    parse_post,
    parse_store,
    store_bytes,
)

URLS = json.loads((Path(__file__).parent / "fixtures" / "post_urls.json").read_text())


@pytest.mark.parametrize(("network", "url", "where", "post_id"), URLS["valid"])
def test_a_post_url_names_its_author_or_instance_and_id(network, url, where, post_id):
    post = parse_post(network, url)
    assert post.url == url
    if network == "bluesky":
        assert (post.actor, post.rkey) == (where, post_id)
        assert post.at_uri == f"at://{where}/app.bsky.feed.post/{post_id}"
    else:
        assert (post.origin, post.status_id) == (where, post_id)


@pytest.mark.parametrize(("network", "url"), URLS["invalid"])
def test_a_url_that_names_no_post_is_refused(network, url):
    with pytest.raises(ValueError):
        parse_post(network, url)


def test_a_header_wins_over_the_store_network_by_network():
    stored = parse_store(
        {
            "posts": {
                "honest-catch-up": {
                    "bluesky": bluesky_url("did:plc:abc", "3kaaaaaaaaaaa"),
                    "mastodon": "https://social.example/@reconnect/1",
                }
            }
        },
        "_syndication.json",
    )
    header = {"title": "x", "mastodon": "https://other.example/@me/2"}
    posts = article_posts(stored, "honest-catch-up", header)
    assert posts == {
        "bluesky": BlueskyPost(
            "https://bsky.app/profile/did:plc:abc/post/3kaaaaaaaaaaa",
            "did:plc:abc",
            "3kaaaaaaaaaaa",
        ),
        "mastodon": MastodonPost("https://other.example/@me/2", "https://other.example", "2"),
    }
    assert article_posts(stored, "another-article", {}) == {}


def test_a_bad_header_value_is_named_by_its_key():
    with pytest.raises(ValueError, match=r"^Bluesky: "):
        header_posts({"bluesky": "https://bsky.app/profile/x"})


@pytest.mark.parametrize(
    ("data", "where"),
    [
        ([], "_syndication.json"),
        ({"posts": {}, "extra": 1}, "_syndication.json"),
        ({"posts": []}, "_syndication.json.posts"),
        ({"posts": {"_state": {}}}, "_syndication.json.posts['_state']"),
        (
            {"posts": {"a": {"mastodon": "https://social.example/@x"}}},
            "_syndication.json.posts['a'].mastodon",
        ),
        (
            {"posts": {"a": {"myspace": "https://myspace.example/1"}}},
            "_syndication.json.posts['a'].myspace",
        ),
        ({"posts": {}, "pending": []}, "_syndication.json.pending"),
        (
            {"posts": {}, "pending": {"a": {"mastodon": "https://social.example/@r/1"}}},
            "_syndication.json.pending['a'].mastodon",
        ),
        (
            {"posts": {}, "pending": {"a": {"bluesky": "https://bsky.app/profile/x"}}},
            "_syndication.json.pending['a'].bluesky",
        ),
    ],
)
def test_a_bad_store_is_refused_naming_the_place(data, where):
    with pytest.raises(ValueError) as raised:
        parse_store(data, "_syndication.json")
    assert str(raised.value).startswith(where + ":")


def test_the_store_round_trips_in_canonical_order():
    data = {
        "posts": {
            "zeta": {
                "mastodon": "https://social.example/@r/2",
                "bluesky": bluesky_url("r.example", "3k"),
            },
            "alpha": {"mastodon": "https://social.example/@r/1"},
        }
    }
    written = store_bytes(parse_store(data, "s"))
    assert list(json.loads(written)["posts"]) == ["alpha", "zeta"]
    assert list(json.loads(written)["posts"]["zeta"]) == ["bluesky", "mastodon"]
    assert store_bytes(parse_store(json.loads(written), "s")) == written
    assert store_bytes({"empty": {}}) == store_bytes({})


def test_pending_posts_are_kept_apart_from_the_posts_that_exist():
    made = bluesky_url("did:plc:abc", "3kaaaaaaaaaaa")
    planned = bluesky_url("did:plc:abc", "3kbbbbbbbbbbb")
    data = {"posts": {"a": {"bluesky": made}}, "pending": {"b": {"bluesky": planned}}}
    posts, pending = parse_store(data, "s"), parse_pending(data, "s")
    assert {slug: {n: p.url for n, p in by.items()} for slug, by in posts.items()} == {
        "a": {"bluesky": made}
    }
    assert article_posts(posts, "b", {}) == {}  # a pending post is no post
    assert pending["b"]["bluesky"].rkey == "3kbbbbbbbbbbb"
    written = store_bytes(posts, pending)
    assert json.loads(written) == data
    assert parse_pending(json.loads(store_bytes(posts)), "s") == {}
    assert store_bytes(posts, {"b": {}}) == store_bytes(posts)  # no empty "pending" written
    assert b"pending" not in store_bytes(posts)
