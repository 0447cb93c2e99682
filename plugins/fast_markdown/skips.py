"""Two Markdown extension steps skipped where they provably change nothing.

- Fenced code (`fenced_code_block` preprocessor): its expression needs an
  opening fence of three backticks or tildes; a document without "```" and
  "~~~" is returned as the step returns it when its search finds nothing
  (the lines joined and split again), without the search over the document.
- The table of contents' `[TOC]` marker (`toc` tree processor): its
  `replace_marker` walks the tree joining each element's text with its
  descendants' and replaces only an element whose own text, stripped, is the
  marker; when no element's text contains the marker, it is not called.

Both wrap the step of one Markdown instance (the reader's); what they call when
the text may concern them is the step itself. Like the block guard, this is an
analysis of Python-Markdown 3.11.3's code: under another release nothing is
wrapped.
"""

from markdown import Markdown, __version__

from .blocks import ANALYSED

FENCES = ("```", "~~~")


def skip_what_cannot_apply(md: Markdown) -> None:
    """Wrap `md`'s fenced-code and [TOC] steps, where it has them, as described above."""
    if __version__ != ANALYSED:
        return
    if "fenced_code_block" in md.preprocessors:
        fenced = md.preprocessors["fenced_code_block"]
        fenced.run = _without_fences_unchanged(fenced.run)
    if "toc" in md.treeprocessors:
        toc = md.treeprocessors["toc"]
        toc.replace_marker = _only_with_marker(toc, toc.replace_marker)


def _without_fences_unchanged(run):
    def guarded(lines: list[str]) -> list[str]:
        text = "\n".join(lines)
        if any(fence in text for fence in FENCES):
            return run(lines)
        return text.split("\n")

    return guarded


def _only_with_marker(toc, replace_marker):
    def guarded(root, elem) -> None:
        marker = toc.marker
        if any(element.text and marker in element.text for element in root.iter()):
            replace_marker(root, elem)

    return guarded
