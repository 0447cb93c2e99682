"""Read the webmention.io JF2 API and merge what it returns into the store.

Pages are fetched in full before the caller writes anything: a page that
cannot be used (HTTP error, not JSON, wrong shape, timeout) raises SyncError
and the store stays as it was. Entries are judged one by one: moderation
first, on the raw strings, then validation; an entry that fails is
quarantined (see quarantine.py) and the others go on.
"""

import json
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from functools import cache
from urllib.parse import urlencode, urlsplit

from .json_entries import PageError, RawEntry, parse_entry, split_page
from .model import Mention
from .moderation import Moderation
from .normalize import Incoming, from_jf2
from .quarantine import Rejection, rejection
from .store import check_storable
from .targets import TargetResolver

Fetcher = Callable[[str], bytes]
ORIGIN = "webmention.io"
# webmention.io ids are database ids; a larger one cannot be a since_id.
MAX_WM_ID = 2**63 - 1
# What is read from an entry that is not JSON, to name it and to moderate it.
_RAW_STRING = r'"(?:[^"\\]++|\\.)*+"'
_RAW_WM_ID = re.compile(rb'"wm-id"\s*:\s*([^,}\]\s]{1,200})')


_ENTRY_PREFIX = re.compile(r"^entry(?: \(wm-id [^)]*\))?(?:\.|: )")
_UNPARSED = object()


class SyncError(Exception):
    """The API answer cannot be used; the message is one line and contains no token."""


@dataclass
class Fetched:
    """What the API returned: valid entries, quarantined ones, and what moderation dropped."""

    entries: list[Incoming] = field(default_factory=list)
    rejected: list[Rejection] = field(default_factory=list)
    blocked: int = 0
    # Ids of entries that passed (stored, blocked or skipped): no longer quarantined.
    cleared: set[str] = field(default_factory=set)
    since_id: int | None = None


@dataclass
class SyncReport:
    """What a merge left out, for the command's summary."""

    unknown_targets: list[str] = field(default_factory=list)
    skipped: Counter = field(default_factory=Counter)


def page_url(api_url: str, params: dict[str, object]) -> str:
    """The API URL with `params` encoded in a fixed order."""
    return f"{api_url}?{urlencode(params)}"


def fetch_entries(
    fetcher: Fetcher,
    api_url: str,
    *,
    domain: str,
    token: str,
    since_id: int | None,
    per_page: int,
    max_pages: int,
    max_text: int,
    moderation: Moderation,
) -> Fetched:
    """Every entry the API has for `domain` (newer than `since_id` if given), judged one by one.

    Pages are 0-based and carry no "next" link: the last page is the first
    one holding fewer than `per_page` entries.
    """
    fetched = Fetched()
    for page in range(max_pages):
        params: dict[str, object] = {"domain": domain, "token": token}
        if since_id is not None:
            params["since_id"] = since_id
        params.update({"per-page": per_page, "page": page, "sort-by": "created", "sort-dir": "up"})
        try:
            children = split_page(fetcher(page_url(api_url, params)), per_page)
        except PageError as error:
            raise SyncError(f"page {page}: {error}") from None
        for raw in children:
            _judge(raw, page, fetched, moderation, max_text)
        if len(children) < per_page:
            return fetched
    raise SyncError(f"more than {max_pages} pages of mentions: raise MENTIONS['max_pages']")


def _judge(
    raw: RawEntry, page: int, fetched: Fetched, moderation: Moderation, max_text: int
) -> None:
    """Moderate, validate and keep or quarantine one entry; never raises for the entry's content."""
    try:
        entry = parse_entry(raw.data)
    except (ValueError, RecursionError) as error:
        reason = "not JSON: " + (
            "nested too deeply" if isinstance(error, RecursionError) else str(error)
        )
        if moderation.blocks_raw(
            sources=raw_strings(raw.data, "wm-source") + raw_strings(raw.data, "url"),
            author_names=raw_strings(raw.data, "name"),
        ):
            fetched.blocked += 1
            return
        fetched.rejected.append(_rejection(raw, page, _UNPARSED, reason))
        return
    wm_id = _wm_id(entry)
    if wm_id is not None:
        fetched.since_id = max(fetched.since_id or 0, wm_id)
    if _blocked(entry, moderation):
        fetched.blocked += 1
        if wm_id is not None:
            fetched.cleared.add(f"wm-id {wm_id}")
        return
    try:
        incoming = from_jf2(entry, "entry", max_text)
        urlsplit(incoming.target.strip())  # the target resolver must be able to read it
        if incoming.wm_id > MAX_WM_ID:
            raise ValueError(f"entry.wm-id: {incoming.wm_id} is larger than any webmention.io id")
        if incoming.mention is not None:
            check_storable(incoming.mention, f"entry (wm-id {incoming.wm_id})")
    except (ValueError, OverflowError, RecursionError) as error:
        fetched.rejected.append(_rejection(raw, page, entry, str(error)))
        return
    except Exception as error:  # one entry must never stop the others
        reason = f"unexpected {type(error).__name__} while reading it"
        fetched.rejected.append(_rejection(raw, page, entry, reason))
        return
    fetched.cleared.add(f"wm-id {incoming.wm_id}")
    fetched.entries.append(incoming)


