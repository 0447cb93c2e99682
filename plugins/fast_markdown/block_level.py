"""`is_block_level` answered from what it answered before in the same document.

Python-Markdown asks `md.is_block_level(tag)` about every element when it
prettifies the tree and reads attribute lists (about 90 times per article).
The answer is `tag.lower().rstrip("/") in md.block_level_elements` for a
string tag, a scan of a list of some 50 names, and False for any other tag: it
depends on the tag and that list only, and Python-Markdown changes the list
only when an extension is loaded. `remember_block_level` keeps each answer
until the instance is next reset (`Markdown.reset`, before each document), so
a list changed between documents is read again.
"""

from markdown import Markdown


def remember_block_level(md: Markdown) -> None:
    """Replace `md.is_block_level` with the stock method remembering its answers, and
    `md.reset` with the stock reset that also forgets them."""
    stock_is_block_level, stock_reset = md.is_block_level, md.reset
    known: dict = {}

    def is_block_level(tag) -> bool:
        try:
            return known[tag]
        except KeyError:
            answer = known[tag] = stock_is_block_level(tag)
            return answer
        except TypeError:  # an unhashable tag
            return stock_is_block_level(tag)

    def reset() -> Markdown:
        known.clear()
        return stock_reset()

    md.is_block_level = is_block_level
    md.reset = reset
