"""JF2 entries from webmention.io become clean Mentions, or are refused with a named field."""

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from mentions.model import shorten
from mentions.normalize import clean_url, from_jf2

ENTRIES = {
    e["wm-id"]: e
    for e in json.loads((Path(__file__).parent / "fixtures/api/entries.json").read_text())
}


def normalise(wm_id: int, **changes):
    entry = {**ENTRIES[wm_id], **changes}
    return from_jf2(entry, "entry", max_text=2000)


def test_a_reply_via_bridgy_keeps_its_post_url_text_and_network():
    mention = normalise(101).mention
    assert mention.id == "wmio:101"
    assert (mention.kind, mention.network, mention.origin) == ("reply", "mastodon", "webmention.io")
    assert mention.source_url.startswith("https://brid.gy/comment/mastodon/")
    assert mention.url == "https://mastodon.example/@amara/1001"
    assert mention.text == "It wasn't too late. Thank you."
    assert mention.published == datetime(2026, 1, 14, 11, 20, tzinfo=UTC)
    assert mention.received == datetime(2026, 1, 14, 11, 51, 7, tzinfo=UTC)


def test_a_like_without_a_date_is_dated_when_received_and_has_no_text():
    mention = normalise(102, content={"text": "liked this"}).mention
    assert mention.kind == "like"
    assert mention.published == mention.received
    assert mention.published.tzinfo is not None
    assert mention.text is None


def test_a_date_without_offset_is_taken_as_utc():
    assert normalise(108).mention.published == datetime(2026, 2, 12, 10, 0, tzinfo=UTC)


def test_an_unknown_relation_is_kept_as_a_mention_and_an_rsvp_is_not_kept():
    assert normalise(108).mention.kind == "mention"
    assert normalise(107).mention is None


def test_private_mentions_are_flagged():
    assert normalise(106).private is True
    assert normalise(101).private is False


def test_html_only_content_becomes_plain_text_without_script():
    assert normalise(113).mention.text == "Kept text & more"


def test_non_http_author_links_and_photos_are_dropped():
    mention = normalise(113).mention
    assert mention.author_url is None
    assert mention.author_photo is None


def test_control_characters_and_runs_of_space_are_removed_from_names_and_text():
    mention = normalise(
        105,
        author={"name": "Dana\u202e\x00 \n Okonjo", "url": None, "photo": None},
        content={"text": "  two\n\n lines\u200b here  "},
    ).mention
    assert mention.author_name == "Dana Okonjo"
    assert mention.text == "two lines here"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"wm-id": "105"}, "wm-id"),
        ({"wm-source": "javascript:alert(1)"}, "wm-source"),
        ({"wm-target": None}, "wm-target"),
        ({"wm-received": "yesterday"}, "wm-received"),
        ({"published": 12}, "published"),
        ({"wm-private": "no"}, "wm-private"),
        ({"author": "Dana"}, "author"),
    ],
)
def test_a_malformed_entry_is_refused_naming_the_field(change, field):
    with pytest.raises(ValueError, match=rf"^entry.*\.{field}: "):
        normalise(105, **change)


@pytest.mark.parametrize(
    "url",
    ["javascript:alert(1)", "JAVASCRIPT:alert(1)", "data:text/html,x", "//host/x", "https://", "x"],
)
def test_only_absolute_http_urls_are_kept(url):
    assert clean_url(url) is None


def test_long_text_is_cut_at_a_word_with_an_ellipsis():
    text = "word " * 100
    cut = shorten(text.strip(), 280)
    assert len(cut) <= 280
    assert cut.endswith("word…")
    assert shorten("short enough", 280) == "short enough"
