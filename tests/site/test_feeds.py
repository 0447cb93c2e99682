"""The real feeds of the built site, read from the files (feedparser fetching a URL
would silently repair relative links) with the checks proven live in
tests/feeds/test_checks.py."""

import re
import urllib.request
from datetime import datetime
from html import escape
from pathlib import Path
from zoneinfo import ZoneInfo

import feedparser
import lxml.html
from bs4 import BeautifulSoup
from lxml import etree

from pelicanconf import FEEDS, TIMEZONE
from tests.conftest import build_site
from tests.feeds.feedchecks import FeedFile, read_feed, run_checks
from tests.site.test_site import PUBLISHED

ZONE = ZoneInfo(TIMEZONE)
SITE_WIDE = {"application/rss+xml", "application/atom+xml", "application/feed+json"}


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def _tags(header: dict) -> list[str]:
    return [tag.strip() for tag in header["tags"].split(",")]


def _taxonomies(header: dict) -> list[tuple[str, str]]:
    return [("category", header["category"]), *(("tag", tag) for tag in _tags(header))]


def _feed_paths(site) -> list[Path]:
    # The publish build also writes .gz and .br copies of each feed (publish_assets).
    return sorted(
        path
        for path in (site.output / "feeds").rglob("*")
        if path.is_file() and path.suffix not in (".gz", ".br")
    )


def _feed_file(site, path: Path) -> FeedFile:
    relative = path.relative_to(site.output).as_posix()
    home = f"{site.siteurl}/"
    folder = relative.split("/")[1]
    if folder in ("category", "tag"):
        home = f"{site.siteurl}/{folder}/{path.name.split('.')[0]}/"
    return FeedFile(path.read_bytes(), f"{site.siteurl}/{relative}", home, site.siteurl,
                    site.output, ZONE)  # fmt: skip


def _read(site, relative: str):
    return read_feed((site.output / relative).read_bytes())


def test_the_site_has_exactly_our_feed_files_and_no_builtin_ones(site):
    categories = {_slug(h["category"]) for h in PUBLISHED}
    tags = {_slug(t) for h in PUBLISHED for t in _tags(h)}
    expected = {"all.rss.xml", "all.atom.xml", "all.json", "mentions.rss.xml", "mentions.atom.xml"}
    for folder, slugs in (("category", categories), ("tag", tags)):
        expected |= {f"{folder}/{slug}{ext}" for slug in slugs for ext in (".rss.xml", ".atom.xml")}
    found = {path.relative_to(site.output / "feeds").as_posix() for path in _feed_paths(site)}
    assert found == expected
    elsewhere = [
        path
        for path in site.output.rglob("*")
        if path.name.endswith((".atom", ".rss", ".atom.xml", ".rss.xml"))
        and (site.output / "feeds") not in path.parents
    ]
    assert not elsewhere
    # Pelican's own writer (feedgenerator) would have left no feedgen signature.
    for path in _feed_paths(site):
        if path.suffix == ".xml":
            assert b"python-feedgen</generator>" in path.read_bytes(), path


def test_every_feed_passes_every_check(site):
    failures = []
    for path in _feed_paths(site):
        try:
            run_checks(_feed_file(site, path))
        except AssertionError as error:
            failures.append(f"{path.relative_to(site.output)}: {error}")
    assert not failures, "\n".join(failures)


def test_feedparser_reads_rss_as_rss_2_and_atom_as_atom_1(site):
    for path in _feed_paths(site):
        if path.suffix == ".xml":
            expected = "rss20" if path.name.endswith(".rss.xml") else "atom10"
            assert feedparser.parse(path.read_bytes()).version == expected, path


def test_each_feed_lists_its_articles_up_to_its_limit(site):
    newest = sorted(PUBLISHED, key=lambda h: h["date"], reverse=True)
    site_urls = [f"{site.siteurl}/{h['slug']}/" for h in newest[: FEEDS["max_items"]]]
    for name in ("all.rss.xml", "all.atom.xml", "all.json"):
        assert [e.link for e in _read(site, f"feeds/{name}").entries] == site_urls, name
    for header in PUBLISHED:
        for folder, name in [("category", header["category"])] + [
            ("tag", t) for t in _tags(header)
        ]:
            members = [h for h in newest if name == h["category"] or name in _tags(h)]
            expected = [f"{site.siteurl}/{h['slug']}/" for h in members]
            for ext in (".rss.xml", ".atom.xml"):
                feed = _read(site, f"feeds/{folder}/{_slug(name)}{ext}")
                assert [e.link for e in feed.entries] == expected[: FEEDS["taxonomy_max_items"]]


def test_an_article_has_the_same_id_in_every_feed_its_canonical_url(site):
    ids = {}
    for path in _feed_paths(site):
        if not path.name.startswith("mentions."):
            for entry in read_feed(path.read_bytes()).entries:
                ids.setdefault(entry.link, set()).add(entry.id)
    assert set(ids) == {f"{site.siteurl}/{h['slug']}/" for h in PUBLISHED}
    for link, found in ids.items():
        canonical = site.soup(link).find("link", rel="canonical")["href"]
        assert found == {canonical}, link


