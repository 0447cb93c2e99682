"""Markdown steps skipped where they provably change nothing.

- Whitespace (`normalize_whitespace` preprocessor, Markdown's own): it removes
  STX and ETX, turns "\r\n" and "\r" into "\n", appends two line breaks,
  expands tabs and empties lines of spaces only (`(?<=\n) +\n`, a regex that
  Python tries at every position). In a document without STX, ETX, "\r",
  "\t" and " \n" that does not end in a space only the appended line breaks
  change anything: the lines come back joined, with two empty lines more.
- Fenced code (`fenced_code_block` preprocessor): its expression needs an
  opening fence of three backticks or tildes; a document without "```" and
  "~~~" is returned as the step returns it when its search finds nothing
  (the lines joined and split again), without the search over the document.
- Raw HTML blocks (`html_block` preprocessor of md_in_html, in `extra`): it
  feeds the document to an HTML parser, which calls back only at a `<` or `&`;
  without either the parser hands the whole document to `handle_data` as one
  piece, which (outside any raw or `markdown="1"` block, where a document
  without a tag cannot be) appends it unchanged, so the step returns the lines
  joined and split again, and the parser is not built.
- The table of contents (`toc` tree processor):
  - its `replace_marker` walks the tree joining each element's text with its
    descendants' and replaces only an element whose own text, stripped, is the
    marker; when no element's text contains the marker, it is not called;
  - in a document without a heading (`h1`-`h6`, its `header_rgx`) and without
    the marker in any element's text (every Summary), `run` changes no element
    and sets `md.toc_tokens` to an empty list and `md.toc` to the HTML of an
    empty table of contents, which depends on the configuration only: the stock
    `run` makes it once, from an empty document, when the step is wrapped.

Each wraps the step of one Markdown instance (the reader's); what they call when
the text may concern them is the step itself. Like the block guard, this is an
analysis of Python-Markdown 3.11.3's code: under another release nothing is
wrapped.
"""

import xml.etree.ElementTree as etree

from markdown import Markdown, __version__

from .blocks import ANALYSED

FENCES = ("```", "~~~")
# What makes Python's HTML parser (not converting character references) call
# anything but `handle_data`.
HTML_STARTS = ("<", "&")
# What normalize_whitespace changes, besides the line breaks it appends.
WHITESPACE_CHANGES = ("\x02", "\x03", "\r", "\t", " \n")


def skip_what_cannot_apply(md: Markdown) -> None:
    """Wrap `md`'s whitespace, fenced-code, raw HTML and table of contents steps, where it
    has them, as described above."""
    if __version__ != ANALYSED:
        return
    whitespace = md.preprocessors["normalize_whitespace"]
    whitespace.run = _whitespace_appended_without_changes(whitespace.run)
    for name, needles in (("fenced_code_block", FENCES), ("html_block", HTML_STARTS)):
        if name in md.preprocessors:
            step = md.preprocessors[name]
            step.run = _unchanged_without(step.run, needles)
    if "toc" in md.treeprocessors:
        toc = md.treeprocessors["toc"]
        toc.replace_marker = _only_with_marker(toc, toc.replace_marker)
        toc.run = _empty_without_headings(md, toc, toc.run)


def _unchanged_without(run, needles: tuple[str, ...]):
    def guarded(lines: list[str]) -> list[str]:
        text = "\n".join(lines)
        if any(needle in text for needle in needles):
            return run(lines)
        return text.split("\n")

    return guarded


def _whitespace_appended_without_changes(run):
    def guarded(lines: list[str]) -> list[str]:
        text = "\n".join(lines)
        if text.endswith(" ") or any(change in text for change in WHITESPACE_CHANGES):
            return run(lines)
        return (text + "\n\n").split("\n")

    return guarded


def _only_with_marker(toc, replace_marker):
    def guarded(root, elem) -> None:
        marker = toc.marker
        if any(element.text and marker in element.text for element in root.iter()):
            replace_marker(root, elem)

    return guarded


def _empty_without_headings(md: Markdown, toc, run):
    run(etree.Element("div"))
    empty_toc = md.toc

    def guarded(doc: etree.Element) -> None:
        marker = toc.marker
        for element in doc.iter():
            if (isinstance(element.tag, str) and toc.header_rgx.match(element.tag)) or (
                marker and element.text and marker in element.text
            ):
                return run(doc)
        md.toc_tokens = []
        md.toc = empty_toc

    return guarded
