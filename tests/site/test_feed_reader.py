"""A real, independent feed reader (newsboat, from Debian) subscribes to the served feeds.

newsboat stores what it fetched in an SQLite cache without resolving relative
links, so reading that cache shows exactly what a reader's user would get.
It runs non-interactively with a throwaway config, cache and HOME.
"""

import json
import os
import shutil
import sqlite3
import subprocess
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from html import escape
from urllib.parse import urlsplit

import lxml.html
import pytest
from feeds.build import build_atom, build_rss
from feeds.mention_entries import mention_entry
from feeds.model import FeedInfo, newest_first

from tests.conftest import ROOT
from tests.feeds.feedchecks import html_elements, html_urls, read_feed
from tests.feeds.samples import mention

NEWSBOAT = shutil.which("newsboat")
# libcurl honours proxy variables; the feed is on 127.0.0.1 and must be fetched directly.
_PROXY_VARIABLES = {"http_proxy", "https_proxy", "all_proxy", "HTTP_PROXY", "HTTPS_PROXY",
                    "ALL_PROXY"}  # fmt: skip


def _newsboat(tmp_path, feed_url: str) -> list[sqlite3.Row]:
    if NEWSBOAT is None:
        pytest.fail("newsboat not found: `make test` installs it (apt-get install newsboat)")
    (tmp_path / "urls").write_text(feed_url + "\n", encoding="utf-8")
    (tmp_path / "config").write_text("", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in _PROXY_VARIABLES}
    env.update(HOME=str(tmp_path), XDG_CONFIG_HOME=str(tmp_path), XDG_DATA_HOME=str(tmp_path),
               NO_PROXY="*", no_proxy="*")  # fmt: skip
    command = [NEWSBOAT, "-u", str(tmp_path / "urls"), "-c", str(tmp_path / "cache.db"),
               "-C", str(tmp_path / "config"), "-x", "reload", "print-unread"]  # fmt: skip
    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    with sqlite3.connect(tmp_path / "cache.db") as cache:
        cache.row_factory = sqlite3.Row
        rows = cache.execute("SELECT * FROM rss_item ORDER BY pubDate DESC").fetchall()
    assert result.stdout.strip() == f"{len(rows)} unread articles"
    return rows


def _epoch(value: str, rss: bool) -> int:
    """Seconds since 1970 of an RSS (RFC 822) or Atom (RFC 3339) date."""
    moment = parsedate_to_datetime(value) if rss else datetime.fromisoformat(value)
    return int(moment.timestamp())


@pytest.mark.parametrize("name", ["all.rss.xml", "all.atom.xml"])
def test_newsboat_shows_every_item_whole_with_author_date_and_absolute_links(site, tmp_path, name):
    feed_url = f"{site.siteurl}/feeds/{name}"
    expected = read_feed((site.output / "feeds" / name).read_bytes()).entries
    rows = _newsboat(tmp_path, feed_url)
    assert [row["url"] for row in rows] == [entry.link for entry in expected]
    for row, entry in zip(rows, expected, strict=True):
        assert row["feedurl"] == feed_url
        assert row["guid"] == entry.id
        assert row["author"] == ", ".join(entry.authors) and row["author"]
        assert row["pubDate"] == _epoch(entry.published, rss=name.endswith(".rss.xml"))
        assert row["content"] == entry.content_html, f"{row['url']}: not the full article"
        links = html_urls(row["content"])
        assert links, row["url"]
        relative = [url for url in links if not urlsplit(url).scheme]
        assert not relative, f"{row['url']}: {relative}"


HOSTILE = json.loads((ROOT / "tests/feeds/fixtures/hostile-names.json").read_text())["names"]
ARTICLE = "https://reconnect.example/the-honest-catch-up-message/"
TITLE = "The honest catch-up message"
SOURCE = "https://social.example/@someone/{n}"


def _hostile_feed(suffix: str) -> bytes:
    """A mentions feed where every author's name and reply text is one hostile string."""
    mentions = [
        mention(n, source_url=SOURCE.format(n=n), author_name=name, text=name)
        for n, name in enumerate(HOSTILE)
    ]
    entries = newest_first([mention_entry(m, ARTICLE, TITLE, UTC) for m in mentions], 50)
    feed_url = f"https://reconnect.example/feeds/mentions{suffix}"
    info = FeedInfo("Mentions", "Mentions", "en", ARTICLE, feed_url, entries[0].updated)
    return (build_rss if suffix == ".rss.xml" else build_atom)(info, entries)


@pytest.mark.parametrize("suffix", [".rss.xml", ".atom.xml"])
def test_newsboat_shows_hostile_names_and_texts_as_characters_never_as_markup(
    tmp_path, httpserver, suffix
):
    httpserver.expect_request(f"/mentions{suffix}").respond_with_data(
        _hostile_feed(suffix), content_type="application/xml"
    )
    rows = _newsboat(tmp_path, httpserver.url_for(f"/mentions{suffix}"))
    assert len(rows) == len(HOSTILE)
    for row, name in zip(rows, reversed(HOSTILE), strict=True):
        title = f"{name} replied to “{TITLE}”"
        # newsboat prints an RSS title as it stands, entities included (its
        # issue #202): escaped text shows as "&lt;b&gt;", never as a <b>.
        assert row["title"] == (escape(title, quote=False) if suffix == ".rss.xml" else title)
        assert row["author"] == name
        # The article view renders content as HTML: only our own elements
        # and links, the hostile string as text.
        assert set(html_elements(row["content"])) <= {"p", "a", "blockquote"}
        assert set(html_urls(row["content"])) == {ARTICLE, row["url"]}
        assert row["url"].startswith("https://social.example/@someone/")
        text = lxml.html.fragment_fromstring(row["content"], create_parent="div").text_content()
        assert text == f"{name} replied to {TITLE}. See the original post.{name}"
