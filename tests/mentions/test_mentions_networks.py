"""The table of networks: which URLs belong to which network, labels, profiles, post keys."""

import pytest
from mentions.networks import (
    NETWORKS,
    label,
    mastodon_status_id,
    network_for,
    post_key,
    profile_url,
)


@pytest.mark.parametrize(
    ("urls", "network"),
    [
        (("https://brid.gy/like/mastodon/@a@host.example/1/2",), "mastodon"),
        (("https://brid.gy/repost/bluesky/a.bsky.social/3kx/b",), "bluesky"),
        (("https://brid.gy/comment/tumblr/a/1/2",), "tumblr"),
        (("https://twitter.com/ada/status/1",), "twitter"),
        (("https://mobile.twitter.com/ada/status/1",), "twitter"),
        (("https://x.com/ada/status/1",), "twitter"),
        (("https://bsky.app/profile/ada.bsky.social/post/3kx",), "bluesky"),
        (("https://bsky.brid.gy/r/https://blog.example.org/",), "bluesky"),
        (("https://fed.brid.gy/r/https://blog.example.org/",), "mastodon"),
        (("https://social.example/@ada/110000000000000001",), "mastodon"),
        (("https://social.example/users/ada/statuses/1100",), "mastodon"),
        (("https://www.linkedin.com/feed/update/urn:li:activity:7100/",), "linkedin"),
        (("https://lnkd.in/abc",), "linkedin"),
        (("https://www.threads.net/@ada/post/C1x",), "threads"),
        (("https://www.threads.com/@ada/post/C1x",), "threads"),
        (("https://github.com/ada/notes/issues/1",), "github"),
        (("https://www.reddit.com/r/jobs/comments/1/x/",), "reddit"),
        (("https://blog.example.org/2026/01/post",), "web"),
        (("https://blog.example.org/@home",), "web"),
        # A host that only ends like a network's is not that network.
        (("https://fox.com/ada/status/1",), "web"),
        (("https://notgithub.com/ada",), "web"),
        ((None, "https://x.com/ada/status/1"), "twitter"),
        (("https://blog.example.org/a", "https://x.com/ada/status/1"), "twitter"),
    ],
)
def test_the_network_is_derived_from_the_source(urls, network):
    assert network_for(*urls) == network


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("mastodon", "Mastodon"),
        ("github", "GitHub"),
        ("linkedin", "LinkedIn"),
        ("web", "the web"),
        ("tumblr", "Tumblr"),  # a silo the table does not know
    ],
)
def test_labels_come_from_the_table_or_the_name(name, expected):
    assert label(name) == expected


@pytest.mark.parametrize(
    ("handle", "network", "expected"),
    [
        ("@dana", "twitter", "https://twitter.com/dana"),
        ("@@dana", "twitter", "https://twitter.com/dana"),
        ("dana.bsky.social", "bluesky", "https://bsky.app/profile/dana.bsky.social"),
        ("@dana@Social.Example", "mastodon", "https://social.example/@dana"),
        ("@dana@social.example", "twitter", "https://social.example/@dana"),
        ("dana-s", "linkedin", "https://www.linkedin.com/in/dana-s"),
        ("@dana", "threads", "https://www.threads.net/@dana"),
        ("dana", "github", "https://github.com/dana"),
        ("@dana", "mastodon", None),  # no server: no profile
        ("@dana", "web", None),
        ("@dana", "tumblr", None),
        ("<script>", "twitter", None),
        ("dana@", "twitter", None),
    ],
)
def test_profile_links_follow_from_handles(handle, network, expected):
    assert profile_url(handle, network) == expected


def test_a_tweet_keeps_its_number_on_every_host():
    keys = {
        post_key("https://twitter.com/ada/status/1879000000000000101"),
        post_key("https://x.com/ada/status/1879000000000000101"),
        post_key("https://mobile.twitter.com/ada/statuses/1879000000000000101"),
    }
    assert keys == {"1879000000000000101"}


def test_other_posts_are_keyed_by_their_whole_url():
    """A status number is unique on one Twitter, not across servers or blogs."""
    keys = [
        post_key("https://one.example/users/ada/statuses/1100"),
        post_key("https://two.example/users/ada/statuses/1100"),
        post_key("https://blog.example.org/status/1100"),
    ]
    assert len(set(keys)) == 3
    assert all(len(key) == 16 and set(key) <= set("0123456789abcdef") for key in keys)
    assert post_key("https://blog.example.org/a") == post_key("https://blog.example.org/a")


def test_the_table_names_and_hosts_each_network_once():
    names = [network.name for network in NETWORKS]
    hosts = [host for network in NETWORKS for host in network.hosts]
    assert len(set(names)) == len(names)
    assert len(set(hosts)) == len(hosts)
    assert {"web", "mastodon", "bluesky", "twitter", "linkedin", "threads", "github"} <= set(names)


@pytest.mark.parametrize(
    ("path", "status_id"),
    [
        ("/@ada/110000000000000001", "110000000000000001"),
        ("/@ada/110000000000000001/", "110000000000000001"),
        ("/users/ada/statuses/1100", "1100"),
        ("/@ada", None),
        ("/@ada/110000000000000001/activity", None),
        ("/@ada/about", None),
        ("/@ada/١٢٣", None),  # Arabic-Indic digits are no status id
        ("/users/ada/statuses/", None),
    ],
)
def test_a_mastodon_status_is_named_by_either_path(path, status_id):
    """One rule for the mentions table and syndication's post URLs (syndication/posts.py)."""
    assert mastodon_status_id(path) == status_id
