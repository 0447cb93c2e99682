import shutil
from pathlib import Path
from types import SimpleNamespace

import pagefind_bin
import pytest
from search import plugin
from search.index import (
    UNUSED,
    IndexRun,
    SearchIndexError,
    article_glob,
    build_index,
    index_if_changed,
    pages_digest,
    stamp_path,
)
from search.settings import SearchSettings, load_settings

from tests.search.bundles import differences, files, records

FIXTURE_SITE = Path(__file__).parent / "fixtures" / "site"


@pytest.fixture
def site(tmp_path) -> Path:
    copy = tmp_path / "output"
    shutil.copytree(FIXTURE_SITE, copy)
    return copy


def test_only_pages_marked_as_body_are_indexed_with_their_meta_and_filters(site):
    assert build_index(site, "pagefind") == 2
    indexed = records(site / "pagefind")
    assert sorted(indexed) == ["/first/", "/second/"]
    first = indexed["/first/"]
    assert first["meta"] == {
        "title": "Coffee with a former manager",
        "date": "March 1, 2026",
        "published": "2026-03-01T09:00:00-05:00",
        "category": "Reconnecting",
    }
    assert first["filters"] == {"category": ["Reconnecting"], "tag": ["coffee"]}
    assert "candid opinion of your portfolio" in first["content"]
    for left_out in ("Quentin", "Contents heading words", "Home", "March 1"):
        assert left_out not in first["content"], left_out


def test_the_bundle_holds_the_search_script_but_not_the_unused_interfaces(site):
    build_index(site, "pagefind")
    bundle = site / "pagefind"
    assert (bundle / "pagefind.js").is_file()
    assert [name for name in UNUSED if (bundle / name).exists()] == []
    assert [p.name for p in site.iterdir() if p.name.startswith(".")] == [], "scratch left behind"


def test_indexing_the_same_pages_twice_differs_only_in_pagefinds_filter_order(site, tmp_path):
    """See tests/search/bundles.py for what Pagefind 1.5.2 may reorder and why."""
    other = tmp_path / "again"
    shutil.copytree(site, other)
    build_index(site, "pagefind")
    build_index(other, "pagefind")
    assert differences(site / "pagefind", other / "pagefind") == []


def test_the_comparison_notices_a_changed_page_record(site, tmp_path):
    other = tmp_path / "changed"
    shutil.copytree(site, other)
    page = other / "second" / "index.html"
    page.write_text(page.read_text().replace("easy to say no", "easy to decline"))
    build_index(site, "pagefind")
    build_index(other, "pagefind")
    assert any(
        problem.startswith("fragment/")
        for problem in differences(site / "pagefind", other / "pagefind")
    )


def test_a_rebuild_replaces_the_index_and_drops_pages_that_are_gone(site):
    build_index(site, "search/bundle")
    shutil.rmtree(site / "second")
    assert build_index(site, "search/bundle") == 1
    assert sorted(records(site / "search" / "bundle")) == ["/first/"]


def test_a_failed_run_names_the_reason_and_keeps_the_previous_index(site):
    build_index(site, "pagefind")
    before = files(site / "pagefind")
    for page in site.rglob("*.html"):
        page.unlink()
    with pytest.raises(SearchIndexError) as failure:
        build_index(site, "pagefind")
    message = str(failure.value)
    assert message.startswith("search index: pagefind failed (1): Error:")
    assert "\n" not in message
    assert files(site / "pagefind") == before
    assert [p.name for p in site.iterdir() if p.name.startswith(".")] == [], "scratch left behind"


@pytest.mark.parametrize(
    ("save_as", "glob"),
    [("{slug}/index.html", "*/index.html"), ("{date:%Y}/{slug}.html", "*/*.html")],
)
def test_only_files_shaped_like_articles_are_read(save_as, glob):
    assert article_glob(save_as) == glob


def test_the_glob_limits_the_pages_read(site):
    assert build_index(site, "pagefind", "first/*.html") == 1
    assert sorted(records(site / "pagefind")) == ["/first/"]


def test_settings_default_and_reject_bad_keys():
    assert load_settings(None) == SearchSettings(enabled=True, bundle_dir="pagefind")
    with pytest.raises(ValueError, match=r"SEARCH: unknown key\(s\): bundle"):
        load_settings({"bundle": "x"})
    with pytest.raises(ValueError, match=r"SEARCH\['enabled'\]"):
        load_settings({"enabled": "yes"})
    for bad in ("", "/", "../outside", 3):
        with pytest.raises(ValueError, match=r"SEARCH\['bundle_dir'\]"):
            load_settings({"bundle_dir": bad})


