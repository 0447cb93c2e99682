"""The reader's is_block_level answers what the stock method answers, also after the list changes."""

import xml.etree.ElementTree as etree

from hypothesis import given
from hypothesis import strategies as st
from markdown import Markdown

from tests.fast_markdown.reader_markdown import reader_markdown

MD = reader_markdown()
NAMES = st.sampled_from(["p", "P", "div", "DIV/", "p/", "em", "a", "h2", "table", "custom", ""])
TAGS = st.one_of(NAMES, st.text(max_size=6), st.sampled_from([etree.Comment, None, 3, ["p"]]))


@given(tags=st.lists(TAGS, max_size=20), added=st.sampled_from(["custom", "em", "x-box"]))
def test_answers_are_the_stock_ones_before_and_after_a_reset_with_another_list(tags, added):
    assert "is_block_level" in vars(MD) and "reset" in vars(MD)
    MD.reset()
    for tag in tags * 2:  # asked twice: the second answer is remembered
        assert MD.is_block_level(tag) is Markdown.is_block_level(MD, tag), tag
    MD.block_level_elements.append(added)
    try:
        MD.reset()
        for tag in tags:
            assert MD.is_block_level(tag) is Markdown.is_block_level(MD, tag), tag
    finally:
        MD.block_level_elements.remove(added)
        MD.reset()
