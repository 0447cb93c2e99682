"""The view model the theme partial draws: sentences, replies, reaction rows, excerpts.

Built from trusted-shape but untrusted-content mentions: every URL handed to
the template has passed `clean_url` (http(s) only) and every string is plain
text for the template to escape. Order is chronological everywhere, so the
page is the same on every build.

Bounded whatever strangers send: a page carries at most `networks_max`
sentences, three reaction rows of `fold_after` faces, `replies_max` replies
and `excerpts_max` excerpts (those after `replies_shown` / `excerpts_shown`
inside a closed <details>, no JavaScript), and only counts the rest. Every
string is cut by its size once escaped (mentions/escaped.py): names to
MAX_NAME_LENGTH bytes, quotes, excerpts and folded replies to `quote_length`,
open replies to `max_text`; a URL longer than MAX_LINK_BYTES is not linked.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, tzinfo
from functools import lru_cache
from urllib.parse import urlsplit

from common.urls import http_url as clean_url

from .escaped import escaped_size, shorten_escaped
from .model import MAX_NAME_LENGTH, Mention
from .networks import WEB, label

# A share is a mention in the sense of the old trackback sentence; a like is not.
SENTENCE_KINDS = ("mention", "repost")
REACTIONS = (
    ("like", "like", "likes"),
    ("repost", "repost", "reposts"),
    ("bookmark", "bookmark", "bookmarks"),
)
# Real post and profile URLs are far shorter; a longer one is shown unlinked
# rather than letting one URL of 2,048 `&` add 10 KB to every place it appears.
MAX_LINK_BYTES = 512


@dataclass(frozen=True)
class Person:
    """An author as shown: a name, a safe profile link, a local avatar path or initials."""

    name: str
    url: str | None
    avatar: str | None
    initials: str


@dataclass(frozen=True)
class Cite:
    """One mention as shown (an h-cite)."""

    id: str
    person: Person
    url: str | None
    published: datetime
    network_label: str
    text: str | None


@dataclass(frozen=True)
class Name:
    """A name in a sentence, followed by `separator` (", ", " and " or nothing)."""

    cite: Cite
    separator: str


@dataclass(frozen=True)
class Sentence:
    """ "This post was mentioned on <label> by <names><others>. <quote author> said: “<quote>”" """

    network: str
    label: str
    names: tuple[Name, ...]
    others: str
    quote: Cite | None

    @property
    def text(self) -> str:
        """The sentence as plain text."""
        names = "".join(n.cite.person.name + n.separator for n in self.names)
        text = f"This post was mentioned on {self.label} by {names}{self.others}."
        if self.quote:
            text += f" {self.quote.person.name} said: “{self.quote.text}”"
        return text


@dataclass(frozen=True)
class ReactionRow:
    """Likes, reposts or bookmarks: the first avatars, then "+N more"."""

    kind: str
    label: str
    shown: tuple[Cite, ...]
    more: int


@dataclass(frozen=True)
class Fold:
    """A list cut in three: shown, folded into a closed <details>, and only counted."""

    shown: tuple[Cite, ...]
    folded: tuple[Cite, ...]
    folded_label: str
    hidden_label: str

    def __bool__(self) -> bool:
        return bool(self.shown)


@dataclass(frozen=True)
class MentionSummary:
    """Everything the mentions partial needs for one article."""

    count: int
    count_label: str
    sentences: tuple[Sentence, ...]
    other_networks: str
    replies: Fold
    reactions: tuple[ReactionRow, ...]
    excerpts: Fold


@dataclass(frozen=True)
class Display:
    """How to show mentions: limits from the settings, avatar files, the site's time zone."""

    max_names: int
    quote_length: int
    fold_after: int
    max_text: int
    networks_max: int
    replies_shown: int
    replies_max: int
    excerpts_shown: int
    excerpts_max: int
    zone: tzinfo
    avatars_path: str
    avatar_files: frozenset[str]


def summarize(mentions: Sequence[Mention], display: Display) -> MentionSummary | None:
    """The view model for one article's visible mentions; None when there are none."""
    if not mentions:
        return None
    ordered = sorted(mentions, key=lambda m: (m.published, m.id))
    # One sentence per social network, in the order the networks first mentioned the post.
    shared = [m for m in ordered if m.network != WEB and m.kind in SENTENCE_KINDS]
    networks = list(dict.fromkeys(m.network for m in shared))
    sentences = [
        _sentence(network, [m for m in shared if m.network == network], display)
        for network in networks[: display.networks_max]
    ]
    others = len(networks) - len(sentences)
    reactions = []
    for kind, one, many in REACTIONS:
        people = _unique_people([m for m in ordered if m.kind == kind])
        if people:
            shown = tuple(cite(m, display) for m in people[: display.fold_after])
            label = _count(len(people), one, many)
            reactions.append(ReactionRow(kind, label, shown, len(people) - len(shown)))
    replies = [m for m in ordered if m.kind == "reply"]
    excerpts = [m for m in ordered if m.network == WEB and m.kind == "mention"]
    count = len(ordered)
    return MentionSummary(
        count=count,
        count_label=_count(count, "mention", "mentions"),
        sentences=tuple(sentences),
        other_networks=(
            f"It was also mentioned on {_count(others, 'other network', 'other networks')}."
            if others
            else ""
        ),
        replies=_fold(
            replies,
            display,
            display.replies_shown,
            display.replies_max,
            ("more reply", "more replies"),
            open_length=display.max_text,
        ),
        reactions=tuple(reactions),
        excerpts=_fold(
            excerpts,
            display,
            display.excerpts_shown,
            display.excerpts_max,
            ("more mention", "more mentions"),
            open_length=display.quote_length,
        ),
    )


