"""Smart punctuation for Markdown: smarty's rules and output, without its inline-pattern pass.

Enable it in Pelican's MARKDOWN setting in place of `markdown.extensions.smarty`,
with the same option names and defaults:

    "fast_markdown.typography": {"smart_quotes": True, "smart_dashes": True,
                                 "smart_ellipses": True}

The HTML is byte for byte what smarty makes. The rules are smarty's own: the
quote expressions are imported from `markdown.extensions.smarty` and applied
in smarty's order with smarty's semantics (each replacement is opaque to the
rules after it, so look-behinds see a boundary, as they see smarty's
placeholders), and the results are the same named entities (&rsquo;), kept
in Markdown's HTML stash as smarty keeps them. Entities also keep the pages
ASCII, which Python copies, searches and encodes fastest. The difference is
the machinery: smarty runs a second inline-pattern pass over every text node,
which made it a third of a cold build; here only text nodes holding a quote,
dash or ellipsis are searched, and only where a match can start. Code spans,
code blocks and raw HTML are left alone, and a backslash keeps a quote straight,
as with smarty.
"""

import re
import xml.etree.ElementTree as etree
from collections.abc import Sequence

from markdown import Markdown
from markdown.extensions import Extension, smarty
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

LSQUO, RSQUO, LDQUO, RDQUO = "&lsquo;", "&rsquo;", "&ldquo;", "&rdquo;"
NDASH, MDASH, ELLIPSIS = "&ndash;", "&mdash;", "&hellip;"

# A rule: text every match contains (a cheap test that skips the search), a
# compiled expression, and what replaces a match, where an int is a group of
# the match and a string is HTML, stored in Markdown's stash.
Rule = tuple[str, re.Pattern, tuple[int | str, ...]]

# smarty.educateDashes and educateEllipses keep these inside their methods.
DASHES: Sequence[Rule] = (
    ("---", re.compile(r"(?<!-)---(?!-)"), (MDASH,)),
    ("--", re.compile(r"(?<!-)--(?!-)"), (NDASH,)),
)
ELLIPSES: Sequence[Rule] = (("...", re.compile(r"(?<!\.)\.{3}(?!\.)"), (ELLIPSIS,)),)
# The order of smarty.educateQuotes, which is the order they must apply in.
QUOTES: Sequence[Rule] = tuple(
    (needle, re.compile(pattern), parts)
    for needle, pattern, parts in (
        ("'", smarty.singleQuoteStartRe, (RSQUO,)),
        ('"', smarty.doubleQuoteStartRe, (RDQUO,)),
        ("\"'", smarty.doubleQuoteSetsRe, (LDQUO + LSQUO,)),
        ("'\"", smarty.singleQuoteSetsRe, (LSQUO + LDQUO,)),
        ("'\"", smarty.doubleQuoteSetsRe2, (RSQUO + RDQUO,)),
        ("\"'", smarty.singleQuoteSetsRe2, (RDQUO + RSQUO,)),
        ("'", smarty.decadeAbbrRe, (RSQUO,)),
        ("'", smarty.openingSingleQuotesRegex, (1, LSQUO)),
        ("'", smarty.closingSingleQuotesRegex, (RSQUO,)),
        ("'", smarty.closingSingleQuotesRegex2, (RSQUO, 1)),
        ("'", smarty.remainingSingleQuotesRegex, (LSQUO,)),
        ('"', smarty.openingDoubleQuotesRegex, (1, LDQUO)),
        ('"', smarty.closingDoubleQuotesRegex, (RDQUO,)),
        ('"', smarty.closingDoubleQuotesRegex2, (RDQUO,)),
        ('"', smarty.remainingDoubleQuotesRegex, (LDQUO,)),
    )
)

# While the rules run, each replacement is wrapped like one of Markdown's
# placeholders (STX ... ETX), which smarty's expressions treat as a boundary,
# as smarty wraps its results; SOH tells our wrapper from the placeholders inside.
_OPEN, _CLOSE = "\x02\x01", "\x01\x03"


def rules_for(*, quotes: bool, dashes: bool, ellipses: bool) -> list[Rule]:
    """The rules to apply, in smarty's priority order: dashes, quotes, ellipses."""
    return [
        *(DASHES if dashes else ()),
        *(QUOTES if quotes else ()),
        *(ELLIPSES if ellipses else ()),
    ]


def triggers_of(rules: Sequence[Rule]) -> tuple[str, ...]:
    """The fewest strings of which a text must contain one for any of `rules` to apply:
    each rule's needle, less those that contain another (`---` contains `--`)."""
    needles = {needle for needle, _, _ in rules}
    return tuple(sorted(n for n in needles if not any(o != n and o in n for o in needles)))


