"""Reading time of rendered article HTML."""

import math
import re

_TAG = re.compile(r"<[^>]+>")
# Code blocks are skimmed, not read word by word; leaving them in would make
# articles with a message template look twice as long as they read.
_CODE_BLOCK = re.compile(r"<pre\b.*?</pre>", re.DOTALL | re.IGNORECASE)


def count_words(html: str) -> int:
    """Count the words a reader reads in `html` (tags and code blocks excluded)."""
    text = _TAG.sub(" ", _CODE_BLOCK.sub(" ", html))
    return len(text.split())


def reading_minutes(html: str, words_per_minute: int) -> int:
    """Whole minutes to read `html`, at least 1."""
    return max(1, math.ceil(count_words(html) / words_per_minute))
