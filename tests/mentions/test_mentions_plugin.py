"""The Pelican glue, driven with stand-in articles: what a warm build keeps and what it reads again.

The store is the site-store fixture (an alias, a moderation file, a file
for no article); the content cache settings are Pelican's. With two
workers the store is read by a forked child, with one in the build's process.
"""

import json
import logging
import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest
from mentions.plugin import CACHE_FILE, finish_attaching, start_attaching

FIXTURES = Path(__file__).parent / "fixtures"
LAYOFF = "networking-after-a-layoff"
WEAK_TIES = "weak-ties-and-where-jobs-come-from"


@pytest.fixture
def content(tmp_path) -> Path:
    """A content directory holding a copy of the site store."""
    shutil.copytree(FIXTURES / "site-store", tmp_path / "content" / "mentions")
    return tmp_path / "content"


def _build(content: Path, cache: bool = True, workers: int = 2) -> dict[str, SimpleNamespace]:
    articles = [SimpleNamespace(slug=LAYOFF), SimpleNamespace(slug=WEAK_TIES)]
    generator = SimpleNamespace(
        settings={
            "PATH": str(content),
            "CACHE_PATH": str(content.parent / "cache"),
            "CACHE_CONTENT": cache,
            "LOAD_CONTENT_CACHE": cache,
            "ARTICLE_URL": "{slug}/",
            "SITEURL": "https://reconnect.example",
            "PARALLEL_BUILD": {"workers": workers},
        },
        articles=articles,
        translations=[],
    )
    start_attaching(generator)
    finish_attaching()
    return {article.slug: article for article in articles}


def _names(article) -> list[str]:
    return [m.author_name for m in article.mentions]


def test_a_child_reads_what_the_build_process_reads(content):
    serial = _build(content, cache=False, workers=1)
    forked = _build(content, cache=False, workers=2)
    for slug in (LAYOFF, WEAK_TIES):
        assert forked[slug].mentions == serial[slug].mentions
        assert forked[slug].mention_summary == serial[slug].mention_summary
    assert "Moved Reader" in _names(forked[LAYOFF])


def test_a_warm_build_gives_what_a_clean_build_gives(content):
    clean = _build(content, cache=False)
    assert not (content.parent / "cache" / CACHE_FILE).exists()
    first = _build(content)
    assert (content.parent / "cache" / CACHE_FILE).is_file()
    warm = _build(content)
    for slug in (LAYOFF, WEAK_TIES):
        assert warm[slug].mentions == first[slug].mentions == clean[slug].mentions
        assert warm[slug].mention_summary == clean[slug].mention_summary
    assert "Moved Reader" in _names(warm[LAYOFF])  # the aliased file still counts


def test_an_edited_file_is_read_again(content):
    _build(content)
    path = content / "mentions" / f"{WEAK_TIES}.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["mentions"][0]["author_name"] = "Edited Name"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert "Edited Name" in _names(_build(content)[WEAK_TIES])


def test_an_edited_aliased_file_is_read_again(content):
    _build(content)
    path = content / "mentions" / "networking-after-redundancy.json"
    path.write_text(path.read_text(encoding="utf-8").replace("Moved Reader", "Renamed Reader"))
    names = _names(_build(content)[LAYOFF])
    assert "Renamed Reader" in names and "Moved Reader" not in names


def test_a_new_moderation_file_applies_to_kept_mentions(content):
    assert "Katherine Johnson" in _names(_build(content)[LAYOFF])
    path = content / "mentions" / "_moderation.json"
    moderation = json.loads(path.read_text(encoding="utf-8"))
    moderation["block_authors"].append("Katherine Johnson")
    path.write_text(json.dumps(moderation), encoding="utf-8")
    assert "Katherine Johnson" not in _names(_build(content)[LAYOFF])


@pytest.mark.parametrize("workers", [1, 2])
def test_a_malformed_file_is_reported_on_every_build_and_the_rest_is_shown(
    content, caplog, workers
):
    # With a child, the build's process reports it: its log decides --fatal errors.
    shutil.copy(FIXTURES / "plugin" / "malformed.json", content / "mentions" / f"{WEAK_TIES}.json")
    for _ in range(2):
        caplog.clear()
        with caplog.at_level(logging.ERROR, logger="mentions.plugin"):
            articles = _build(content, workers=workers)
        (message,) = [r.getMessage() for r in caplog.records]
        assert message.endswith(
            f"{WEAK_TIES}.json: invalid JSON at line 4: Expecting property name enclosed in double quotes"
        )
        assert "\n" not in message
        assert articles[WEAK_TIES].mentions == []
        assert articles[WEAK_TIES].mention_summary is None
        assert "Katherine Johnson" in _names(articles[LAYOFF])


def test_an_unreadable_cache_costs_only_the_work_it_saved(content):
    first = _build(content)
    (content.parent / "cache" / CACHE_FILE).write_bytes(b"not a pickle")
    assert _build(content)[LAYOFF].mention_summary == first[LAYOFF].mention_summary
