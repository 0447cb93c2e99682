"""Reactions read straight from Bluesky and Mastodon: judged, merged, and kept once.

For each article's posts (syndication.posts: `_syndication.json` and the
`Bluesky:`/`Mastodon:` headers), bluesky.py and mastodon.py read the
reactions; each is judged like a webmention.io entry: moderation first on
the strings as received, then the one cleaning (`model.clean_mention`) and
the store's read-back check; a bad one is quarantined with one line (origin
`bluesky`/`mastodon`, named by its id) and the rest goes on.

A post that is gone or refused upstream (PostGone: 4xx other than 429) is
one warning line and is skipped; an unusable answer (5xx, timeout, a body
that is not JSON, a 429 that asks for too long a wait) raises SyncError,
and the command writes nothing. A post counts as read in full when every
list was read to its end; only then does a full sync remove its stored
reactions that are no longer there (quarantined ones stay, as for
webmention.io).

Dedupe: Bridgy sends the same reactions through webmention.io, with URLs
that name them the same way (`…/post/<rkey>#liked_by_<DID>`,
`…/<status id>#favorited-by-<account id>`, a reply's own URL). When a
webmention.io mention and a direct one are the same reaction, the direct one
is kept and the other dropped, whichever arrived first: the direct one is
re-read from the post itself on every sync (so edits and deletions reach the
store without a bridge), carries the reply's own date and text, and its id
depends on no middleman.
"""

import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from urllib.parse import urlsplit

from syndication.posts import BlueskyPost, MastodonPost, Post, parse_post

from . import bluesky, mastodon
from .json_entries import parse_entry
from .model import Mention, clean_mention
from .moderation import Moderation
from .quarantine import Rejection, rejection
from .reactions import UNPARSED, Get, Harvest, Item, Limits, PostGone
from .settings import MentionsSettings
from .store import check_storable

NETWORKS = (bluesky.NETWORK, mastodon.NETWORK)
_FRAGMENTS = {
    "liked_by_": "like",
    "reposted_by_": "repost",
    "favorited-by-": "like",
    "reblogged-by-": "repost",
}


@dataclass(frozen=True)
class PostReactions:
    """What one post yielded: its accepted mentions, and what a full sync may remove."""

    slug: str
    network: str
    mentions: list[Mention]
    complete: bool
    unreadable: frozenset[str]


@dataclass
class Collected:
    """Everything direct collection read, for the command to merge, quarantine and report."""

    posts: list[PostReactions] = field(default_factory=list)
    rejected: list[Rejection] = field(default_factory=list)
    cleared: set[tuple[str, str]] = field(default_factory=set)
    blocked: int = 0
    lines: list[str] = field(default_factory=list)


def collect(
    posts: Mapping[str, Mapping[str, Post]],
    current: Mapping[str, list[Mention]],
    get: Get,
    *,
    settings: MentionsSettings,
    moderation: Moderation,
    now: datetime,
    monotonic: Callable[[], float] = time.monotonic,
) -> Collected:
    """Read every post of `posts` (slug -> network -> post) and judge each reaction."""
    collected = Collected()
    limits = Limits(
        settings.collect_max_pages, settings.collect_max_reactions, settings.collect_reply_depth
    )
    end = monotonic() + settings.collect_time_budget
    for slug in sorted(posts):
        for network, post in sorted(posts[slug].items()):
            if monotonic() > end:
                collected.lines.append(
                    f"not read this time (collect_time_budget): {post.url}; the next sync will"
                )
                continue
            try:
                post, harvest = _read(post, get, settings, limits)
            except PostGone as error:
                collected.lines.append(f"warning: {post.url}: {error}; skipped, nothing changed")
                continue
            collected.lines += harvest.notes
            previous = {m.id: m for m in current.get(slug, []) if m.origin == network}
            collected.posts.append(
                _judge(slug, network, post, harvest, previous, moderation, now, settings, collected)
            )
    return collected


def _read(post: Post, get: Get, settings: MentionsSettings, limits: Limits) -> tuple[Post, Harvest]:
    if isinstance(post, BlueskyPost):
        return bluesky.read(post, get, settings.bluesky_appview, limits)
    return post, mastodon.read(post, get, limits)


