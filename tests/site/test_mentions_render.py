"""Mentions on built pages: the demo site, a fixture store with hostile data, and mf2.

The demo checks use the real site (the `site` fixture). The hostile and
folding checks build the real content a second and third time with
MENTIONS["path"] pointing at tests/mentions/fixtures/site-store, under a
guard that refuses any non-loopback connection, and compare the two builds.
"""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import feedparser
import mf2py
import pytest
from bs4 import BeautifulSoup

from tests.feeds.feedchecks import html_elements, shown_text

ROOT = Path(__file__).resolve().parents[2]
DEMO_STORE = ROOT / "content" / "mentions"
FIXTURE_STORE = ROOT / "tests" / "mentions" / "fixtures" / "site-store"
DEMO_SLUGS = sorted(p.stem for p in DEMO_STORE.glob("[!_]*.json"))
REL = {"nofollow", "ugc"}


def text_of(element) -> str:
    return " ".join(element.get_text().split())


def mentions_section(soup: BeautifulSoup):
    section = soup.find("section", id="mentions")
    assert section is not None, "no mentions section"
    return section


# --- the demo site ------------------------------------------------------------------


def test_the_demo_site_shows_mentions_under_several_articles(site):
    assert len(DEMO_SLUGS) >= 3
    for slug in DEMO_SLUGS:
        soup = site.soup(f"/{slug}/")
        stored = len(json.loads((DEMO_STORE / f"{slug}.json").read_text())["mentions"])
        count = soup.select_one("header .mention-count a")
        assert count is not None and count["href"] == "#mentions", slug
        assert text_of(count) == f"{stored} mentions"
        mentions_section(soup)


def test_the_twitter_era_block_reads_like_the_old_trackback_sentence(site):
    section = mentions_section(site.soup("/reconnect-without-the-awkwardness/"))
    sentences = [text_of(p) for p in section.select("p.mention-sentence")]
    assert (
        "This post was mentioned on Twitter by Priya Raman, Jonah Whitfield, Carmen Oyelaran, "
        "Theo Marchetti, Wren Castellanos and 1 other. Ruth Adeyemi said: “Networking tip: "
        "reconnect with people you lost touch with. This is the kindest guide to it I've read.”"
    ) in sentences


def test_an_article_without_mentions_has_no_section_and_no_count(site):
    soup = site.soup("/asking-for-a-referral-without-using-people/")
    assert soup.find(id="mentions") is None
    assert soup.select_one(".mention-count") is None


def test_demo_avatars_are_local_files_and_outside_links_are_marked(site):
    images = 0
    for slug in DEMO_SLUGS:
        section = mentions_section(site.soup(f"/{slug}/"))
        for img in section.find_all("img"):
            assert img["src"].startswith(f"{site.siteurl}/images/avatars/")
            assert site.path_for(img["src"]).is_file()
            images += 1
        for link in section.find_all("a", href=True):
            if site.path_for(link["href"]) is None:
                assert set(link["rel"]) == REL, link
    assert images > 0


def test_mentions_parse_as_microformats(site):
    path = site.path_for("/reconnect-without-the-awkwardness/")
    parsed = mf2py.parse(doc=path.read_text(encoding="utf-8"), url=f"{site.siteurl}/")
    (entry,) = [i for i in parsed["items"] if "h-entry" in i["type"]]
    props = entry["properties"]
    assert len(props["comment"]) == 2
    assert len(props["like"]) == 8
    cites = [*props["comment"], *props["like"], *props["repost"], *entry.get("children", [])]
    assert all(c["type"] == ["h-cite"] for c in cites)
    for cite in cites:
        assert cite["properties"]["author"][0]["type"] == ["h-card"]
        assert cite["properties"]["author"][0]["properties"]["name"][0]
        assert cite["properties"]["url"][0].startswith("https://")
        assert re.match(r"\d{4}-\d\d-\d\dT", cite["properties"]["published"][0])
    reply = props["comment"][0]["properties"]
    assert reply["content"][0].startswith("I put off writing to my old team lead")
    assert reply["author"][0]["properties"]["url"] == ["https://mastodon.example/@amara"]


# --- a build with the fixture store (hostile data, folding) ---------------------------


def test_mention_data_is_never_published(site):
    assert not (site.output / "mentions").exists()
    for name in ("_moderation.json", "_aliases.json", f"{DEMO_SLUGS[0]}.json"):
        assert list(site.output.rglob(name)) == []


def build_with_store(output: Path, store: Path) -> str:
    """Build the real content offline with MENTIONS["path"] = `store`; return the log."""
    command = [
        sys.executable, str(ROOT / "tests" / "mentions" / "offline_pelican.py"),
        str(ROOT / "content"), "-o", str(output), "-s", str(ROOT / "publishconf.py"),
        "--fatal", "errors", "-e", 'SITEURL="http://127.0.0.1:8000"',
        f"MENTIONS={json.dumps({'path': str(store)})}",
        # No search index: Pagefind may reorder its filter lists between two runs, which
        # tests/site/test_search.py checks on its own; these builds compare every byte.
        'SEARCH={"enabled": false}',
    ]  # fmt: skip
    # Wide enough that Pelican's log lines are not wrapped.
    env = {**os.environ, "COLUMNS": "500"}
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout + result.stderr


