"""The inline guard skips only searches that cannot match, and knows every pattern we enable."""

from fast_markdown.inline import GuardedInlineProcessor, needles_for
from hypothesis import given
from hypothesis import strategies as st

from tests.fast_markdown.markdown_strategies import ALPHABET, INLINE_TOKENS, documents, without
from tests.fast_markdown.reader_markdown import reader_markdown

MD = reader_markdown()
GUARDED = [(type(pattern).__name__, pattern, needles_for(pattern)) for pattern in MD.inlinePatterns]


def test_the_reader_guards_every_inline_pattern_our_settings_enable():
    # A Markdown upgrade that changes one of these expressions fails here, loudly,
    # instead of quietly searching again (or, worse, skipping on a stale analysis).
    assert isinstance(MD.treeprocessors["inline"], GuardedInlineProcessor)
    assert len(GUARDED) == 15
    assert [name for name, _, needles in GUARDED if needles == ("",)] == []


@given(text=st.one_of(documents, st.text(alphabet=ALPHABET + "".join(INLINE_TOKENS))))
def test_a_text_without_the_needles_never_matches(text):
    for name, pattern, needles in GUARDED:
        assert pattern.getCompiledRegExp().search(without(text, needles)) is None, name


def test_a_pattern_the_guard_does_not_know_is_always_searched():
    class Shouted(type(MD.inlinePatterns["entity"])):
        pass

    assert needles_for(Shouted(r"(?i)(&[a-z]+;)", MD)) == ("",)
    # As if a Markdown release had changed the entity expression: searched, never skipped.
    assert needles_for(Shouted(r"(&(?:\#[0-9]+|[a-zA-Z0-9]+);)", MD)) == ("",)
    assert needles_for(Shouted(r"(&(?:\#[0-9]+|\#x[0-9a-fA-F]+|[a-zA-Z0-9]+);)", MD)) == ("&",)