def test_entries_carry_category_tags_author_and_dates_in_site_time(site):
    by_link = {f"{site.siteurl}/{h['slug']}/": h for h in PUBLISHED}
    for name in ("all.atom.xml", "all.json"):
        for entry in _read(site, f"feeds/{name}").entries:
            header = by_link[entry.link]
            assert entry.categories == [header["category"], *_tags(header)]
            assert entry.authors == [header["author"]]
            published = datetime.fromisoformat(header["date"]).replace(tzinfo=ZONE)
            updated = datetime.fromisoformat(header.get("modified", header["date"]))
            assert datetime.fromisoformat(entry.published) == published
            assert datetime.fromisoformat(entry.updated) == updated.replace(tzinfo=ZONE)
    rss_creators = {e.link: e.authors for e in _read(site, "feeds/all.rss.xml").entries}
    assert rss_creators == {link: [h["author"]] for link, h in by_link.items()}


def test_each_entry_holds_the_whole_article(site):
    for entry in _read(site, "feeds/all.rss.xml").entries:
        page = site.soup(entry.link).select_one(".e-content").get_text()
        text = lxml.html.fragment_fromstring(entry.content_html, create_parent="div")
        assert text.text_content().split() == page.split(), entry.link


def test_titles_are_the_article_headings_as_plain_text(site):
    for name in ("all.rss.xml", "all.atom.xml"):
        root = etree.fromstring((site.output / "feeds" / name).read_bytes())
        for title, link in zip(
            root.xpath("//*[local-name()='item' or local-name()='entry']/*[local-name()='title']"),
            (e.link for e in _read(site, f"feeds/{name}").entries),
            strict=True,
        ):
            heading = site.soup(link).select_one("h1.p-name").get_text(strip=True)
            if name.endswith(".rss.xml"):
                # Readers take an RSS title as HTML, so plain text goes in escaped.
                assert title.text == escape(heading, quote=False)
            else:
                assert title.get("type") == "text"
                assert title.text == heading


def test_the_mentions_feed_points_each_mention_at_its_article(site):
    article_urls = {f"{site.siteurl}/{h['slug']}/" for h in PUBLISHED}
    for name in ("mentions.rss.xml", "mentions.atom.xml"):
        feed = _read(site, f"feeds/{name}")
        assert feed.entries, "the demo content has mentions"
        for entry in feed.entries:
            assert entry.id.split("#")[0] in article_urls
            assert entry.id.split("#")[0] in entry.content_html


def test_two_builds_give_byte_identical_feeds(site, tmp_path):
    again = tmp_path / "output"
    build_site(again, site.siteurl)
    first = {p.relative_to(site.output): p.read_bytes() for p in _feed_paths(site)}
    second = {
        p.relative_to(again): p.read_bytes()
        for p in sorted((again / "feeds").rglob("*.*"))
        if p.suffix not in (".gz", ".br")
    }
    assert second.keys() == first.keys()
    changed = [str(name) for name in first if first[name] != second[name]]
    assert not changed


def _alternates(soup: BeautifulSoup) -> list[tuple[str, str]]:
    return [(link["type"], link["href"]) for link in soup.find_all("link", rel="alternate")]


def test_every_page_announces_the_site_feeds_once(site):
    expected = {
        ("application/rss+xml", f"{site.siteurl}/feeds/all.rss.xml"),
        ("application/atom+xml", f"{site.siteurl}/feeds/all.atom.xml"),
        ("application/feed+json", f"{site.siteurl}/feeds/all.json"),
    }
    for html in site.html_files():
        alternates = _alternates(site.soup("/" + html.relative_to(site.output).as_posix()))
        assert len(alternates) == len(set(alternates)), html
        assert {a for a in alternates if "/feeds/all." in a[1]} == expected, html


def test_category_and_tag_pages_add_their_own_feeds(site):
    for header in PUBLISHED[:3]:
        for folder, name in _taxonomies(header)[:2]:
            slug = _slug(name)
            alternates = set(_alternates(site.soup(f"/{folder}/{slug}/")))
            assert {
                ("application/rss+xml", f"{site.siteurl}/feeds/{folder}/{slug}.rss.xml"),
                ("application/atom+xml", f"{site.siteurl}/feeds/{folder}/{slug}.atom.xml"),
            } < alternates
    article_feeds = _alternates(site.soup(f"/{PUBLISHED[0]['slug']}/"))
    assert sorted(type_ for type_, _ in article_feeds) == sorted(SITE_WIDE)


def test_a_reader_given_the_home_page_finds_and_reads_the_feeds(site):
    """Autodiscovery over HTTP, the way a reader subscribes from a pasted address."""
    with urllib.request.urlopen(f"{site.siteurl}/") as response:
        home = BeautifulSoup(response.read(), "html.parser")
    found = {}
    for link in home.find_all("link", rel="alternate"):
        with urllib.request.urlopen(link["href"]) as response:
            found[link["type"]] = response.read()
    assert found.keys() == SITE_WIDE
    for type_ in ("application/rss+xml", "application/atom+xml"):
        parsed = feedparser.parse(found[type_])
        assert not parsed.bozo and len(parsed.entries) == len(PUBLISHED)


def test_a_visible_subscribe_link_leads_to_a_page_listing_every_feed(site):
    nav = site.soup("/").select_one("nav.site-nav")
    link = nav.find("a", string="Subscribe")
    assert link is not None and link["href"] == f"{site.siteurl}/subscribe/"
    listed = {a["href"] for a in site.soup("/subscribe/").select("main a[href]")}
    for path in _feed_paths(site):
        assert f"{site.siteurl}/{path.relative_to(site.output).as_posix()}" in listed, path
