"""Hostile reactions read straight from Bluesky and Mastodon, and how they reach a page.

fixtures/direct/hostile-*.json hold, in the documented shapes, script tags
in names and texts, javascript: and data: URLs, bidi and zero-width
characters, 10,000-character names and texts, impossible dates, a forged
author, ids that are not ids, numbers too long to read and blocked authors,
beside one good like each. What each must become is listed here.
"""

import json
import re
from pathlib import Path
from types import SimpleNamespace

import jinja2
import pytest
from bs4 import BeautifulSoup
from mentions import store
from mentions.summary import summarize

import pelicanconf
from tests.mentions.conftest import SLUG
from tests.mentions.fake_networks import load
from tests.mentions.faults import fail_rename
from tests.mentions.test_mentions_summary import display

THEME = Path(__file__).resolve().parents[2] / "theme" / "templates"
POST = "https://bsky.app/profile/did:plc:ownerreconnect4example/post/3lcpostreconn2"
QUARANTINED = [
    "bluesky:at://did:plc:date1example/app.bsky.feed.post/3lchostile004",  # "yesterday"
    "bluesky:at://did:plc:date2example/app.bsky.feed.post/3lchostile005",  # year 1
    "bluesky:at://did:plc:miraokafor2example/app.bsky.feed.post/3lchostile006",  # forged
    f"{POST} likes item 0",  # no DID
    f"{POST} likes item 2",  # a 31-digit number
    "mastodon:https://fedi.example/users/old/statuses/113000000000000204",  # year 1
    "{mastodon} replies item 4",  # no uri
    "{mastodon} favourited_by item 0",  # an id that is a path
    "{mastodon} favourited_by item 2",  # a 31-digit number
]
STORED_NAMES = {
    "<script>alert(1)</script>Eve",
    "Jay evil Name",
    "L" * 99 + "…",
    "Good Reader",
    "<script>alert(1)</script>Mallory",
    "Jay evil",
    "M" * 99 + "…",
    "Inês Duarte",
}
UNWANTED = re.compile("[\u200b-\u200f\u202a-\u202e\u2066-\u2069]")


@pytest.fixture
def hostile(posted, fake_appview, fake_mastodon):
    fake_appview.data = load("hostile-bluesky.json")
    fake_mastodon.data = load("hostile-mastodon.json")
    moderation = json.loads((posted.store / "_moderation.json").read_text())
    moderation["block_authors"] = ["https://bsky.app/profile/pills.bsky.example"]
    (posted.store / "_moderation.json").write_text(json.dumps(moderation))
    return posted


@pytest.fixture
def mastodon_post(fake_mastodon) -> str:
    return fake_mastodon.post_url


def test_each_record_is_stored_clean_blocked_or_quarantined_alone(hostile, run, mastodon_post):
    lines = run()
    quarantined = [line for line in lines if line.startswith("quarantined ")]
    shown = [
        line.removeprefix("quarantined ").split(": ")[0].replace(mastodon_post, "{mastodon}")
        for line in quarantined
    ]
    assert shown == QUARANTINED
    assert "dropped 4 blocked mention(s)" in lines
    rejected = json.loads((hostile.store / "_rejected.json").read_text())["rejected"]
    assert [r["origin"] for r in rejected] == ["bluesky"] * 5 + ["mastodon"] * 4
    mentions = store.load_article(hostile.store / f"{SLUG}.json")
    assert {m.author_name for m in mentions} == STORED_NAMES


def test_nothing_unsafe_is_stored(hostile, run):
    run()
    text = (hostile.store / f"{SLUG}.json").read_text(encoding="utf-8")
    assert "javascript:" not in text and "data:image" not in text
    assert "Cheap Pills" not in text and "spam.example" not in text
    for mention in store.load_article(hostile.store / f"{SLUG}.json"):
        assert not UNWANTED.search(mention.author_name + (mention.text or ""))
        assert len(mention.author_name) <= 100
        assert mention.text is None or len(mention.text) <= 2000
    mallory = next(
        m for m in store.load_article(hostile.store / f"{SLUG}.json") if "Mallory" in m.author_name
    )
    assert mallory.text == "Hi there"  # the script went with its content


def test_the_same_answers_again_change_nothing(hostile, run):
    run()
    before = hostile.snapshot()
    lines = run()
    assert hostile.snapshot() == before
    assert len([line for line in lines if line.startswith("quarantined ")]) == len(QUARANTINED)


def test_a_failed_write_leaves_store_and_quarantine_byte_identical(hostile, run, monkeypatch):
    before = hostile.snapshot()
    fail_rename(monkeypatch, lambda number, _path: number == 2)
    with pytest.raises(OSError):
        run()
    assert hostile.snapshot() == before


def test_the_partial_shows_them_by_network_escaped_and_without_outside_links(hostile, run):
    run()
    mentions = store.load_article(hostile.store / f"{SLUG}.json")
    summary = summarize(mentions, display())
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(THEME), **pelicanconf.JINJA_ENVIRONMENT
    )
    page = environment.get_template("partials/mentions.html").render(
        article=SimpleNamespace(mention_summary=summary),
        SITEURL="https://reconnect.example",
        DEFAULT_DATE_FORMAT=pelicanconf.DEFAULT_DATE_FORMAT,
    )
    soup = BeautifulSoup(page, "html.parser")
    assert soup.find("script") is None and soup.find("img") is None  # no photo fetched
    replies = [" ".join(li.get_text().split()) for li in soup.select("li.p-comment")]
    eve = next(r for r in replies if r.startswith("<script>alert(1)</script>Eve"))
    assert "on Bluesky" in eve and eve.endswith("<img src=x onerror=alert(1)> Nice post")
    mallory = next(r for r in replies if r.startswith("<script>alert(1)</script>Mallory"))
    assert "on Mastodon" in mallory and mallory.endswith("Hi there")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;Eve" in page
    for link in soup.find_all("a"):
        assert re.match(r"https?://", link["href"]), link["href"]  # the fake instance is http
        assert {"nofollow", "ugc"} <= set(link["rel"])
    rows = [" ".join(h.get_text().split()) for h in soup.select("h3.mention-row-title")]
    assert rows == ["2 likes"]
