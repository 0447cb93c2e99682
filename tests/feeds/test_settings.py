import pytest
from feeds.settings import FeedSettings, feed_base, load_settings


def test_no_setting_gives_the_documented_defaults():
    assert load_settings(None) == FeedSettings(
        max_items=20,
        taxonomy_max_items=20,
        mentions_max_items=50,
        hub=None,
        dev_base="http://127.0.0.1:8000",
    )


def test_given_keys_override_the_defaults():
    settings = load_settings({"max_items": 5, "hub": "https://hub.example.org/"})
    assert (settings.max_items, settings.hub, settings.taxonomy_max_items) == (
        5,
        "https://hub.example.org/",
        20,
    )


@pytest.mark.parametrize(
    ("raw", "named"),
    [
        ({"max_item": 5}, "max_item"),
        ({"max_items": 0}, "max_items"),
        ({"taxonomy_max_items": "20"}, "taxonomy_max_items"),
        ({"mentions_max_items": True}, "mentions_max_items"),
        ({"hub": "hub.example.org"}, "hub"),
        ({"dev_base": "/"}, "dev_base"),
    ],
)
def test_a_bad_key_is_refused_with_its_name(raw, named):
    with pytest.raises(ValueError, match=named):
        load_settings(raw)


@pytest.mark.parametrize(
    ("siteurl", "expected"),
    [
        ("https://reconnect.example.org", "https://reconnect.example.org"),
        ("https://reconnect.example.org/", "https://reconnect.example.org"),
        ("", "http://127.0.0.1:8000"),
        ("/blog", "http://127.0.0.1:8000"),
    ],
)
def test_feeds_use_siteurl_when_absolute_else_the_dev_base(siteurl, expected):
    assert feed_base(siteurl, load_settings(None)) == expected


def test_the_dev_base_is_configurable():
    assert feed_base("", load_settings({"dev_base": "http://localhost:9000/"})) == (
        "http://localhost:9000"
    )
