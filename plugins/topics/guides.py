"""What opens a topic (category) page: our intro, then the articles marked "start here".

An intro is a Markdown file named after the category's slug
(`content/topics/job-search.md`); an article joins its topic's "start here"
list with `Start_here: true` in its header (content_check allows only true or
false). A file that names no category, or cannot be read, is left out with one
line naming it; every other topic still gets its intro.
"""

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

Article = TypeVar("Article")


@dataclass(frozen=True)
class TopicGuide:
    """The top of one category page: intro HTML ("" when none) and the start-here articles."""

    intro_html: str
    start_here: tuple


def read_intros(
    directory: Path, slugs: Iterable[str], render: Callable[[str], str], *, root: Path
) -> tuple[dict[str, str], list[str]]:
    """Rendered intros by category slug, and one problem line per file left out.

    Problems name the file relative to `root` (the project folder).
    """
    known = set(slugs)
    intros: dict[str, str] = {}
    problems: list[str] = []
    if not directory.is_dir():
        return intros, problems
    for path in sorted(directory.glob("*.md")):
        shown = path.relative_to(root) if path.is_relative_to(root) else path
        if path.stem not in known:
            problems.append(f"{shown}: no category has the slug {path.stem!r}; intro not shown")
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            problems.append(f"{shown}: cannot be read ({error}); intro not shown")
            continue
        intros[path.stem] = render(text)
    return intros, problems


def is_start_here(value: object) -> bool:
    """True for a `Start_here: true` header (any case); absent or "false" is False."""
    return str(value).strip().lower() == "true"


def topic_guides(
    categories: Iterable[tuple[str, Sequence[Article]]],
    intros: dict[str, str],
    start_here: Callable[[Article], bool],
) -> dict[str, TopicGuide]:
    """A guide for every category slug; start-here articles keep the category's order."""
    return {
        slug: TopicGuide(intros.get(slug, ""), tuple(a for a in articles if start_here(a)))
        for slug, articles in categories
    }
