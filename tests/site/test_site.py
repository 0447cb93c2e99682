"""The real site, built once with publish settings, checked as a reader would see it."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import mf2py
import pytest

import pelicanconf
from tests.conftest import ROOT

ARTICLES = sorted((ROOT / "content" / "articles").glob("*.md"))


def _header(path: Path) -> dict[str, str]:
    header = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            break
        key, _, value = line.partition(":")
        header[key.strip().lower()] = value.strip()
    return header


PUBLISHED = [h for h in map(_header, ARTICLES) if h.get("status", "published") == "published"]
DRAFTS = [h for h in map(_header, ARTICLES) if h.get("status") == "draft"]


def test_the_site_has_its_articles_and_a_draft_to_hide():
    assert len(PUBLISHED) >= 12
    assert DRAFTS, "keep one draft in content/ so the draft check stays meaningful"


@pytest.mark.parametrize(
    "url", ["/", "/archives/", "/categories/", "/tags/", "/authors/", "/about/"]
)
def test_every_listing_page_exists_with_a_heading_and_links(site, url):
    soup = site.soup(url)
    assert soup.find("h1").get_text(strip=True)
    assert soup.select("main a[href]")


def test_404_page_exists_and_points_home(site):
    soup = site.soup("/404.html")
    assert "not found" in soup.find("h1").get_text().lower()
    assert soup.find("meta", attrs={"name": "robots", "content": "noindex"})


def test_home_page_lists_the_newest_articles_and_paginates(site):
    soup = site.soup("/")
    titles = [a.get_text(strip=True) for a in soup.select("main article h2 a")]
    newest = sorted(PUBLISHED, key=lambda h: h["date"], reverse=True)
    assert titles == [h["title"] for h in newest[: len(titles)]]
    next_page = soup.select_one('nav.pagination a[rel="next"]')
    assert next_page is not None
    assert site.path_for(next_page["href"]).is_file()


def test_archives_list_every_published_article_and_no_draft(site):
    text = site.soup("/archives/").get_text()
    for header in PUBLISHED:
        assert header["title"].replace("'", "’") in text or header["title"] in text
    for header in DRAFTS:
        assert header["title"] not in text


def test_drafts_are_not_published_anywhere(site):
    for header in DRAFTS:
        assert not (site.output / header["slug"]).exists()
        assert not (site.output / "drafts").exists()
        for html in site.html_files():
            assert f"/{header['slug']}/" not in html.read_text(encoding="utf-8"), html


@pytest.mark.parametrize("header", PUBLISHED, ids=lambda h: h["slug"])
def test_article_page_holds_what_a_reader_needs(site, header):
    url = f"/{header['slug']}/"
    soup = site.soup(url)
    entry = soup.select_one("article.h-entry")
    assert entry.select_one("h1.p-name").get_text(strip=True)
    published = entry.select_one("time.dt-published")
    assert published["datetime"].startswith(header["date"][:10])
    if "modified" in header:
        assert entry.select_one("time.dt-updated")["datetime"].startswith(header["modified"][:10])
    assert re.search(r"\d+ min read", entry.select_one(".meta").get_text())
    assert entry.select_one(".meta a.p-category").get_text(strip=True) == header["category"]
    tags = {a.get_text(strip=True) for a in entry.select(".tags a[rel=tag]")}
    assert tags == {t.strip() for t in header["tags"].split(",")}
    # Our articles are long enough to be useful and broken up so a reader can scan them.
    assert len(entry.select_one(".e-content").get_text().split()) >= 700
    assert entry.select(".e-content h2")
    assert soup.select_one("nav.share a[href^='mailto:']")
    assert soup.select_one("nav.article-nav a[rel]")
    canonical = soup.find("link", rel="canonical")["href"]
    assert canonical == site.siteurl + url
    assert soup.find("meta", attrs={"name": "description"})["content"].strip()
    assert soup.find("meta", property="og:title")["content"]
    ld = json.loads(soup.find("script", type="application/ld+json").string)
    assert ld["@type"] == "BlogPosting"
    assert ld["url"] == canonical
    assert ld["author"]["name"] == header["author"]


@pytest.mark.parametrize("header", PUBLISHED, ids=lambda h: h["slug"])
def test_article_is_a_complete_h_entry(site, header):
    url = site.siteurl + f"/{header['slug']}/"
    html = site.path_for(url).read_text(encoding="utf-8")
    parsed = mf2py.parse(doc=html, url=url)
    entries = [item for item in parsed["items"] if "h-entry" in item["type"]]
    assert len(entries) == 1
    props = entries[0]["properties"]
    assert props["name"][0].strip()
    assert props["url"][0] == url
    assert props["published"][0].startswith(header["date"][:10])
    assert props["content"][0]["html"].strip()
    author = props["author"][0]
    assert "h-card" in author["type"]
    assert author["properties"]["name"][0] == header["author"]


def test_related_articles_share_a_tag(site):
    for header in PUBLISHED:
        soup = site.soup(f"/{header['slug']}/")
        own_tags = {a["href"] for a in soup.select(".tags a[rel=tag]")}
        for link in soup.select("section.related a"):
            other = site.soup(link["href"])
            assert own_tags & {a["href"] for a in other.select(".tags a[rel=tag]")}


@pytest.mark.parametrize(
    ("listing", "kind"), [("/categories/", "category"), ("/tags/", "tag"), ("/authors/", "author")]
)
def test_each_taxonomy_page_lists_its_articles(site, listing, kind):
    links = site.soup(listing).select("main ul a")
    assert links
    for link in links:
        assert f"/{kind}/" in link["href"]
        page = site.soup(link["href"])
        assert page.select("main article.h-entry .p-name a")


def _references(soup):
    """Every URL a page points at: (attribute, url, loads_automatically)."""
    for tag in soup.find_all(True):
        for attribute in ("href", "src", "poster", "action"):
            if tag.has_attr(attribute):
                loads = attribute != "href" or (tag.name == "link" and not {
                    "canonical", "alternate", "webmention", "pingback", "me", "author",
                } & set(tag.get("rel", [])))  # fmt: skip
                yield attribute, tag[attribute], loads
        if tag.has_attr("srcset"):
            for candidate in tag["srcset"].split(","):
                yield "srcset", candidate.split()[0], True


def test_every_internal_link_and_resource_resolves(site):
    missing = []
    for html in site.html_files():
        page_url = site.siteurl + "/" + str(html.relative_to(site.output))
        soup = site.soup(page_url)
        for attribute, url, _ in _references(soup):
            if urlsplit(url).scheme in ("mailto", "data"):
                continue
            if url.startswith("#"):
                if url != "#" and not soup.find(id=url[1:]):
                    missing.append((html.name, url))
                continue
            path = site.path_for(urljoin(page_url, url))
            if path is not None and not path.is_file():
                missing.append((str(html.relative_to(site.output)), attribute, url))
    assert not missing


def test_no_page_loads_anything_from_another_host(site):
    offenders = []
    for html in site.html_files():
        soup = site.soup("/" + str(html.relative_to(site.output)))
        for attribute, url, loads in _references(soup):
            host = urlsplit(url).netloc
            if loads and host and site.path_for(url) is None:
                offenders.append((str(html.relative_to(site.output)), attribute, url))
        for style in soup.find_all(style=True):
            assert "url(" not in style["style"]
    assert not offenders


def test_article_and_list_pages_need_no_javascript(site):
    for url in ["/", "/archives/", f"/{PUBLISHED[0]['slug']}/"]:
        scripts = site.soup(url).find_all("script")
        assert all(s.get("type") == "application/ld+json" for s in scripts), url


def test_sitemap_lists_every_article_and_robots_points_to_it(site):
    sitemap = site.soup("/sitemap.xml")
    locs = {loc.get_text() for loc in sitemap.find_all("loc")}
    for header in PUBLISHED:
        assert f"{site.siteurl}/{header['slug']}/" in locs
    for header in DRAFTS:
        assert not any(header["slug"] in loc for loc in locs)
    assert all(site.path_for(loc).is_file() for loc in locs)
    robots = (site.output / "robots.txt").read_text()
    assert f"Sitemap: {site.siteurl}/sitemap.xml" in robots


def test_every_configured_plugin_registered():
    """Pelican only logs a plugin that fails to load; this makes it a failure."""
    code = (
        "import json; from pelican import Pelican; from pelican.settings import read_settings;"
        "p = Pelican(read_settings('pelicanconf.py'));"
        "print(json.dumps([p.__name__.split('.')[-1] for p in p.plugins]))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    loaded = json.loads(result.stdout.strip().splitlines()[-1])
    assert loaded == pelicanconf.PLUGINS


@pytest.mark.parametrize(
    ("broken", "message"),
    [
        (
            "bad-date.md",
            "content/articles/bad-date.md: Date 'the fourteenth of Smarch' is not a valid date",
        ),
        ("no-title.md", "content/articles/no-title.md: the header has no Title"),
    ],
)
def test_a_malformed_article_fails_the_build_naming_the_file(tmp_path, broken, message):
    content = tmp_path / "content" / "articles"
    content.mkdir(parents=True)
    (content / broken).write_bytes(
        (Path(__file__).parent / "fixtures/broken-articles" / broken).read_bytes()
    )
    result = subprocess.run(
        [sys.executable, "-m", "pelican", str(tmp_path / "content"), "-o", str(tmp_path / "out"),
         "-s", str(ROOT / "pelicanconf.py"), "--fatal", "errors"],
        cwd=ROOT, capture_output=True, text=True, check=False, env={**os.environ, "COLUMNS": "250"},
    )  # fmt: skip
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert message in output
    assert "Traceback" not in output


def test_every_control_name_contains_its_visible_words(site):
    """WCAG 2.5.3 Label in Name: a voice user says what they see, anywhere on the site."""
    mismatches = []
    for path in site.html_files():
        soup = site.soup("/" + path.relative_to(site.output).as_posix())
        for control in soup.select("a[aria-label], button[aria-label]"):
            visible = " ".join(control.get_text(" ", strip=True).split()).lower()
            if visible not in control["aria-label"].lower():
                mismatches.append(f"{path.relative_to(site.output)}: {control['aria-label']!r}")
    assert mismatches == []


def test_read_the_article_links_say_so_and_name_their_article(site):
    summaries = site.soup("/").select("main article.summary")
    assert summaries
    for summary in summaries:
        title = summary.select_one("h2 a").get_text(strip=True)
        link = summary.select("a")[-1]
        assert not link.has_attr("aria-label")
        assert link.get_text(strip=True) == f"Read the article: {title}"
        assert link.select_one(".visually-hidden").get_text(strip=True) == f": {title}"
