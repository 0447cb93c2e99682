"""The text of a post: the template filled in, shortened to fit, counted as each network counts.

Bluesky allows 300 grapheme clusters (the `maxGraphemes` of `app.bsky.feed.post`):
an emoji made of several code points, or a letter with combining marks, is one;
and 3,000 bytes of UTF-8 (its `maxLength`), which 300 emoji sequences can pass.
Mastodon allows 500 and counts the same way (its StatusLengthValidator counts
grapheme clusters), except that every URL counts as 23 characters however long
it is. When the filled-in template is too long, the summary is cut (at a word
boundary when one is near) and ends with "…"; only when no summary at all would
fit is the title cut too. The URL is never cut: a text that cannot hold it is
an error.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass

import regex

ELLIPSIS = "…"
MASTODON_URL_LENGTH = 23
_GRAPHEME = regex.compile(r"\X")
# What Mastodon takes for a URL when counting; it stops at whitespace.
_URL = re.compile(r"https?://\S+")
# A cut goes back to the last space when one lies within this many graphemes.
_WORD_BACKTRACK = 20


def graphemes(text: str) -> list[str]:
    """The user-perceived characters (extended grapheme clusters) of `text`."""
    return _GRAPHEME.findall(text)


def bluesky_length(text: str) -> int:
    """The length of `text` as Bluesky counts it: grapheme clusters."""
    return len(graphemes(text))


def mastodon_length(text: str) -> int:
    """The length of `text` as Mastodon counts it: grapheme clusters, each URL as 23."""
    return len(graphemes(_URL.sub("x" * MASTODON_URL_LENGTH, text)))


@dataclass(frozen=True)
class Limit:
    """A network's text limit, its way of counting, and its cap on UTF-8 bytes if any."""

    maximum: int
    length: Callable[[str], int]
    max_bytes: int | None = None

    def fits(self, text: str) -> bool:
        """Whether the network takes `text`."""
        if self.max_bytes is not None and len(text.encode("utf-8")) > self.max_bytes:
            return False
        return self.length(text) <= self.maximum


BLUESKY = Limit(300, bluesky_length, max_bytes=3000)
MASTODON = Limit(500, mastodon_length)


def post_text(template: str, *, title: str, summary: str, url: str, limit: Limit) -> str:
    """`template` filled in, the summary (then the title) shortened to fit `limit`.

    Raises ValueError when even an empty summary and title leave no room for the URL.
    """

    def fill(title: str, summary: str) -> str:
        text = template.format(title=title, summary=summary, url=url)
        # An empty summary must not leave a gap of blank lines.
        return re.sub(r"\n{3,}", "\n\n", text).strip()

    def fits(title: str, summary: str) -> bool:
        return limit.fits(fill(title, summary))

    if fits(title, summary):
        return fill(title, summary)
    if summary and fits(title, ELLIPSIS):
        cut = _longest(summary, lambda cut: fits(title, cut))
        return fill(title, "" if cut == ELLIPSIS else cut)
    if fits(ELLIPSIS, ""):
        return fill(_longest(title, lambda cut: fits(cut, "")), "")
    raise ValueError(f"the text cannot hold the URL within {limit.maximum} characters")


def _longest(text: str, fits: Callable[[str], bool]) -> str:
    """The longest `text` cut with an ellipsis that `fits` (which holds for a lone ellipsis)."""
    clusters = graphemes(text)
    low, high = 0, len(clusters)  # fits(cut(low)) holds; fits(cut(high)) does not
    while high - low > 1:
        middle = (low + high) // 2
        if fits(_cut(clusters, middle)):
            low = middle
        else:
            high = middle
    return _cut(clusters, low)


def _cut(clusters: list[str], count: int) -> str:
    kept = clusters[:count]
    space = max((i for i, c in enumerate(kept) if c.isspace()), default=-1)
    if space > 0 and count - space <= _WORD_BACKTRACK:
        kept = kept[:space]
    return "".join(kept).rstrip() + ELLIPSIS
