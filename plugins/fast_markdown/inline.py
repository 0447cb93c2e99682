"""Inline Markdown without the searches that cannot match: the same HTML, fewer regex passes.

Python-Markdown's inline step tries every inline pattern (code spans, escapes,
links, images, autolinks, raw HTML, entities, emphasis, ...) on every text node,
each try a regex search through the text, and most of them find nothing: a
sentence without a backtick has no code span. `GuardedInlineProcessor` skips a
pattern when the text lacks a string that every match of its expression
contains, which it knows for the expressions in `NEEDLES` only.

Why the result is identical: for a pattern whose regex finds no match,
Python-Markdown's `__applyPattern` returns the text unchanged with "not
matched" and start index 0, without calling the pattern's `handleMatch` (so no
state of the pattern changes); skipping does exactly that. A needle is a literal
that every match of the expression must contain (consumed or asserted by a
look-ahead), so `needle not in text` proves the search would find nothing. The
needles are keyed by the exact source of the expression they were derived from:
a pattern whose expression differs (another Markdown release, an extension's
own) is never skipped. Stashed nodes and escapes in the text are placeholders
(STX "klzzwxh:" digits ETX, STX digits ETX) that no needle occurs in, so they
neither hide nor fake a needle.
"""

import re
import xml.etree.ElementTree as etree

from markdown import Markdown
from markdown.inlinepatterns import InlineProcessor
from markdown.treeprocessors import InlineProcessor as InlineTreeprocessor
from markdown.util import AtomicString

# Where Python-Markdown registers its inline tree processor.
INLINE_PRIORITY = 20

# The flags InlineProcessor compiles with, under which NEEDLES were derived.
ANALYSED_FLAGS = re.compile("", re.DOTALL | re.UNICODE).flags

# Expression source (written out, so that a Markdown release that changes an
# expression finds no entry here) -> strings of which every match contains one.
NEEDLES: dict[str, tuple[str, ...]] = {
    # Code spans. Both branches need a backtick: one consumes it, one looks ahead for it.
    r"(?:(?<!\\)((?:\\{2})+)(?=`+)|(?<!\\)`)": ("`",),
    # Backslash escapes.
    r"\\(.)": ("\\",),
    # Links and references; images.
    r"(?<!\!)\[": ("[",),
    r"\!\[": ("![",),
    # Autolinks `<scheme://...>` and `<user@host>`.
    r"<([A-Za-z][A-Za-z0-9+.-]*://[^<>]*)>": ("<",),
    r"<([^<> !]+@[^@<> ]+)>": ("<",),
    # Line breaks: two spaces at the end of a line.
    r"  \n": ("  \n",),
    # Raw inline HTML: every branch starts with `<`.
    (
        r"""(<(\/?+[a-zA-Z][^\s"'<>@]*+(?:\s+[^\s"'=<>]++(?:\s*+=\s*+(?:"[^"]*+"|'[^']*+'"""
        r"""|[^\s"'=<>]++))?+)*+\s*+/?|!--(?:(?!<!--|-->).)*--|[?](?:(?!<[?]|[?]>).)*[?]"""
        r"""|!\[CDATA\[(?:(?!<!\[CDATA\[|\]\]>).)*\]\])>)"""
    ): ("<",),
    # Entities.
    r"(&(?:\#[0-9]+|\#x[0-9a-fA-F]+|[a-zA-Z0-9]+);)": ("&",),
    # Emphasis and strong: DelimiterProcessor's expression for its tokens `*` and `_`.
    r"\*|_": ("*", "_"),
    # markdown.extensions.footnotes registers `[^label]` with this expression.
    r"\[\^([^\]]*)\]": ("[^",),
}


def needles_for(pattern) -> tuple[str, ...]:
    """Strings of which a text must contain one for `pattern` to match; ("",) when unknown,
    since every text contains the empty string."""
    if isinstance(pattern, InlineProcessor):
        compiled = pattern.getCompiledRegExp()
        if compiled.flags == ANALYSED_FLAGS and compiled.pattern in NEEDLES:
            return NEEDLES[compiled.pattern]
    return ("",)


class GuardedInlineProcessor(InlineTreeprocessor):
    """Python-Markdown's inline tree processor, skipping patterns whose needles are absent."""

    def run(self, tree: etree.Element, ancestors: list[str] | None = None) -> etree.Element:
        # Read the registry per document, as the stock processor does per text.
        self._guarded = [(pattern, needles_for(pattern)) for pattern in self.inlinePatterns]
        return super().run(tree, ancestors)

    # Overrides the stock (name-mangled) `__handleInline`, which `run` and
    # `__applyPattern` call; the loop is the stock one plus the skip.
    def _InlineProcessor__handleInline(self, data: str, patternIndex: int = 0) -> str:
        if isinstance(data, AtomicString):
            return data
        guarded = self._guarded
        apply_pattern = self._InlineProcessor__applyPattern
        startIndex = 0
        count = len(guarded)
        while patternIndex < count:
            pattern, needles = guarded[patternIndex]
            for needle in needles:
                if needle in data:
                    data, matched, startIndex = apply_pattern(
                        pattern, data, patternIndex, startIndex
                    )
                    break
            else:
                # What __applyPattern returns when its search finds nothing.
                matched, startIndex = False, 0
            if not matched:
                patternIndex += 1
        return data


def guard_inline_patterns(md: Markdown) -> None:
    """Replace `md`'s inline tree processor with `GuardedInlineProcessor`."""
    md.treeprocessors.register(GuardedInlineProcessor(md), "inline", INLINE_PRIORITY)
