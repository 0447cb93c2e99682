"""The moderation file: blocked domains, sources and authors, and hidden mention ids.

Everything is compared in a normal form, so a spammer cannot step around a
block by spelling the same thing differently:

- hosts: lower-cased, IDNA (`bücher.example` is `xn--bcher-kva.example`),
  trailing dot and `www.` removed; a domain blocks its subdomains too;
- source and author URLs: host (as above) and path without a trailing slash,
  case-folded; scheme, port, credentials, query and fragment never matter;
- names: NFKC, invisible format characters removed, whitespace collapsed
  (no-break spaces included), case-folded.

`blocks_raw` takes the strings as they arrived, before any validation, and
never raises: sync and import apply moderation first, so a blocked sender's
entry is dropped even when its other fields are broken.
"""

import re
import unicodedata
from collections.abc import Iterable
from contextlib import suppress
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urlsplit

from known_keys import reject_unknown_keys

from .model import Mention

KEYS = ("block_authors", "block_domains", "block_sources", "hide_ids")
# scheme://[userinfo@]host[:port] of a URL urlsplit refuses (an unclosed IPv6 bracket...).
_AUTHORITY = re.compile(r"[a-z][a-z0-9+.-]*:/*([^/?#]*)", re.IGNORECASE)


@dataclass(frozen=True)
class Moderation:
    """What the site owner refuses to show.

    A blocked mention is dropped by sync and import and never rendered; a
    hidden one is kept in the store (it is legitimate data) but not shown.
    """

    block_domains: frozenset[str] = frozenset()
    block_sources: frozenset[str] = frozenset()
    block_authors: frozenset[str] = frozenset()
    hide_ids: frozenset[str] = frozenset()

    def blocks(self, mention: Mention) -> bool:
        """True when `mention` comes from a blocked domain, source or author."""
        return self.blocks_raw(
            sources=(mention.source_url, mention.url),
            author_urls=(mention.author_url,),
            author_names=(mention.author_name,),
        )

    def blocks_raw(
        self,
        *,
        sources: Iterable[object],
        author_urls: Iterable[object] = (),
        author_names: Iterable[object] = (),
    ) -> bool:
        """`blocks` for values as received: anything that is not a string is ignored."""
        # Each check runs only when its list names something: a build asks this of
        # every mention in the store, and most sites block few things or none.
        sources = [u for u in sources if isinstance(u, str)]
        author_urls = [u for u in author_urls if isinstance(u, str)]
        if self.block_domains:
            for url in (*sources, *author_urls):
                host = url_host(url)
                if host and any(host == d or host.endswith("." + d) for d in self.block_domains):
                    return True
        if self.block_sources and {url_key(u) for u in sources} & self.block_sources:
            return True
        if not self.block_authors:
            return False
        people = {url_key(u) for u in author_urls}
        people |= {name_key(n) for n in author_names if isinstance(n, str)}
        return bool((people - {""}) & self.block_authors)

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
    # An author entry is a profile URL or a name; both forms are kept.
    authors = {url_key(v) for v in lists["block_authors"] if url_host(v)}
    authors |= {name_key(v) for v in lists["block_authors"]}
    return Moderation(
        block_domains=frozenset(filter(None, map(host_key, lists["block_domains"]))),
        block_sources=frozenset(url_key(v) for v in lists["block_sources"]) - {""},
        block_authors=frozenset(authors) - {""},
        hide_ids=frozenset(lists["hide_ids"]),
    )


# A build compares every mention's URLs, and a store names few hosts many
# times; the IDNA codec is what each comparison would spend its time in.
@lru_cache(maxsize=4096)
def host_key(host: str) -> str:
    """A host name compared: lower case, IDNA, no trailing dot, no `www.`."""
    host = host.strip().lower().rstrip(".")
    # A name IDNA refuses is compared as written (lower-cased).
    with suppress(UnicodeError):
        host = host.encode("idna").decode("ascii")
    return host.removeprefix("www.")


def url_host(url: str) -> str:
    """The normal form of the host of `url`, "" when it has none; never raises."""
    try:
        host = urlsplit(url.strip()).hostname or ""
    except ValueError:
        match = _AUTHORITY.match(url.strip())
        authority = match.group(1).rpartition("@")[2] if match else ""
        host = authority.rpartition(":")[0] if ":" in authority else authority
    return host_key(host)


def url_key(url: str) -> str:
    """A URL compared: host and path only (see module docstring); never raises."""
    host = url_host(url)
    if not host:
        return url.strip().rstrip("/").casefold()
    try:
        path = urlsplit(url.strip()).path
    except ValueError:
        path = ""
    return (host + path.rstrip("/")).casefold()


def name_key(name: str) -> str:
    """A name compared: NFKC, format characters removed, whitespace collapsed, case-folded."""
    text = unicodedata.normalize("NFKC", name)
    text = "".join(c for c in text if unicodedata.category(c) not in ("Cf", "Cc") or c.isspace())
    return " ".join(text.split()).casefold()