# For the expressions analysed here (keyed by their exact source, so a changed
# expression is searched as before): how many characters a match can have before
# its rule's needle, and a "finder", an expression that matches at the needle of
# every match: a weaker condition, the expression without its look-behind, or,
# for the opening quotes, the needle after the last character of any of their
# prefixes, checked by a look-behind once the needle is found.
# Lead 0: every match starts with the needle, after zero-width look-behinds only.
# 7: smarty's openingQuotesBase, whose longest alternatives (`&mdash;`, `&#8211;`)
# are 7 characters, and every alternative ends in a space, `;`, `-`, `–` or `—`.
# Python's `re` skips ahead fast only to a literal at the start of an expression;
# the rules' expressions start with a look-behind or a group, so a plain search
# tries every position of the text. The finders start with their needle, so a
# search for them is a scan in C, and an apostrophe inside a word ("it's"), which
# most rules cannot take, is passed over there instead of being tried by each rule.
LEADS: dict[str, tuple[int, re.Pattern]] = {
    source: (lead, re.compile(finder))
    for source, lead, finder in (
        (r"(?<!-)---(?!-)", 0, r"---(?!-)"),
        (r"(?<!-)--(?!-)", 0, r"--(?!-)"),
        (r"(?<!\.)\.{3}(?!\.)", 0, r"\.{3}(?!\.)"),
        (r'''(?<=[^\ \t\r\n\[\{\(\-\u0002\u0003])\'"''', 0, r"'\""),
        (r"(?<=[^\ \t\r\n\[\{\(\-\u0002\u0003])\"'", 0, r"\"'"),
        (r"(?<!\w)'(?=\d{2}s)", 0, r"'(?=\d{2}s)"),
        (r"(?<=[^\ \t\r\n\[\{\(\-\u0002\u0003])'(?!\s|s\b|\d)", 0, r"'(?!\s|s\b|\d)"),
        (r'(?<=[^\ \t\r\n\[\{\(\-\u0002\u0003])"', 0, r'"'),
        (r"(\s|&nbsp;|--|–|—|&[mn]dash;|&#8211;|&#8212;)'(?=\w)", 7, r"'(?<=[\s;\-–—]')(?=\w)"),
        (r'(\s|&nbsp;|--|–|—|&[mn]dash;|&#8211;|&#8212;)"(?=\w)', 7, r'"(?<=[\s;\-–—]")(?=\w)'),
    )
}


def first_match(pattern: re.Pattern, text: str, position: int) -> re.Match | None:
    """`pattern.search(text, position)`, trying only where LEADS says a match can start.

    A match starting at `start` >= `position` holds the needle at some `index` with
    `start <= index <= start + lead`, where the finder matches, so it starts within
    `lead` characters before a match of the finder at or after `position`. Trying
    those starts in increasing order, each once, finds the leftmost match, as
    search does; look-behinds see the text before the start position either way."""
    analysed = LEADS.get(pattern.pattern)
    if analysed is None:
        return pattern.search(text, position)
    lead, finder = analysed
    start = position
    while (found := finder.search(text, start)) is not None:
        index = found.start()
        for candidate in range(max(start, index - lead), index + 1):
            if (match := pattern.match(text, candidate)) is not None:
                return match
        start = index + 1
    return None


def educate(text: str, rules: Sequence[Rule], html: dict[str, str]) -> str:
    """`text` (one text node) with every rule applied as smarty would; `html` maps each
    literal of the rules to the placeholder it is stashed under."""
    changed = False
    for needle, pattern, parts in rules:
        if needle not in text:
            continue
        position = 0
        while (match := first_match(pattern, text, position)) is not None:
            out = "".join(match.group(p) if isinstance(p, int) else html[p] for p in parts)
            marked = _OPEN + out + _CLOSE
            text = text[: match.start()] + marked + text[match.end() :]
            position = match.start() + len(marked)
            changed = True
    # The wrappers' ends occur nowhere else: Markdown removes STX and ETX from the
    # writer's text, its placeholders hold STX before a letter or digit and ETX
    # after a digit, and what a rule wraps holds no SOH; so unwrapping is removing
    # the ends, and unchanged text holds none.
    return text.replace(_OPEN, "").replace(_CLOSE, "") if changed else text


class _Educate(Treeprocessor):
    def __init__(self, md: Markdown, rules: Sequence[Rule]):
        super().__init__(md)
        self.rules = rules
        self.triggers = triggers_of(rules)
        self.literals = {part for _, _, parts in rules for part in parts if isinstance(part, str)}

    def run(self, root: etree.Element) -> None:
        # The stash is emptied for each document, so each gets its own placeholders.
        html = {literal: self.md.htmlStash.store(literal) for literal in self.literals}
        for element in root.iter():
            if element.text and not isinstance(element.text, AtomicString):
                element.text = self.educated(element.text, html)
            if element.tail and not isinstance(element.tail, AtomicString):
                element.tail = self.educated(element.tail, html)

    def educated(self, text: str, html: dict[str, str]) -> str:
        # Most text nodes hold no quote, dash or ellipsis: `in` tells, far cheaper than the rules.
        for trigger in self.triggers:
            if trigger in text:
                return educate(text, self.rules, html)
        return text


class TypographyExtension(Extension):
    """Curly quotes, en and em dashes and ellipses, by smarty's rules."""

    def __init__(self, **kwargs):
        self.config = {
            "smart_quotes": [True, "Educate quotes"],
            "smart_dashes": [True, "Educate dashes (-- en, --- em)"],
            "smart_ellipses": [True, "Educate ellipses"],
        }
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        rules = rules_for(
            quotes=self.getConfig("smart_quotes"),
            dashes=self.getConfig("smart_dashes"),
            ellipses=self.getConfig("smart_ellipses"),
        )
        # Where smarty runs: after inline parsing (20) and attribute lists (8),
        # before the table of contents (5) reads the headings.
        md.treeprocessors.register(_Educate(md, rules), "typography", 6)
        # As with smarty, a backslash keeps a quote straight.
        md.ESCAPED_CHARS.extend(['"', "'"])


def makeExtension(**kwargs) -> TypographyExtension:
    """Entry point Markdown calls for `"fast_markdown.typography"`."""
    return TypographyExtension(**kwargs)