def _wm_id(entry: object) -> int | None:
    wm_id = entry.get("wm-id") if isinstance(entry, dict) else None
    if isinstance(wm_id, int) and not isinstance(wm_id, bool) and 0 < wm_id <= MAX_WM_ID:
        return wm_id
    return None


def _blocked(entry: object, moderation: Moderation) -> bool:
    if not isinstance(entry, dict):
        return False
    author = entry.get("author")
    author = author if isinstance(author, dict) else {}
    return moderation.blocks_raw(
        sources=(entry.get("wm-source"), entry.get("url")),
        author_urls=(author.get("url"),),
        author_names=(author.get("name"),),
    )


def _rejection(raw: RawEntry, page: int, entry: object, reason: str) -> Rejection:
    if isinstance(entry, dict):
        wm_id = entry.get("wm-id")
        name = f"wm-id {wm_id}" if isinstance(wm_id, int | str) and wm_id != "" else None
        received = entry.get("wm-received")
    elif entry is not _UNPARSED:
        name = received = None
    else:  # read what can be read from the raw text
        match = _RAW_WM_ID.search(raw.data)
        name = f"wm-id {match.group(1).decode('utf-8', 'replace')}" if match else None
        received = next(iter(raw_strings(raw.data, "wm-received")), None)
    # The line names the entry already: "entry (wm-id 7).published: ..." -> "published: ...".
    reason = _ENTRY_PREFIX.sub("", reason)
    return rejection(ORIGIN, name or f"page {page} entry {raw.index}", reason, received, raw.data)


def raw_strings(data: bytes, key: str) -> list[str]:
    """The string values of `key` anywhere in an entry that does not parse as a whole."""
    values = []
    for match in _raw_field(key).finditer(data):
        try:
            values.append(json.loads(match.group(1).decode("utf-8")))
        except ValueError:
            continue
    return values


@cache
def _raw_field(key: str) -> re.Pattern[bytes]:
    return re.compile(rf'"{re.escape(key)}"\s*:\s*({_RAW_STRING})'.encode())


def merge(
    store: dict[str, list[Mention]],
    incoming: Iterable[Incoming],
    *,
    resolver: TargetResolver,
    known_slugs: set[str],
    full: bool,
    unreadable: set[str] = frozenset(),
) -> tuple[dict[str, list[Mention]], SyncReport]:
    """The store after taking in `incoming`, and a report of what was left out.

    Incremental: new ids are added and known ones updated. Full: the
    webmention.io mentions become exactly the accepted incoming ones, so
    mentions deleted or blocked upstream disappear. Imported and manual
    mentions are never touched, nor are stored mentions whose ids are in
    `unreadable` (quarantined this time: not read, so not known to be gone). Private and RSVP entries and entries for
    unknown targets are never stored (blocked ones never get here).
    """
    report = SyncReport()
    # webmention.io ids are unique across the site; imported ones only per article.
    previous = {m.id: m for ms in store.values() for m in ms if m.origin == "webmention.io"}
    accepted: dict[str, tuple[str, Mention]] = {}
    for entry in incoming:
        mention = entry.mention
        if entry.private:
            report.skipped["private"] += 1
            continue
        if mention is None:
            report.skipped["RSVP"] += 1
            continue
        slug = resolver.slug_for(entry.target)
        if slug not in known_slugs:
            if entry.target not in report.unknown_targets:
                report.unknown_targets.append(entry.target)
            continue
        old = previous.get(mention.id)
        if old and old.author_photo == mention.author_photo:
            mention = replace(mention, author_avatar=old.author_avatar)
        accepted[mention.id] = (slug, mention)

    result = {
        slug: [
            m
            for m in mentions
            if m.id not in accepted
            and not (full and m.origin == "webmention.io" and m.id not in unreadable)
        ]
        for slug, mentions in store.items()
    }
    for slug, mention in accepted.values():
        result.setdefault(slug, []).append(mention)
    return result, report
