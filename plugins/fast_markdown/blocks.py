"""Block processors asked only about blocks they could take: the same tree, fewer regex passes.

Python-Markdown's block parser offers every block to each block processor in
turn until one takes it, and most decline after a regex search through the
block: a paragraph without `#` is no hash header. `guard_block_processors`
wraps the processors analysed below so that a block lacking every needle of a
processor is declined without the search:

- "test" processors: `test` is a search (or, for tables, a split on `|`) that
  cannot succeed without a needle, and has no effect when it fails; the
  guard returns False, which is what `test` returns.
- "run" processors: `test` is always True and `run` pops the block, searches
  it, and when the search finds nothing puts the same block back and returns
  False; the guard returns False without touching the blocks, which leaves the
  parser in the same state.

The analysis is of the code of Python-Markdown 3.11.3 (`ANALYSED`); under any
other release nothing is wrapped (and a test fails, to ask for a new analysis).
"""

from markdown import Markdown, __version__
from markdown.blockprocessors import (
    BlockQuoteProcessor,
    HashHeaderProcessor,
    HRProcessor,
    ReferenceProcessor,
    SetextHeaderProcessor,
)
from markdown.extensions.abbr import AbbrBlockprocessor
from markdown.extensions.def_list import DefListProcessor
from markdown.extensions.footnotes import FootnoteBlockProcessor
from markdown.extensions.tables import TableProcessor

ANALYSED = "3.11.3"

# Processor class -> (which method declines, strings of which a block it takes holds one).
NEEDLES: dict[type, tuple[str, tuple[str, ...]]] = {
    # `(?:^|\n)(?P<level>#{1,6})...`
    HashHeaderProcessor: ("test", ("#",)),
    # `^.*?\n(?:=+|-+)...` (`.` does not match a newline): the underline starts a line.
    SetextHeaderProcessor: ("test", ("\n=", "\n-")),
    # `(^|\n)[ ]{0,3}>[ ]?(.*)`
    BlockQuoteProcessor: ("test", (">",)),
    # Three or more of `-`, `_` or `*`; `self.match` is set only on success.
    HRProcessor: ("test", ("-", "_", "*")),
    # `(^|\n)[ ]{0,3}:[ ]{1,3}(.*?)(\n|$)`
    DefListProcessor: ("test", (":",)),
    # A table needs a pipe: more than one cell in the header row, or a border.
    # The `border` that `test` sets is read only by `run`, after a `test` that succeeded.
    TableProcessor: ("test", ("|",)),
    # `^[ ]{0,3}\[([^\[\]]*)\]:...`
    ReferenceProcessor: ("run", ("]:",)),
    # `^[ ]{0,3}\[\^([^\]]*)\]:...`
    FootnoteBlockProcessor: ("run", ("[^",)),
    # `^[*]\[(?P<abbr>[^\\]*?)\]...`
    AbbrBlockprocessor: ("run", ("*[",)),
}


def guard_block_processors(md: Markdown) -> None:
    """Wrap the block processors of `md` that NEEDLES knows (exactly that class), as described above."""
    if __version__ != ANALYSED:
        return
    for processor in md.parser.blockprocessors:
        if type(processor) in NEEDLES:
            method, needles = NEEDLES[type(processor)]
            if method == "test":
                processor.test = _test_declining_without(processor.test, needles)
            else:
                processor.run = _run_declining_without(processor.run, needles)


def _test_declining_without(test, needles: tuple[str, ...]):
    def guarded(parent, block: str) -> bool:
        for needle in needles:
            if needle in block:
                return test(parent, block)
        return False

    return guarded


def _run_declining_without(run, needles: tuple[str, ...]):
    def guarded(parent, blocks: list[str]):
        for needle in needles:
            if needle in blocks[0]:
                return run(parent, blocks)
        return False

    return guarded