def test_unchanged_pages_keep_the_index_and_a_changed_page_rebuilds_it(site, tmp_path):
    stamp = tmp_path / "cache" / "search-index.sha256"
    assert index_if_changed(site, "pagefind", "*/index.html", stamp) == 2
    built = files(site / "pagefind")
    assert index_if_changed(site, "pagefind", "*/index.html", stamp) is None
    assert files(site / "pagefind") == built
    page = site / "second" / "index.html"
    page.write_text(page.read_text().replace("easy to say no", "easy to decline"))
    assert index_if_changed(site, "pagefind", "*/index.html", stamp) == 2
    assert "easy to decline" in records(site / "pagefind")["/second/"]["content"]


def test_a_missing_index_is_rebuilt_even_when_the_pages_are_unchanged(site, tmp_path):
    stamp = tmp_path / "search-index.sha256"
    index_if_changed(site, "pagefind", "*/index.html", stamp)
    shutil.rmtree(site / "pagefind")
    assert index_if_changed(site, "pagefind", "*/index.html", stamp) == 2


def test_each_output_folder_has_its_own_stamp(tmp_path):
    first, second = stamp_path(tmp_path, tmp_path / "a"), stamp_path(tmp_path, tmp_path / "b")
    assert first.parent == second.parent == tmp_path
    assert first != second
    assert stamp_path(tmp_path, tmp_path / "a") == first


def test_pages_written_after_the_articles_do_not_count_as_a_change(site):
    """The build starts Pagefind once the article pages are written; list pages come later."""
    before = pages_digest(site, "*/index.html")
    shutil.copytree(site / "about", site / "archives")
    assert pages_digest(site, "*/index.html") == before
    page = site / "first" / "index.html"
    page.write_text(page.read_text().replace("portfolio", "résumé"))
    assert pages_digest(site, "*/index.html") != before


def test_a_cancelled_run_keeps_the_previous_index_and_leaves_no_scratch(site):
    """What a build that fails after Pagefind started gets (and any process left at exit)."""
    build_index(site, "pagefind")
    before = files(site / "pagefind")
    IndexRun(site, "pagefind", "*/index.html").cancel()
    assert files(site / "pagefind") == before
    assert [p.name for p in site.iterdir() if p.name.startswith(".")] == [], "scratch left behind"


def _settings(site: Path, cache: Path) -> dict:
    return {
        "SEARCH": None,
        "OUTPUT_PATH": str(site),
        "ARTICLE_SAVE_AS": "{slug}/index.html",
        "DELETE_OUTPUT_DIRECTORY": False,
        "CACHE_PATH": str(cache),
    }


def test_a_build_indexes_from_the_moment_its_articles_are_written(site, tmp_path, monkeypatch):
    settings = _settings(site, tmp_path / "cache")
    plugin.start_after_articles(SimpleNamespace(settings=settings), writer=None)
    shutil.copytree(site / "about", site / "archives")  # a list page written meanwhile
    plugin.index_site(SimpleNamespace(settings=settings))
    assert sorted(records(site / "pagefind")) == ["/first/", "/second/"]
    built = files(site / "pagefind")
    # The next build keeps the index without running Pagefind (here it would fail):
    # the list page written late is no change.
    monkeypatch.setattr(pagefind_bin, "get_executable", lambda: "/bin/false")
    plugin.start_after_articles(SimpleNamespace(settings=settings), writer=None)
    plugin.index_site(SimpleNamespace(settings=settings))
    assert files(site / "pagefind") == built


def test_a_build_whose_pagefind_fails_stops_with_one_line_and_leaves_no_scratch(
    site, tmp_path, monkeypatch
):
    monkeypatch.setattr(pagefind_bin, "get_executable", lambda: "/bin/false")
    settings = _settings(site, tmp_path / "cache")
    plugin.start_after_articles(SimpleNamespace(settings=settings), writer=None)
    with pytest.raises(SearchIndexError) as failure:
        plugin.index_site(SimpleNamespace(settings=settings))
    assert str(failure.value) == "search index: pagefind failed (1): no output"
    assert not (site / "pagefind").exists()
    assert [p.name for p in site.iterdir() if p.name.startswith(".")] == [], "scratch left behind"
