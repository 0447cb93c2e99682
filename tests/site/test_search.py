"""The search index and page in the real build: what is indexed, where the script loads, the fallback."""

import shutil

from search.index import build_index

from tests.search.bundles import differences, records
from tests.site.test_site import PUBLISHED

SEARCH_PAGE = "search/index.html"


def test_the_index_holds_every_published_article_and_nothing_else(site):
    indexed = records(site.output / "pagefind")
    assert sorted(indexed) == sorted(f"/{h['slug']}/" for h in PUBLISHED)
    referral = indexed["/asking-for-a-referral-without-using-people/"]
    assert referral["meta"]["title"] == "Asking for a Referral Without Using People"
    assert referral["meta"]["category"] == "Job Search"
    assert referral["meta"]["date"] == "July 8, 2026"
    assert referral["filters"] == {
        "category": ["Job Search"],
        "tag": ["referrals", "messages", "reciprocity", "outreach"],
    }


def test_only_the_article_body_is_indexed(site):
    """Not the navigation, byline, mentions, tags or share links."""
    indexed = records(site.output / "pagefind")
    with_mentions = indexed["/keep-in-touch-on-a-schedule/"]["content"]
    for words in ("Skip to main content", "Reminder tool", "min read", "Mentions", "Share"):
        assert words not in with_mentions, words
    assert "nothing reminds us" in with_mentions


def test_indexing_the_built_pages_again_gives_the_same_index(site, tmp_path):
    """Pagefind reads only the pages, so indexing a copy of this build stands for a second build.

    Pagefind 1.5.2 may reorder its filter lists between runs; tests/search/bundles.py
    says which files that touches and checks they hold the same entries.
    """
    copy = tmp_path / "output"
    shutil.copytree(site.output, copy, ignore=shutil.ignore_patterns("pagefind"))
    build_index(copy, "pagefind")
    assert differences(site.output / "pagefind", copy / "pagefind") == []


def test_every_page_but_search_has_the_header_search_form(site):
    for path in site.html_files():
        relative = path.relative_to(site.output).as_posix()
        soup = site.soup("/" + relative)
        forms = soup.select("form[role=search]")
        assert len(forms) == 1, relative
        form = forms[0]
        assert form["method"] == "get" and form["action"] == f"{site.siteurl}/search/", relative
        assert form.select_one("input[type=search][name=q]")
        assert ("site-search" in form["class"]) == (relative != SEARCH_PAGE), relative


def test_only_the_search_page_loads_a_script_or_the_index(site):
    for path in site.html_files():
        relative = path.relative_to(site.output).as_posix()
        html = path.read_text(encoding="utf-8")
        scripts = [s.get("src") for s in site.soup("/" + relative).select("script[src]")]
        if relative == SEARCH_PAGE:
            assert scripts == [f"{site.siteurl}/theme/js/search.js"]
        elif relative != "tools/keep-in-touch/index.html":
            assert scripts == [], relative
            assert "/pagefind/" not in html, relative


def test_without_javascript_the_search_page_says_so_and_links_the_archives_and_topics(site):
    soup = site.soup("/search/")
    assert soup.find("link", rel="canonical")["href"] == f"{site.siteurl}/search/"
    fallback = soup.select_one("noscript .search-fallback")
    assert "needs JavaScript" in fallback.get_text()
    links = {a["href"] for a in fallback.select("a")}
    assert links == {f"{site.siteurl}/archives/", f"{site.siteurl}/categories/"}
    assert soup.select_one("#search-app").has_attr("hidden")


def test_the_search_page_offers_every_topic_and_tag_as_a_filter(site):
    soup = site.soup("/search/")
    categories = {box["value"] for box in soup.select("input[name=category]")}
    tags = {box["value"] for box in soup.select("input[name=tag]")}
    assert categories == {h["category"] for h in PUBLISHED}
    assert tags == {t.strip() for h in PUBLISHED for t in h["tags"].split(",")}
