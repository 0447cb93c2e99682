"""Where each article was posted on Bluesky and Mastodon: the store file and the article headers.

`make syndicate` records every post it makes in `content/mentions/_syndication.json`:

    {"posts": {"<article slug>": {"bluesky": "https://bsky.app/profile/<did>/post/<rkey>",
                                  "mastodon": "https://<instance>/@<user>/<status id>"}},
     "pending": {"<article slug>": {"bluesky": "https://bsky.app/profile/<did>/post/<rkey>"}}}

`posts` holds only posts that exist. `pending` (present only when not empty,
Bluesky only) holds a post `make syndicate` is about to create, written
before the request and moved to `posts` once the network confirms it; when
the answer is lost it stays there, and the next run asks the PDS whether it
exists (see run.py). Nothing else reads `pending`: `parse_store` validates it
and returns the posts only.

An article may also name its posts by hand in its header (`Bluesky: <post URL>`,
`Mastodon: <post URL>`), for posts made before the tool or by hand. For one
network a header wins over the store, and nothing is posted to a network where
either names a post: that is what makes `make syndicate` idempotent.

The post URLs are what a reader clicks ("Reply on Bluesky"), and they hold all
that the mentions sync needs to read the reactions back: the author (a DID or a
handle) and record key of a Bluesky post, the instance and status id of a
Mastodon post. The shapes of both URLs are mentions.networks' (the one table
of networks, pure and loaded by the build anyway). A Mastodon URL may be plain
http so that tests can use a loopback instance; whether an address may be
contacted is safe_http's call.
"""

import re
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit

from common.files import canonical_json
from common.urls import http_url
from mentions.networks import BLUESKY_HOST, BLUESKY_WEB, mastodon_status_id

NETWORKS = ("bluesky", "mastodon")
STORE_NAME = "_syndication.json"
# The networks whose posts can be checked before posting again (a record key chosen in advance).
PENDING_NETWORKS = ("bluesky",)

# A DID (did:plc:…, did:web:…) or a handle (a domain name), as the AT Protocol writes them.
_ACTOR = re.compile(
    r"did:[a-z]+:[A-Za-z0-9._:%-]{1,2000}|"
    r"(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
)
# A record key; posts use TIDs, but any valid key names a record.
_RKEY = re.compile(r"(?!\.{1,2}$)[A-Za-z0-9._:~-]{1,512}")
_MAX_STATUS_ID = 20  # digits: Mastodon ids are 64-bit integers


@dataclass(frozen=True)
class BlueskyPost:
    """A Bluesky post: its web URL, author (DID or handle) and record key."""

    url: str
    actor: str
    rkey: str

    @property
    def at_uri(self) -> str:
        """The post's AT URI (with a handle as authority when the URL names a handle)."""
        return f"at://{self.actor}/app.bsky.feed.post/{self.rkey}"


@dataclass(frozen=True)
class MastodonPost:
    """A Mastodon status: its URL, its instance's origin (scheme://host[:port]) and its id."""

    url: str
    origin: str
    status_id: str


Post = BlueskyPost | MastodonPost
# Article slug -> network -> post: the store's `posts`, or its `pending`.
Section = dict[str, dict[str, Post]]


def bluesky_url(actor: str, rkey: str) -> str:
    """The web URL of the post `rkey` by `actor` (what createRecord's AT URI becomes)."""
    return f"{BLUESKY_WEB}/profile/{actor}/post/{rkey}"


