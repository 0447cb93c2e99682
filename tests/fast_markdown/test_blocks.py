"""The block guard declines only blocks the processor would decline, for every processor it knows."""

import xml.etree.ElementTree as etree

import markdown
from fast_markdown.blocks import ANALYSED, NEEDLES
from hypothesis import given
from hypothesis import strategies as st

from tests.fast_markdown.markdown_strategies import ALPHABET, INLINE_TOKENS, documents, without
from tests.fast_markdown.reader_markdown import reader_markdown

MD = reader_markdown()
KNOWN = [processor for processor in MD.parser.blockprocessors if type(processor) in NEEDLES]
BLOCKS = st.one_of(
    documents.map(lambda text: text.split("\n\n")[0]),
    st.text(alphabet=ALPHABET + "".join(INLINE_TOKENS)),
)


def test_the_reader_guards_every_block_processor_analysed():
    # A Markdown upgrade fails here first: the analysis is of one release's code.
    assert markdown.__version__ == ANALYSED
    assert {type(processor) for processor in KNOWN} == set(NEEDLES)
    for processor in KNOWN:
        method, _ = NEEDLES[type(processor)]
        assert method in vars(processor), type(processor).__name__


@given(block=BLOCKS)
def test_a_block_without_the_needles_is_declined_by_the_processor_itself(block):
    for processor in KNOWN:
        method, needles = NEEDLES[type(processor)]
        lacking = without(block, needles)
        parent = etree.Element("div")
        if method == "test":
            assert type(processor).test(processor, parent, lacking) is False, type(
                processor
            ).__name__
        else:
            blocks = [lacking, "next block"]
            assert type(processor).run(processor, parent, blocks) is False, type(processor).__name__
            assert blocks == [lacking, "next block"] and blocks[0] is lacking
            assert len(parent) == 0