def _judge(
    slug: str,
    network: str,
    post: Post,
    harvest: Harvest,
    previous: dict[str, Mention],
    moderation: Moderation,
    now: datetime,
    settings: MentionsSettings,
    collected: Collected,
) -> PostReactions:
    protocol = bluesky if network == bluesky.NETWORK else mastodon
    accepted: dict[str, Mention] = {}
    unreadable = set()
    for item in harvest.items:
        if moderation.blocks_raw(**protocol.raw_fields(item)):
            collected.blocked += 1
            collected.cleared.add((network, item.name))
            continue
        old = previous.get(item.name)
        seen = old.published if old else now
        received = (old.received or now) if old else now
        try:
            if item.value is UNPARSED:
                parse_entry(item.data)  # raises, saying why
            mention = _mention(protocol, item, post, seen, received, settings.max_text)
        except (ValueError, OverflowError, RecursionError) as error:
            unreadable.add(item.name)
            reason = str(error) if item.value is not UNPARSED else f"not JSON: {error}"
            collected.rejected.append(_rejection(network, item, reason))
            continue
        except Exception as error:  # one reaction must never stop the others
            unreadable.add(item.name)
            reason = f"unexpected {type(error).__name__} while reading it"
            collected.rejected.append(_rejection(network, item, reason))
            continue
        collected.cleared.add((network, item.name))
        if old and old.author_photo == mention.author_photo:
            mention = replace(mention, author_avatar=old.author_avatar)
        # A quote that is also a reply is one post: the reply, read first, stays.
        accepted.setdefault(mention.id, mention)
    return PostReactions(
        slug, network, list(accepted.values()), harvest.complete, frozenset(unreadable)
    )


def _mention(
    protocol, item: Item, post: Post, seen: datetime, received: datetime, max_text: int
) -> Mention:
    mention = clean_mention(protocol.to_mention(item, post, seen, received), "reaction", max_text)
    if mention.id != item.name:
        raise ValueError("its id is not the one it was read under")
    check_storable(mention, "reaction")
    return mention


def _rejection(network: str, item: Item, reason: str) -> Rejection:
    value = item.value if isinstance(item.value, dict) else {}
    record = value.get("record") if isinstance(value.get("record"), dict) else {}
    date = value.get("created_at") or value.get("createdAt") or record.get("createdAt")
    return rejection(network, item.name, reason, date, item.data)


def merge(
    store: Mapping[str, list[Mention]], posts: Iterable[PostReactions], *, full: bool
) -> dict[str, list[Mention]]:
    """The store with each post's reactions added or updated by id.

    With `full`, a post read in full also loses its stored reactions that
    were not read again (except those quarantined this time).
    """
    result = {slug: list(mentions) for slug, mentions in store.items()}
    for post in posts:
        fresh = {m.id: m for m in post.mentions}
        gone_allowed = full and post.complete
        kept = [
            m
            for m in result.get(post.slug, [])
            if m.id not in fresh
            and not (gone_allowed and m.origin == post.network and m.id not in post.unreadable)
        ]
        result[post.slug] = kept + list(fresh.values())
    return result


def drop_bridged(store: Mapping[str, list[Mention]]) -> tuple[dict[str, list[Mention]], int]:
    """The store without webmention.io mentions that repeat a direct one; how many went."""
    result = {}
    dropped = 0
    for slug, mentions in store.items():
        direct = set()
        for mention in mentions:
            if mention.origin in NETWORKS:
                direct |= reaction_keys(mention)
        kept = [
            m for m in mentions if not (m.origin == "webmention.io" and reaction_keys(m) & direct)
        ]
        dropped += len(mentions) - len(kept)
        result[slug] = kept
    return result, dropped


def reaction_keys(mention: Mention) -> set[tuple[str, ...]]:
    """What names the reaction a mention is, comparable between Bridgy and direct collection.

    A like or repost: network, kind, the post and the actor (Bluesky: the
    post's record key and the DID; Mastodon: the instance, status id and
    account id). A post (reply, quote): its record key, or its instance and
    status id, from its URL and, for direct ones, its id too.
    """
    urls = [mention.url]
    if mention.origin in NETWORKS:
        urls.append(mention.id.removeprefix(f"{mention.origin}:"))
    keys = set()
    for url in urls:
        key = _url_key(url)
        if key:
            keys.add(key)
    return keys


def _url_key(url: str) -> tuple[str, ...] | None:
    address, _, fragment = url.partition("#")
    kind = next((k for prefix, k in _FRAGMENTS.items() if fragment.startswith(prefix)), None)
    actor = fragment.split("-by-", 1)[-1].split("_by_", 1)[-1] if kind else ""
    if address.startswith("at://"):
        rkey = address.removeprefix("at://").split("/")[2:3]
        return ("bluesky", kind or "post", rkey[0], actor) if rkey and rkey[0] else None
    for network in NETWORKS:
        try:
            post = parse_post(network, address)
        except ValueError:
            continue
        if isinstance(post, BlueskyPost):
            return ("bluesky", kind or "post", post.rkey, actor)
        if isinstance(post, MastodonPost):
            host = urlsplit(post.origin).netloc.lower()
            return ("mastodon", kind or "post", host, post.status_id, actor)
    return None