def parse_post(network: str, value: object) -> Post:
    """The post a URL names on `network`; ValueError saying what is wrong otherwise."""
    url = http_url(value)
    if url is None:
        raise ValueError("expected an http(s) URL")
    parts = urlsplit(url)
    if network == "bluesky":
        match = re.fullmatch(r"/profile/([^/]+)/post/([^/]+)/?", parts.path)
        if parts.scheme != "https" or parts.hostname != BLUESKY_HOST or not match:
            raise ValueError("expected https://bsky.app/profile/<handle or DID>/post/<id>")
        actor, rkey = match.groups()
        if not _ACTOR.fullmatch(actor) or not _RKEY.fullmatch(rkey):
            raise ValueError("the post URL names no valid author or post id")
        return BlueskyPost(url, actor, rkey)
    if network == "mastodon":
        status_id = mastodon_status_id(parts.path.rstrip("/"))
        if status_id is None or len(status_id) > _MAX_STATUS_ID or parts.query:
            raise ValueError("expected https://<instance>/@<user>/<status id>")
        return MastodonPost(url, f"{parts.scheme}://{parts.netloc}", status_id)
    raise ValueError(f"unknown network {network!r} (known: {', '.join(NETWORKS)})")


def header_posts(header: Mapping[str, object]) -> dict[str, Post]:
    """The posts an article's header names (`Bluesky:`, `Mastodon:`; keys lower-cased).

    Raises ValueError naming the header key for a value that is not a post URL.
    """
    posts = {}
    for network in NETWORKS:
        value = header.get(network)
        if value is None or value == "":
            continue
        try:
            posts[network] = parse_post(network, value)
        except ValueError as error:
            raise ValueError(f"{network.capitalize()}: {error}") from None
    return posts


def parse_store(data: object, where: str) -> Section:
    """Validate the store file's JSON; its posts, or ValueError naming the place."""
    return _parse_store(data, where)[0]


def parse_pending(data: object, where: str) -> Section:
    """Validate the store file's JSON; its pending posts, or ValueError naming the place."""
    return _parse_store(data, where)[1]


def _parse_store(data: object, where: str) -> tuple[Section, Section]:
    if not isinstance(data, dict) or set(data) - {"posts", "pending"}:
        raise ValueError(f'{where}: expected an object with the key "posts" (and "pending")')
    return (
        _parse_section(data, where, "posts", NETWORKS),
        _parse_section(data, where, "pending", PENDING_NETWORKS),
    )


def _parse_section(data: dict, where: str, key: str, networks: tuple[str, ...]) -> Section:
    section = data.get(key, {})
    if not isinstance(section, dict):
        raise ValueError(f"{where}.{key}: expected an object mapping article slugs to posts")
    parsed: Section = {}
    for slug, by_network in section.items():
        if not slug or slug.startswith("_") or not isinstance(by_network, dict):
            raise ValueError(f"{where}.{key}[{slug!r}]: expected an article slug and an object")
        parsed[slug] = {}
        for network, url in by_network.items():
            try:
                if network not in networks:
                    raise ValueError(f"unknown network {network!r} (known: {', '.join(networks)})")
                parsed[slug][network] = parse_post(network, url)
            except ValueError as error:
                raise ValueError(f"{where}.{key}[{slug!r}].{network}: {error}") from None
    return parsed


def store_bytes(
    store: Mapping[str, Mapping[str, Post]],
    pending: Mapping[str, Mapping[str, Post]] | None = None,
) -> bytes:
    """The store file's bytes: canonical JSON, slugs and networks sorted, empty entries dropped.

    `pending` is written only when it holds a post, so a store without one
    keeps the bytes it always had.
    """
    data = {"posts": _urls(store)}
    if pending_urls := _urls(pending or {}):
        data["pending"] = pending_urls
    return canonical_json(data).encode("utf-8")


def _urls(section: Mapping[str, Mapping[str, Post]]) -> dict[str, dict[str, str]]:
    return {
        slug: {network: post.url for network, post in sorted(by_network.items())}
        for slug, by_network in sorted(section.items())
        if by_network
    }


def article_posts(
    store: Mapping[str, Mapping[str, Post]], slug: str, header: Mapping[str, object]
) -> dict[str, Post]:
    """An article's posts, network by network: its header's, else the store's."""
    return {**store.get(slug, {}), **header_posts(header)}
