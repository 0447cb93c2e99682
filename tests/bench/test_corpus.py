"""The benchmark corpus: the same bytes every time, and the features of a real blog."""

import re
from pathlib import Path

import pytest
from mentions.store import load_all

from bench.corpus import generate


def files(directory: Path) -> dict[str, bytes]:
    return {
        p.relative_to(directory).as_posix(): p.read_bytes()
        for p in sorted(directory.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    directory = tmp_path_factory.mktemp("corpus")
    generate(directory, 100)
    return directory


def test_the_same_size_gives_the_same_bytes(corpus, tmp_path):
    generate(tmp_path, 100)
    assert files(tmp_path) == files(corpus)


def test_a_smaller_corpus_is_the_start_of_a_larger_one(corpus, tmp_path):
    generate(tmp_path, 30)
    small = files(tmp_path)
    large = files(corpus)
    assert len([k for k in small if k.startswith("articles/")]) == 30
    assert all(large[name] == data for name, data in small.items())


def test_articles_have_the_header_our_content_check_requires(corpus):
    articles = sorted((corpus / "articles").glob("*.md"))
    assert len(articles) == 100
    slugs = set()
    for path in articles:
        header = path.read_text(encoding="utf-8").split("\n\n", 1)[0]
        keys = [line.split(":", 1)[0] for line in header.splitlines()]
        assert keys[:2] == ["Title", "Date"], path.name
        assert {"Category", "Tags", "Slug", "Author", "Summary"} <= set(keys), path.name
        slugs.add(re.search(r"^Slug: (.+)$", header, re.M).group(1))
    assert len(slugs) == 100
    assert any("Status: draft" in p.read_text() for p in articles)


@pytest.mark.parametrize(
    ("feature", "pattern", "share"),
    [
        ("sections", r"^## \S", 1.0),
        ("sub-sections", r"^### \S", 1.0),
        ("bulleted lists", r"^- \S", 0.5),
        ("numbered lists", r"^1\. \S", 0.4),
        ("blockquotes", r"^> \S", 0.4),
        ("external links", r"\]\(https://", 0.9),
        ("emphasis", r"\*[^*\s][^*]*\*", 0.5),
        ("fenced code", r"^```text$", 0.2),
        ("tables", r"^\|---", 0.1),
        ("footnotes", r"^\[\^1\]: ", 0.15),
        ("images", r"\{static\}/images/figure\.svg", 0.1),
    ],
)
def test_realistic_markdown_features_appear_in_a_share_of_articles(corpus, feature, pattern, share):
    texts = [p.read_text(encoding="utf-8") for p in (corpus / "articles").glob("*.md")]
    found = sum(1 for text in texts if re.search(pattern, text, re.M))
    assert found >= share * len(texts), f"{feature}: {found} of {len(texts)}"


def test_internal_links_point_to_earlier_articles_that_exist(corpus):
    names = {p.name for p in (corpus / "articles").glob("*.md")}
    for path in (corpus / "articles").glob("*.md"):
        for target in re.findall(r"\{filename\}([^)]+)", path.read_text(encoding="utf-8")):
            assert target in names
            assert target < path.name


def test_articles_are_long_like_real_ones(corpus):
    words = [len(p.read_text().split()) for p in (corpus / "articles").glob("*.md")]
    assert 700 <= sum(words) / len(words) <= 1500
    assert (corpus / "images" / "figure.svg").is_file()
    assert (corpus / "pages" / "about.md").is_file()


def test_every_fifth_article_has_mentions_the_mentions_store_reads(corpus):
    mentions = load_all(corpus / "mentions")
    assert len(mentions) == 20
    slugs = {
        re.search(r"^Slug: (.+)$", p.read_text(), re.M).group(1)
        for p in (corpus / "articles").glob("*.md")
    }
    assert set(mentions) <= slugs
    kinds = {m.kind for found in mentions.values() for m in found}
    assert {"like", "reply", "repost"} <= kinds
