"""Post texts: counted as each network counts, cut to fit without ever losing the URL."""

import json
from pathlib import Path

import pytest
from syndication.settings import TEXT_TEMPLATE
from syndication.text import (
    BLUESKY,
    MASTODON,
    Limit,
    bluesky_length,
    mastodon_length,
    post_text,
)

DATA = json.loads((Path(__file__).parent / "fixtures" / "texts.json").read_text(encoding="utf-8"))
URL = "https://reconnect.example/weak-ties/"


@pytest.mark.parametrize(("case", "text", "bluesky", "mastodon"), DATA["lengths"])
def test_lengths_are_counted_as_each_network_counts(case, text, bluesky, mastodon):
    assert (bluesky_length(text), mastodon_length(text)) == (bluesky, mastodon), case


def test_a_text_that_fits_is_the_template_filled_in():
    text = post_text(TEXT_TEMPLATE, title="Weak Ties", summary="Short.", url=URL, limit=BLUESKY)
    assert text == f"Weak Ties\n\nShort.\n\n{URL}"


def test_an_empty_summary_leaves_no_gap():
    text = post_text(TEXT_TEMPLATE, title="Weak Ties", summary="", url=URL, limit=BLUESKY)
    assert text == f"Weak Ties\n\n{URL}"


@pytest.mark.parametrize("limit", [BLUESKY, MASTODON], ids=["bluesky", "mastodon"])
@pytest.mark.parametrize("url", [URL, DATA["long_url"]], ids=["short-url", "long-url"])
def test_a_long_summary_is_cut_with_an_ellipsis_to_the_limit_and_no_further(limit, url):
    summary = DATA["long_summary"]
    text = post_text(TEXT_TEMPLATE, title="Weak Ties", summary=summary, url=url, limit=limit)
    title, kept, link = text.split("\n\n")
    assert (title, link) == ("Weak Ties", url)
    assert kept.endswith("…") and summary.startswith(kept[:-1])
    assert limit.length(text) <= limit.maximum
    # Cut at a word: the next word would not have fit.
    rest = summary[len(kept) - 1 :].lstrip()
    longer = f"{kept[:-1]} {rest.split(' ')[0]}…"
    assert limit.length(f"Weak Ties\n\n{longer}\n\n{url}") > limit.maximum


def test_mastodon_keeps_more_of_the_summary_than_its_long_url_would_suggest():
    summary, url = DATA["long_summary"], DATA["long_url"]
    text = post_text(TEXT_TEMPLATE, title="Weak Ties", summary=summary, url=url, limit=MASTODON)
    assert len(text) > MASTODON.maximum  # the URL counts 23, not its length
    assert mastodon_length(text) <= MASTODON.maximum


def test_the_title_is_cut_only_when_no_summary_fits():
    tiny = Limit(40, bluesky_length)
    text = post_text(
        TEXT_TEMPLATE, title="A Rather Long Title Indeed", summary="Gone.", url=URL, limit=tiny
    )
    assert text.endswith(f"\n\n{URL}")
    assert text.split("\n\n")[0].endswith("…")
    assert "Gone" not in text
    assert bluesky_length(text) <= 40


def test_a_url_that_cannot_fit_is_an_error_not_a_cut():
    with pytest.raises(ValueError, match="cannot hold the URL"):
        post_text(TEXT_TEMPLATE, title="T", summary="S", url=URL, limit=Limit(10, bluesky_length))


def test_bluesky_also_caps_bytes_which_long_emoji_sequences_reach_first():
    family = "👩\u200d👩\u200d👧\u200d👦"  # one grapheme, 25 bytes
    summary = family * 150
    text = post_text(TEXT_TEMPLATE, title="Families", summary=summary, url=URL, limit=BLUESKY)
    assert bluesky_length(text) < 300
    assert len(text.encode()) <= 3000 < len(f"Families\n\n{summary}\n\n{URL}".encode())
    assert text.endswith(f"…\n\n{URL}")
