"""Minified CSS, by rcssmin (comments and needless white space removed)."""

import rcssmin


def minify_css(text: str) -> str:
    """`text` minified; the same rules apply to the same selectors."""
    return rcssmin.cssmin(text)
