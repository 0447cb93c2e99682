"""Article slugs read from Markdown metadata, for the commands that run without Pelican."""

import re
from collections.abc import Iterable
from pathlib import Path

_SLUG = re.compile(r"slug:\s*(\S+)\s*", re.IGNORECASE)


def article_slugs(content_dir: Path, article_paths: Iterable[str]) -> tuple[set[str], list[Path]]:
    """The `Slug:` of every Markdown article, and the articles that declare none.

    Pelican would derive a missing slug from the title; the commands do not
    guess, so those articles are reported instead.
    """
    slugs = set()
    without = []
    for folder in article_paths:
        for path in sorted((content_dir / folder).rglob("*.md")):
            slug = _declared_slug(path.read_text(encoding="utf-8"))
            if slug:
                slugs.add(slug)
            else:
                without.append(path)
    return slugs, without


def _declared_slug(text: str) -> str | None:
    # Metadata is the block of "Key: value" lines before the first blank line.
    for line in text.splitlines():
        if not line.strip():
            return None
        match = _SLUG.fullmatch(line.strip())
        if match:
            return match.group(1)
    return None
