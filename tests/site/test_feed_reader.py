"""A real, independent feed reader (newsboat, from Debian) subscribes to the served feeds.

newsboat stores what it fetched in an SQLite cache without resolving relative
links, so reading that cache shows exactly what a reader's user would get.
It runs non-interactively with a throwaway config, cache and HOME.
"""

import os
import shutil
import sqlite3
import subprocess
from datetime import datetime
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit

import pytest

from tests.feeds.feedchecks import html_urls, read_feed

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
