"""Mentions feed entries from fake mention objects (the mentions plugin's seam)."""

import json
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import feedparser
import lxml.html
import pytest
from feeds.build import build_atom, build_rss
from feeds.mention_entries import MAX_QUOTE_BYTES, mention_entry, newest_entries
from feeds.model import last_update, newest_first
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree
from mentions.normalize import MAX_NAME_LENGTH

from tests.feeds.feedchecks import ATOM, FeedFile, html_elements, run_checks, shown_text
from tests.feeds.samples import SITEURL, ZONE, info, mention

ARTICLE = f"{SITEURL}/the-honest-catch-up-message/"
TITLE = "The honest catch-up message"


def _entry(**changes):
    return mention_entry(mention(**changes), ARTICLE, TITLE, ZONE)


def test_a_reply_reads_as_a_sentence_with_the_quote_and_both_links():
    entry = _entry()
    assert entry.title == "Ada Lovelace replied to “The honest catch-up message”"
    assert entry.url == "https://social.example/@ada/1001"
    assert entry.authors == ("Ada Lovelace",)
    assert entry.published.isoformat() == "2026-06-02T10:30:00-04:00"
    assert f'<a href="{ARTICLE}">{TITLE}</a>' in entry.content_html
    assert '<a href="https://social.example/@ada/1001">' in entry.content_html
    assert "<blockquote><p>This helped me write to my old manager.</p></blockquote>" in (
        entry.content_html
    )


def test_ids_are_stable_unique_and_never_an_article_id():
    first, again, other = _entry(), _entry(), _entry(id="wmio:1002")
    assert first.id == again.id == f"{ARTICLE}#mention-wmio%3A1001"
    assert other.id != first.id
    assert first.id != ARTICLE


@pytest.mark.parametrize(
    ("changes", "title"),
    [
        ({"kind": "like", "text": None}, "Ada Lovelace liked “The honest catch-up message”"),
        ({"kind": "repost"}, "Ada Lovelace reposted “The honest catch-up message”"),
        (
            {"kind": "mention", "author_name": None},
            "Someone mentioned “The honest catch-up message”",
        ),
    ],
)
def test_each_kind_has_its_own_wording(changes, title):
    assert _entry(**changes).title == title


def test_outside_text_comes_out_as_text_never_as_markup():
    entry = _entry(
        author_name="<img src=x onerror=alert(1)>",
        text="<script>alert(1)</script>",
        source_url="javascript:alert(1)",
    )
    root = etree.fromstring(build_atom(info(suffix=".atom.xml"), [entry]))
    content = root.findtext(f"{ATOM}entry/{ATOM}content")
    assert "<script>" not in content and "&lt;script&gt;" in content
    assert "<img" not in content
    assert "javascript:" not in content
    assert root.findtext(f"{ATOM}entry/{ATOM}link[@rel='alternate']") is None
    assert root.find(f"{ATOM}entry/{ATOM}link").get("href") == ARTICLE


@pytest.mark.parametrize(("suffix", "build"), [(".rss.xml", build_rss), (".atom.xml", build_atom)])
@pytest.mark.parametrize("count", [0, 2])
def test_the_mentions_feed_is_valid_with_or_without_mentions(suffix, build, count):
    mentions = [_entry(), _entry(id="wmio:1002", published=datetime(2026, 6, 3, tzinfo=UTC))]
    entries = newest_first(mentions[:count], 50)
    stem_info = info(stem="mentions", suffix=suffix)
    stem_info = replace(stem_info, updated=last_update(entries, stem_info.updated))
    data = build(stem_info, entries)
    run_checks(
        FeedFile(data, stem_info.feed_url, f"{SITEURL}/", SITEURL, zone=ZONE),
        skip=("links_resolve",),
    )
    assert len(feedparser.parse(data).entries) == count


HOSTILE = json.loads((Path(__file__).parent / "fixtures" / "hostile-names.json").read_text())[
    "names"
]
SOURCE = "https://social.example/@ada/1001"


