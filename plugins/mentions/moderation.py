"""The moderation file: blocked domains, sources and authors, and hidden mention ids."""

from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

from known_keys import reject_unknown_keys

from .model import Mention

KEYS = ("block_authors", "block_domains", "block_sources", "hide_ids")


@dataclass(frozen=True)
class Moderation:
    """What the site owner refuses to show.

    A blocked mention is dropped by sync and never rendered; a hidden one is
    kept in the store (it is legitimate data) but not shown. Domains match
    their subdomains too; authors match an author URL or, case-insensitively,
    a name.
    """

    block_domains: frozenset[str] = frozenset()
    block_sources: frozenset[str] = frozenset()
    block_authors: frozenset[str] = frozenset()
    hide_ids: frozenset[str] = frozenset()

    def blocks(self, mention: Mention) -> bool:
        """True when `mention` comes from a blocked domain, source or author."""
        urls = (mention.source_url, mention.url, mention.author_url)
        for url in filter(None, urls):
            host = (urlsplit(url).hostname or "").removeprefix("www.")
            if any(host == d or host.endswith("." + d) for d in self.block_domains):
                return True
        if {_url_key(mention.source_url), _url_key(mention.url)} & self.block_sources:
            return True
        people = {_url_key(mention.author_url), (mention.author_name or "").casefold()}
        return bool(people & self.block_authors)

    def shows(self, mention: Mention) -> bool:
        """True when `mention` may appear on the site."""
        return mention.id not in self.hide_ids and not self.blocks(mention)


def parse_moderation(data: object, where: str) -> Moderation:
    """Validate the moderation file's JSON; raise ValueError naming the file and key."""
    if not isinstance(data, dict):
        raise ValueError(f"{where}: expected an object")
    reject_unknown_keys(where, data, KEYS)
    lists = {}
    for key in KEYS:
        values = data.get(key, [])
        if not isinstance(values, list) or not all(isinstance(v, str) and v for v in values):
            raise ValueError(f"{where}.{key}: expected a list of non-empty strings")
        lists[key] = values
    return Moderation(
        block_domains=frozenset(d.lower().removeprefix("www.") for d in lists["block_domains"]),
        block_sources=_keys(lists["block_sources"]),
        block_authors=_keys(lists["block_authors"]),
        hide_ids=frozenset(lists["hide_ids"]),
    )


def _keys(values: Iterable[str]) -> frozenset[str]:
    return frozenset(_url_key(v) for v in values)


def _url_key(value: str | None) -> str:
    # The same person or page with and without a trailing slash, in any case.
    return (value or "").strip().rstrip("/").casefold()
