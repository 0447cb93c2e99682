"""Read the webmention.io JF2 API and merge what it returns into the store.

Every page is fetched and validated before the caller writes anything: a
failure anywhere raises SyncError and the store stays as it was.
"""

import json
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from urllib.parse import urlencode

from .model import Mention
from .moderation import Moderation
from .normalize import Incoming, from_jf2
from .targets import TargetResolver

Fetcher = Callable[[str], bytes]


class SyncError(Exception):
    """The API answer cannot be used; the message is one line and contains no token."""


@dataclass
class SyncReport:
    """What a sync did, for the command's summary."""

    unknown_targets: list[str] = field(default_factory=list)
    skipped: Counter = field(default_factory=Counter)
    since_id: int | None = None


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
) -> list[Incoming]:
    """Every entry the API has for `domain` (newer than `since_id` if given), validated.

    Pages are 0-based and carry no "next" link: the last page is the first
    one holding fewer than `per_page` entries.
    """
    entries: list[Incoming] = []
    for page in range(max_pages):
        params: dict[str, object] = {"domain": domain, "token": token}
        if since_id is not None:
            params["since_id"] = since_id
        params.update({"per-page": per_page, "page": page, "sort-by": "created", "sort-dir": "up"})
        children = _children(fetcher(page_url(api_url, params)), page)
        for index, child in enumerate(children):
            try:
                entries.append(from_jf2(child, f"page {page}: children[{index}]", max_text))
            except ValueError as error:
                raise SyncError(f"invalid entry: {error}") from None
        if len(children) < per_page:
            return entries
    raise SyncError(f"more than {max_pages} pages of mentions: raise MENTIONS['max_pages']")


def _children(body: bytes, page: int) -> list:
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise SyncError(f"page {page}: the response is not JSON") from None
    if not isinstance(data, dict) or not isinstance(data.get("children"), list):
        raise SyncError(f'page {page}: the response is not a JF2 feed with a "children" list')
    return data["children"]


def merge(
    store: dict[str, list[Mention]],
    incoming: Iterable[Incoming],
    *,
    resolver: TargetResolver,
    known_slugs: set[str],
    moderation: Moderation,
    full: bool,
) -> tuple[dict[str, list[Mention]], SyncReport]:
    """The store after taking in `incoming`, and a report of what was left out.

    Incremental: new ids are added and known ones updated. Full: the
    webmention.io mentions become exactly the accepted incoming ones, so
    mentions deleted or blocked upstream disappear. Imported and manual
    mentions are never touched. Private, blocked and RSVP entries and
    entries for unknown targets are never stored.
    """
    report = SyncReport()
    # webmention.io ids are unique across the site; imported ones only per article.
    previous = {m.id: m for ms in store.values() for m in ms if m.origin == "webmention.io"}
    accepted: dict[str, tuple[str, Mention]] = {}
    for entry in incoming:
        report.since_id = max(report.since_id or 0, entry.wm_id)
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
        if moderation.blocks(mention):
            report.skipped["blocked"] += 1
            continue
        old = previous.get(mention.id)
        if old and old.author_photo == mention.author_photo:
            mention = replace(mention, author_avatar=old.author_avatar)
        accepted[mention.id] = (slug, mention)

    result = {
        slug: [
            m
            for m in mentions
            if m.id not in accepted and not (full and m.origin == "webmention.io")
        ]
        for slug, mentions in store.items()
    }
    for slug, mention in accepted.values():
        result.setdefault(slug, []).append(mention)
    return result, report