def _parsed_entries(suffix: str, mentions) -> list:
    build = build_rss if suffix == ".rss.xml" else build_atom
    data = build(info(stem="mentions", suffix=suffix), [_entry(**m) for m in mentions])
    parsed = feedparser.parse(data)
    assert not parsed.bozo, parsed.bozo_exception
    return parsed.entries


@pytest.mark.parametrize("suffix", [".rss.xml", ".atom.xml"])
@pytest.mark.parametrize("name", HOSTILE)
def test_a_hostile_name_and_text_reach_a_reader_as_the_same_characters(suffix, name):
    (parsed,) = _parsed_entries(suffix, [{"author_name": name, "text": name}])
    assert shown_text(parsed.title_detail) == f"{name} replied to “{TITLE}”"
    if parsed.title_detail.type == "text/html":
        assert html_elements(parsed.title) == []
    assert parsed.author == name
    for html in (parsed.content[0].value, parsed.summary):
        assert set(html_elements(html)) <= {"p", "a", "blockquote"}, html
        wrapper = lxml.html.fragment_fromstring(html, create_parent="div")
        assert {a.get("href") for a in wrapper.iter("a")} <= {ARTICLE, SOURCE}
        assert name in wrapper.text_content()
    assert shown_text(parsed.content[0]).startswith(f"{name} replied to {TITLE}.")


@pytest.mark.parametrize("suffix", [".rss.xml", ".atom.xml"])
def test_a_nul_or_lone_surrogate_cannot_stop_the_feed_writer(suffix):
    (parsed,) = _parsed_entries(
        suffix,
        [
            {
                "id": "wmio:\ud800\x00",
                "author_name": "Ada\x00 \ud800Lovelace",
                "text": "Thanks\x00 for \udfffthis",
                "source_url": "https://social.example/\ud800",
            }
        ],
    )
    assert parsed.author == "Ada ?Lovelace"
    assert "Thanks for ?this" in parsed.summary


def test_quoted_text_is_cut_by_its_escaped_size_so_an_entry_stays_small():
    entry = _entry(text="&" * 2000, author_name="&" * 5000)
    quoted = entry.content_html.split("<blockquote>")[1]
    assert len(quoted.encode()) <= MAX_QUOTE_BYTES + len("<p></p></blockquote>")
    assert quoted.startswith("<p>&amp;&amp;") and "…</p>" in quoted
    assert entry.authors == ("&" * (MAX_NAME_LENGTH - 1) + "…",)
    assert len(build_rss(info(stem="mentions"), [entry])) < 15_000


OTHER = f"{SITEURL}/reconnecting-after-a-layoff/"


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.tuples(st.integers(1, 40), st.booleans(), st.integers(0, 5)), max_size=40),
    st.integers(1, 8),
)
def test_newest_entries_are_those_newest_first_picks_from_every_entry(drawn, limit):
    # Few distinct minutes, so many mentions tie at the cutoff.
    mentions = [
        (mention(number, published=datetime(2026, 6, 2, tzinfo=UTC) + timedelta(minutes=minute)),)
        + ((ARTICLE, TITLE) if first else (OTHER, "Reconnecting after a layoff"))
        for number, first, minute in {(n, f, m) for n, f, m in drawn}
    ]
    every = [mention_entry(m, url, title, ZONE) for m, url, title in mentions]
    if len({e.id for e in every}) < len(every):
        with pytest.raises(ValueError, match="share the id"):
            newest_entries(mentions, limit, ZONE)
    else:
        assert newest_entries(mentions, limit, ZONE) == newest_first(every, limit)


def test_two_old_mentions_sharing_an_entry_id_stop_the_build_though_not_listed():
    old = mention(1, published=datetime(2020, 1, 1, tzinfo=UTC))
    mentions = [(mention(1001), ARTICLE, TITLE), (old, ARTICLE, TITLE), (old, ARTICLE, TITLE)]
    with pytest.raises(ValueError, match=r"share the id\(s\): .*#mention-wmio%3A1$"):
        newest_entries(mentions, 1, ZONE)
