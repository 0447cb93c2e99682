"""Hypothesis strategies for Markdown that mixes every construct our MARKDOWN settings enable.

Whole constructs (a link, a footnote, a table) sit next to their loose parts (a
lone `[`, `*`, `&`, `<`, a backslash, a fake placeholder) so that the generated
text is both well-formed Markdown and the broken, nested input a writer makes.
"""

from hypothesis import strategies as st

# Inline constructs: emphasis, code spans, links (inline, reference, short), images,
# autolinks, raw HTML, entities, escapes, footnote references, abbreviations, smart
# punctuation, line breaks, attribute lists, and text that looks like Markdown's
# own placeholders (STX/ETX are removed from input; the rest, SOH too, stays text).
INLINE_TOKENS = (
    "word", "it's", "don't", "'90s", "rock 'n' roll", "O'Neil", "HTML", "ABBR",
    "*em*", "**strong**", "***both***", "_em_", "__strong__", "snake_case_name", "2*3*4",
    "*", "**", "***", "_", "__", "`", "``", "`code`", "`` a`b ``", "`*not em*`", "``` ```",
    "[link](https://a.example/p)", '[link](https://a.example/p "a title")',
    "[link](<https://a.example/a b>)", "[*em link*](https://a.example/e)",
    "[link][ref]", "[ref][]", "[ref]", "[Ref]", "[missing][nope]", "[", "]", "(", ")",
    "![img](https://a.example/i.png)", '![alt "q"](/i.png "t")', "![img][ref]", "![ref]", "![",
    "<https://a.example/x?a=1&b=2>", "<me@a.example>", "<mailto:me@a.example>", "<", ">",
    '<span class="c">', "</span>", "<b>", "</b>", "<br/>", "<!-- note -->", "<?php x ?>",
    "<![CDATA[x]]>", "<a href='https://a.example/'>a</a>", "<not a tag>",
    "&amp;", "&copy;", "&#169;", "&#xA9;", "&nbsp;", "&mdash;", "&bogus;", "&", ";", "AT&T",
    "\\", "\\*", "\\_", "\\`", "\\\\", "\\[", "\\<", "\\&", '\\"', "\\'", "\\-", "\\.",
    "[^1]", "[^note]", "[^missing]", "^",
    '"', "'", '"quoted"', "'single'", "--", "---", "----", "...", "....", "a--b", "10--20",
    "  \n", "\n", " ", "\t", "{", "}", "{: .cls }", "{#anchor}", "|", "#", ":", "@", "!",
    "[TOC]", "\x02", "\x03", "klzzwxh:0000", "\x02klzzwxh:0001\x03", "wzxhzdk:0", "\x0242\x03",
    "é", "—", "“", "’", "…",
)  # fmt: skip
ALPHABET = "ab Z09*_`[]()!<>&;#\\\"'-.:/@^{}|=~+\n\r\t\x01\x02\x03é"

_piece = st.one_of(st.sampled_from(INLINE_TOKENS), st.text(alphabet=ALPHABET, max_size=6))
inline = st.lists(st.tuples(_piece, st.sampled_from(["", " ", " ", "\n"])), max_size=10).map(
    lambda parts: "".join(a + b for a, b in parts).strip("\n")
)


def _lines(prefix: str, count: int = 3):
    return st.lists(inline, min_size=1, max_size=count).map(
        lambda items: "\n".join(prefix + item for item in items)
    )


def _code_lines():
    return st.lists(st.text(alphabet=ALPHABET, max_size=20), max_size=3).map("\n".join)


_header_suffix = st.sampled_from(["", " {#anchor}", " {: .cls }", " #", " ##"])
blocks = st.one_of(
    inline,
    st.tuples(st.sampled_from(["#", "##", "###", "####"]), inline, _header_suffix).map(
        lambda t: f"{t[0]} {t[1]}{t[2]}"
    ),
    st.tuples(inline, st.sampled_from(["===", "---"])).map(lambda t: f"{t[0]}\n{t[1]}"),
    _lines("- "),
    _lines("1. "),
    st.tuples(inline, inline).map(lambda t: f"- {t[0]}\n    - {t[1]}"),
    _lines("> "),
    _lines("    "),
    st.tuples(
        st.sampled_from(["```", "```python", "~~~", "``` { .text #code }", "````"]), _code_lines()
    ).map(lambda t: f"{t[0]}\n{t[1]}\n{t[0][:3] if t[0] != '````' else '````'}"),
    st.tuples(inline, inline, inline, inline).map(
        lambda t: f"| {t[0]} | {t[1]} |\n|---|:-:|\n| {t[2]} | {t[3]} |"
    ),
    st.sampled_from(
        [
            '[ref]: https://a.example/r "Ref title"',
            "[Ref]: <https://a.example/r2>",
            "[nope]: /local",
            "*[HTML]: Hyper Text Markup Language",
            '*[ABBR]: An "abbreviation" -- really',
            "[TOC]",
            "***",
            "---",
            "- - -",
            "<div>\n<p>raw *block*</p>\n</div>",
            "<!-- block comment -->",
        ]
    ),
    st.tuples(st.sampled_from(["[^1]", "[^note]"]), inline, inline).map(
        lambda t: f"{t[0]}: {t[1]}\n    {t[2]}"
    ),
    inline.map(lambda text: f'<div markdown="1">\n{text}\n</div>'),
    st.tuples(inline, inline).map(lambda t: f"{t[0]}\n:   {t[1]}"),
    inline.map(lambda text: f"{text}\n{{: .para #p1 }}"),
)
documents = st.lists(st.tuples(blocks, st.sampled_from(["\n\n", "\n", "\n\n\n"])), max_size=8).map(
    lambda parts: "".join(a + b for a, b in parts)
)


def without(text: str, needles: tuple[str, ...]) -> str:
    """`text` with every occurrence of `needles` removed, the ones the removal makes too
    (removing "![" from "!![[" makes one)."""
    while any(needle in text for needle in needles):
        for needle in needles:
            text = text.replace(needle, "")
    return text