def cite(mention: Mention, display: Display, shorten_to: int | None = None) -> Cite:
    """One mention as shown; its text cut to `shorten_to` characters and escaped bytes
    (`max_text` when not given)."""
    text = mention.text
    if text:
        text = shorten_escaped(text, shorten_to or display.max_text)
    return Cite(
        id=mention.id,
        person=person(mention, display),
        url=_link(mention.url) or _link(mention.source_url),
        published=mention.published.astimezone(display.zone),
        network_label=label(mention.network),
        text=text,
    )


def person(mention: Mention, display: Display) -> Person:
    """The author of `mention` as shown; a name is always present."""
    url = _link(mention.author_url)
    name = mention.author_name or _host(url) or _host(clean_url(mention.url)) or "Someone"
    name = shorten_escaped(name, MAX_NAME_LENGTH)
    avatar = mention.author_avatar
    if avatar not in display.avatar_files:
        avatar = None
    return Person(
        name=name,
        url=url,
        avatar=f"{display.avatars_path}/{avatar}" if avatar else None,
        initials=initials(name),
    )


def initials(name: str) -> str:
    """Up to two capital letters for an avatar placeholder ("Ada Lovelace" -> "AL")."""
    words = ["".join(c for c in word if c.isalnum()) for word in name.split()]
    words = [w for w in words if w]
    if not words:
        return "?"
    letters = words[0][0] + (words[-1][0] if len(words) > 1 else "")
    return letters.upper()


def _fold(
    mentions: list[Mention],
    display: Display,
    shown: int,
    most: int,
    nouns: tuple[str, str],
    open_length: int,
) -> Fold:
    """The first `shown` cut to `open_length`, up to `most` in all (the rest of
    those cut to quote_length), then only a count."""
    folded = mentions[shown:most]
    hidden = max(0, len(mentions) - most)
    return Fold(
        shown=tuple(cite(m, display, shorten_to=open_length) for m in mentions[:shown]),
        folded=tuple(cite(m, display, shorten_to=display.quote_length) for m in folded),
        folded_label=_count(len(folded), *nouns) if folded else "",
        hidden_label=f"…and {_count(hidden, *nouns)}, not shown here." if hidden else "",
    )


def _count(number: int, one: str, many: str) -> str:
    """ "1 like", "5,000 likes"."""
    return f"{number:,} {one if number == 1 else many}"


# The same author and post URLs recur across a store; checking one costs a regex and a parse.
@lru_cache(maxsize=4096)
def _link(url: str | None) -> str | None:
    """`url` if it may be linked: http(s) (clean_url) and at most MAX_LINK_BYTES escaped."""
    url = clean_url(url)
    return url if url and escaped_size(url) <= MAX_LINK_BYTES else None


def _sentence(network: str, group: list[Mention], display: Display) -> Sentence:
    people = _unique_people(group)
    shown = people[: display.max_names]
    hidden = len(people) - len(shown)
    names = []
    for index, mention in enumerate(shown):
        if index == len(shown) - 1:
            separator = ""
        elif index == len(shown) - 2 and not hidden:
            separator = " and "
        else:
            separator = ", "
        names.append(Name(cite(mention, display), separator))
    others = f" and {hidden} other{'' if hidden == 1 else 's'}" if hidden else ""
    quoted = [m for m in group if m.text]
    quote = cite(quoted[-1], display, shorten_to=display.quote_length) if quoted else None
    return Sentence(network, label(network), tuple(names), others, quote)


def _unique_people(mentions: Iterable[Mention]) -> list[Mention]:
    """The first mention of each distinct author, in order."""
    seen = set()
    first = []
    for mention in mentions:
        key = _person_key(mention)
        if key not in seen:
            seen.add(key)
            first.append(mention)
    return first


def _person_key(mention: Mention) -> str:
    # By name first: archived tweets repeat one name with varying profile links.
    key = mention.author_name or (mention.author_url or "").rstrip("/") or mention.id
    return key.casefold()


def _host(url: str | None) -> str | None:
    return urlsplit(url).hostname if url else None
