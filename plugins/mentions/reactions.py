"""What reading one post's reactions directly yields, shared by bluesky.py and mastodon.py.

A protocol module reads through a `Get` (downloads.direct_getter in the
command, a loopback fake in tests) and returns a `Harvest`: each reaction as
an `Item` (its bytes as received and, when they parse, its JSON), and whether
every list was read to its end. Lists are read page by page with `pages`,
which follows the next page until there is none, the same page comes back
(a repeated cursor), or the caps are reached; in the last two cases the
list counts as not read in full.
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime

from .json_entries import PageError, parse_entry, split_list, split_member
from .model import Mention
from .sync import SyncError

UNPARSED = object()


@dataclass(frozen=True)
class Page:
    """A complete 2xx answer: its body and, when the server sent one, its `Link: rel="next"` URL."""

    body: bytes
    next_url: str | None = None


Get = Callable[[str], Page]


class PostGone(Exception):
    """The post cannot be read (deleted upstream, or refused without login); one line, no URL query."""


@dataclass(frozen=True)
class Limits:
    """The caps on reading one post (MENTIONS collect_* settings)."""

    max_pages: int
    max_reactions: int
    reply_depth: int


@dataclass(frozen=True)
class Item:
    """One reaction as received, not yet moderated nor validated.

    `name` is its id in the store when one can be told, else where it sat
    ("<post> likes item 3"); quarantine lines and `_rejected.json` use it.
    `value` is its JSON, or UNPARSED when it is not JSON.
    """

    kind: str
    name: str
    data: bytes
    value: object


@dataclass
class Harvest:
    """The reactions of one post; `complete` when every list was read to its end."""

    items: list[Item] = field(default_factory=list)
    complete: bool = True
    notes: list[str] = field(default_factory=list)

    def count(self, kind: str) -> int:
        """How many items of `kind` were read."""
        return sum(item.kind == kind for item in self.items)


def reaction(
    network: str,
    kind: str,
    identifier: str,
    url: str,
    dates: tuple[datetime, datetime],
    author: tuple[str | None, str | None, str | None],
    text: str | None,
) -> Mention:
    """A directly read reaction as a Mention, not yet cleaned.

    `dates` is (published, received), `author` (name, profile URL, photo
    URL). Origin and network are the network it was read from, and its URL
    is also its source: there is no bridge in between.
    """
    (published, received), (name, author_url, photo) = dates, author
    return Mention(
        id=identifier,
        origin=network,
        kind=kind,
        source_url=url,
        url=url,
        published=published,
        received=received,
        author_name=name,
        author_url=author_url,
        author_photo=photo,
        author_avatar=None,
        text=text,
        network=network,
    )


def parsed(data: bytes) -> object:
    """The JSON value of one item's bytes, UNPARSED when they are not usable JSON."""
    try:
        return parse_entry(data)
    except (ValueError, RecursionError):
        return UNPARSED


def pages(
    get: Get,
    url: str,
    key: str | None,
    limits: Limits,
    harvest: Harvest,
    what: str,
    next_url: Callable[[Page, dict], str | None],
) -> Iterator[tuple[int, bytes, object]]:
    """(index, bytes, JSON) of each element of a paged list, at most `limits` of them.

    `key` names the list in each page's object (None: the page is a list);
    `next_url(page, rest)` says where the next page is, from the page's
    `rest` (its object without the list) or its Link header. A page that is
    not the expected JSON raises SyncError: the server answered, but not
    usably (a truncated body), which is a failure like any other upstream.
    Reaching a cap adds a note and marks the harvest incomplete.
    """
    seen = {url}
    index = 0
    for _number in range(limits.max_pages):
        page = get(url)
        try:
            if key is None:
                entries, rest = split_list(page.body), {}
            else:
                entries, rest = split_member(page.body, key)
        except PageError as error:
            raise SyncError(f"{what}: {error}") from None
        for entry in entries:
            if index >= limits.max_reactions:
                harvest.complete = False
                harvest.notes.append(f"{what}: more than {limits.max_reactions}, the rest not read")
                return
            yield index, entry.data, parsed(entry.data)
            index += 1
        following = next_url(page, rest) if entries else None
        if following is None:
            return
        if following in seen:  # a server going round in circles: stop, unsure of the rest
            harvest.complete = False
            harvest.notes.append(f"{what}: the same page came back, the rest not read")
            return
        seen.add(following)
        url = following
    harvest.complete = False
    harvest.notes.append(f"{what}: more than {limits.max_pages} pages, the rest not read")
