"""Smart punctuation: byte for byte smarty's HTML, at a fraction of the cost."""

from pathlib import Path

import markdown
import pytest
from fast_markdown.typography import LEADS, first_match, rules_for
from hypothesis import given, settings
from hypothesis import strategies as st

from bench.corpus import generate
from tests.fast_markdown.markdown_strategies import documents

FIXTURES = Path(__file__).parent / "fixtures"
ROOT = Path(__file__).resolve().parents[2]
COMMON = {
    "markdown.extensions.codehilite": {"css_class": "highlight", "guess_lang": False},
    "markdown.extensions.extra": {},
    "markdown.extensions.meta": {},
    "markdown.extensions.toc": {"permalink": False, "toc_depth": "2-3"},
}


def convert(text: str, extension: str, **config) -> str:
    configs = {**COMMON, extension: config}
    md = markdown.Markdown(extensions=list(configs), extension_configs=configs)
    return md.convert(text)


def smarty(text: str, **config) -> str:
    return convert(text, "markdown.extensions.smarty", **config)


def ours(text: str, **config) -> str:
    return convert(text, "fast_markdown.typography", **config)


def sources(tmp_path_factory) -> list[Path]:
    corpus = tmp_path_factory.mktemp("corpus")
    generate(corpus, 40)
    return [
        FIXTURES / "punctuation.md",
        *sorted((ROOT / "content").rglob("*.md")),
        *sorted((corpus / "articles").glob("*.md")),
    ]


def test_the_html_is_exactly_what_smarty_makes(tmp_path_factory):
    for path in sources(tmp_path_factory):
        text = path.read_text(encoding="utf-8")
        assert ours(text) == smarty(text), path.name


@pytest.mark.parametrize(
    "options",
    [
        {"smart_quotes": False},
        {"smart_dashes": False},
        {"smart_ellipses": False},
        {"smart_quotes": False, "smart_dashes": False, "smart_ellipses": False},
    ],
)
def test_each_option_switches_what_smarty_switches(options):
    text = (FIXTURES / "punctuation.md").read_text(encoding="utf-8")
    assert ours(text, **options) == smarty(text, **options)


def test_entities_in_text_and_code_untouched():
    page = ours('"It\'s" -- here... `"code" -- ...`')
    assert page == '<p>&ldquo;It&rsquo;s&rdquo; &ndash; here&hellip; <code>"code" -- ...</code></p>'


def test_a_backslash_keeps_a_quote_straight():
    assert ours(r"\"straight\" and \'straight\'") == "<p>\"straight\" and 'straight'</p>"


ALL_RULES = rules_for(quotes=True, dashes=True, ellipses=True)
PUNCTUATION_TEXT = st.lists(
    st.one_of(
        st.sampled_from(
            ["'", '"', "-", "--", ".", "...", " ", "\n", "\t", "s", "80s", "a", "Z", "9"]
        ),
        st.sampled_from(
            ["&nbsp;", "&mdash;", "&ndash;", "&#8211;", "&#8212;", "–", "—", "(", "[", "{"]
        ),
        st.sampled_from(
            ["\x01", "\x02", "\x03", "\x02klzzwxh:0001\x03", "\x02\x01&rsquo;\x01\x03", "é", "_"]
        ),
        # Opening quotes after each of smarty's openers, the longest first.
        st.sampled_from(["&mdash;'a", '&#8211;"b', "&nbsp;'s", '--"9', "—'Z", " 'a", '\t"a']),
        # Each rule's finder looks at the characters around the quote: other spaces
        # (no-break, em, carriage return), `;` ending any entity, words, decades, pairs.
        st.sampled_from(
            [
                "\u00a0'a",
                '\u2003"a',
                "\r'a",
                "&amp;'a",
                "it's",
                "O'sa",
                "you'd",
                "'90s",
                "'90sa",
                "''",
                '""',
                "s' ",
            ]
        ),
    ),
    max_size=30,
).map("".join)


def test_every_expression_analysed_for_its_lead_is_one_of_the_rules():
    # A smarty upgrade that changes one of these fails here instead of going unnoticed.
    assert set(LEADS) <= {pattern.pattern for _, pattern, _ in ALL_RULES}
    assert len(LEADS) == 10


@given(text=PUNCTUATION_TEXT, position=st.integers(min_value=0, max_value=30))
def test_first_match_finds_what_a_search_finds(text, position):
    for _, pattern, _ in ALL_RULES:
        found = first_match(pattern, text, position)
        expected = pattern.search(text, position)
        assert (found and (found.span(), found.groups())) == (
            expected and (expected.span(), expected.groups())
        )


@settings(max_examples=200)
@given(text=st.one_of(documents, PUNCTUATION_TEXT))
def test_generated_markdown_gets_exactly_what_smarty_makes(text):
    assert ours(text) == smarty(text)
