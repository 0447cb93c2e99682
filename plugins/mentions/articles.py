"""Article slugs read from Markdown metadata, for the commands that run without Pelican."""

from collections.abc import Iterable
from pathlib import Path

from common.markdown_header import read_header


def article_slugs(content_dir: Path, article_paths: Iterable[str]) -> tuple[set[str], list[Path]]:
    """The `Slug:` of every Markdown article, and the articles that declare none.

    Pelican would derive a missing slug from the title; the commands do not
    guess, so those articles are reported instead.
    """
    slugs = set()
    without = []
    for folder in article_paths:
        for path in sorted((content_dir / folder).rglob("*.md")):
            slug = read_header(path.read_text(encoding="utf-8")).get("slug")
            if slug:
                slugs.add(slug)
            else:
                without.append(path)
    return slugs, without
