"""Outside text cut by what it weighs once published: its bytes after HTML escaping.

A character count alone does not bound a page or a feed: 2,000 `&` are
10,000 bytes as `&amp;`. Pages and feeds therefore cut quoted text by its
escaped size, which bounds what a stranger's text can add to either.
"""

from html import escape

from .model import shorten


def escaped_size(text: str) -> int:
    """The bytes `text` takes in UTF-8 once HTML-escaped, quotes included.

    html.escape writes `&quot;` and `&#x27;`, never less than Jinja's
    `&#34;` and `&#39;`, so this is an upper bound for a page too.
    """
    return len(escape(text).encode("utf-8", "surrogatepass"))


def shorten_escaped(text: str, limit: int) -> str:
    """`text` cut like `shorten`, to at most `limit` characters and `limit` escaped bytes."""
    text = shorten(text, limit)
    while len(text) > 1 and (size := escaped_size(text)) > limit:
        text = shorten(text, max(1, len(text) * limit // size))
    return text