@pytest.fixture(scope="module")
def fixture_builds(tmp_path_factory) -> tuple[Path, Path, str]:
    """Two builds with the fixture store, and the first one's log."""
    first = tmp_path_factory.mktemp("mentions-build") / "output"
    second = tmp_path_factory.mktemp("mentions-build") / "output"
    log = build_with_store(first, FIXTURE_STORE)
    build_with_store(second, FIXTURE_STORE)
    return first, second, log


def _soup(output: Path, slug: str) -> BeautifulSoup:
    return BeautifulSoup((output / slug / "index.html").read_text(encoding="utf-8"), "html.parser")


def test_two_builds_are_byte_identical(fixture_builds):
    first, second, _ = fixture_builds
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    for name in files:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name


def test_duplicated_names_make_one_exact_sentence(fixture_builds):
    section = mentions_section(_soup(fixture_builds[0], "networking-after-a-layoff"))
    (sentence,) = section.select("p.mention-sentence")
    assert text_of(sentence) == (
        "This post was mentioned on Twitter by Ada Lovelace, Grace Hopper and Alan Turing. "
        "Alan Turing said: “Networking tip: reconnect with people you lost touch with …”"
    )


def test_ten_likes_fold_to_eight_and_a_count(fixture_builds):
    section = mentions_section(_soup(fixture_builds[0], "networking-after-a-layoff"))
    row = section.select_one("ul.mention-facepile")
    assert len(row.select("li.h-cite")) == 8
    assert text_of(row.select_one("li.mention-more")) == "+2 more"
    assert [a["title"] for a in row.select("abbr.initials")][:2] == ["Annie Easley", "Mary Jackson"]


def test_a_file_under_an_old_slug_follows_its_alias(fixture_builds):
    text = text_of(mentions_section(_soup(fixture_builds[0], "networking-after-a-layoff")))
    assert "Moved Reader" in text


def test_a_file_for_no_article_is_reported_and_shown_nowhere(fixture_builds):
    output, _, log = fixture_builds
    assert "an-article-that-does-not-exist.json: no article has the slug" in log
    for page in output.rglob("*.html"):
        assert "Orphan Reader" not in page.read_text(encoding="utf-8")


def test_hidden_and_blocked_mentions_are_not_shown(fixture_builds):
    text = text_of(mentions_section(_soup(fixture_builds[0], "networking-after-a-layoff")))
    assert "Katherine Johnson" in text
    assert "Hidden Person" not in text and "Blocked Person" not in text


def test_hostile_mentions_reach_the_page_as_text_only(fixture_builds):
    soup = _soup(fixture_builds[0], "weak-ties-and-where-jobs-come-from")
    section = mentions_section(soup)
    assert section.find_all(["script", "svg", "b", "iframe"]) == []
    for element in soup.find_all(True):
        assert not [a for a in element.attrs if a.lower().startswith("on")], element
        for attribute in ("href", "src"):
            value = "".join(str(element.get(attribute, "")).split()).lower()
            assert not value.startswith(("javascript:", "data:")), element
    for script in soup.find_all("script"):
        assert script.get("type") == "application/ld+json"
    text = section.get_text()
    for hostile in (
        "<img src=x onerror=alert(1)>",
        '<script>alert("xss")</script> and {{ 7*7 }}',
        '"><svg onload=alert(1)>',
        "</p><script>alert(4)</script>",
        '<a href="javascript:alert(8)" onclick="alert(9)">link</a>',
    ):
        assert hostile in text
    assert "49" not in text


def test_hostile_urls_stay_inside_their_attribute(fixture_builds):
    section = mentions_section(_soup(fixture_builds[0], "weak-ties-and-where-jobs-come-from"))
    hrefs = {a["href"] for a in section.find_all("a", href=True)}
    # The store drops author links holding `"` or `<` (model.clean_mention), so only
    # http(s) URLs are linked; a quote of the other kind stays inside its attribute.
    assert hrefs == {
        "https://evil.example/reply/1",
        "https://evil.example/status/'onmouseover='alert(1)",
        "https://evil.example/'onfocus='alert(1)",
        "https://mallory.example/blog/1",
        "https://evil.example/like/1",
    }
    for link in section.find_all("a", href=True):
        assert set(link["rel"]) == REL
    assert section.find_all("img") == []


@pytest.mark.parametrize("name", ["mentions.rss.xml", "mentions.atom.xml"])
def test_hostile_mentions_reach_feed_readers_as_text_only(fixture_builds, name):
    stored = json.loads((FIXTURE_STORE / "weak-ties-and-where-jobs-come-from.json").read_text())
    names = {m["author_name"] for m in stored["mentions"]}
    parsed = feedparser.parse((fixture_builds[0] / "feeds" / name).read_bytes())
    assert not parsed.bozo
    shown = {}
    for entry in parsed.entries:
        if "weak-ties" in entry.id:
            if entry.title_detail.type == "text/html":
                assert html_elements(entry.title) == [], entry.title
            for html in (entry.summary, entry.content[0].value):
                assert set(html_elements(html)) <= {"p", "a", "blockquote"}, html
            shown[entry.author] = shown_text(entry.title_detail)
    assert set(shown) == names
    for author, title in shown.items():
        assert title.startswith(f"{author} ")
