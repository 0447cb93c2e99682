"""The social networks mentions come from: one table, and the questions every module asks it.

A mention's `network` is a short name ("mastodon"); this table says which
URLs belong to a network (`network_for`), what a page calls it (`label`),
which profile a handle implies (`profile_url`) and how a post URL names its
post (`post_key`, the stable part of an import id). A name this table does
not know (a Bridgy silo we never heard of, a hand-written store record) is
still a valid network: it is shown capitalised, and nothing is derived for it.

Mastodon lives on any host, so it is recognised by the shape of a status URL
(`/@user/123`, `/users/user/statuses/123`) or by the Bridgy bridge host;
Bridgy's own URLs (`brid.gy/like/<silo>/...`) name their silo in the path.
"""

import hashlib
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

# Bridgy's source URLs name the silo: https://brid.gy/like/mastodon/@user@host/1100/2200
_BRIDGY_PATH = re.compile(r"/(?:like|repost|comment|post|react|rsvp|bookmark)/([a-z]+)/")
# A fediverse handle names its server, whatever the network the post was found on.
_FEDIVERSE_HANDLE = re.compile(r"@?(?P<user>[\w.-]+)@(?P<host>[\w.-]+\.[a-z]{2,})", re.IGNORECASE)
_BARE_HANDLE = re.compile(r"@*(?P<user>[\w.-]+)")

BLUESKY_HOST = "bsky.app"
BLUESKY_WEB = f"https://{BLUESKY_HOST}"
# The two paths of a Mastodon status URL, on any instance: /@user/123 and
# /users/user/statuses/123 (what syndication records and the sync reads too).
MASTODON_STATUS_PATH = re.compile(r"/(?:@[^/]+/([0-9]+)|users/[^/]+/statuses/([0-9]+))/?")


@dataclass(frozen=True)
class Network:
    """One network: its stored name and shown label, and what identifies its URLs.

    `hosts` are hosts whose URLs (subdomains and "www." included) belong to
    the network; `paths` matches the path of a post URL on any host. `profile`
    is a profile URL template filled with a handle's `{user}` (and `{host}`
    for a fediverse handle). `post_id` finds, in a post URL, an id that
    survives a change of host (a tweet's number on twitter.com and x.com).
    """

    name: str
    label: str
    hosts: tuple[str, ...] = ()
    paths: re.Pattern | None = None
    profile: str | None = None
    post_id: re.Pattern | None = None


WEB = "web"
NETWORKS = (
    Network(WEB, "the web"),
    Network(
        "mastodon",
        "Mastodon",
        hosts=("fed.brid.gy",),
        paths=MASTODON_STATUS_PATH,
        profile="https://{host}/@{user}",
    ),
    Network(
        "bluesky",
        "Bluesky",
        hosts=(BLUESKY_HOST, "bsky.brid.gy"),
        profile=BLUESKY_WEB + "/profile/{user}",
    ),
    Network(
        "twitter",
        "Twitter",
        hosts=("twitter.com", "x.com"),
        profile="https://twitter.com/{user}",
        post_id=re.compile(r"/status(?:es)?/(\d+)"),
    ),
    Network(
        "linkedin",
        "LinkedIn",
        hosts=("linkedin.com", "lnkd.in"),
        profile="https://www.linkedin.com/in/{user}",
    ),
    Network(
        "threads",
        "Threads",
        hosts=("threads.net", "threads.com"),
        profile="https://www.threads.net/@{user}",
    ),
    Network("github", "GitHub", hosts=("github.com",), profile="https://github.com/{user}"),
    Network("facebook", "Facebook", hosts=("facebook.com", "fb.com")),
    Network("flickr", "Flickr", hosts=("flickr.com",)),
    Network("instagram", "Instagram", hosts=("instagram.com",)),
    Network("reddit", "Reddit", hosts=("reddit.com",)),
)
_BY_NAME = {network.name: network for network in NETWORKS}


def label(name: str) -> str:
    """What a page calls the network `name` ("mastodon" -> "Mastodon", unknown -> capitalised)."""
    network = _BY_NAME.get(name)
    return network.label if network else name.capitalize()


def mastodon_status_id(path: str) -> str | None:
    """The status id in the path of a Mastodon status URL, None for any other path."""
    match = MASTODON_STATUS_PATH.fullmatch(path)
    return (match[1] or match[2]) if match else None


def network_for(*urls: str | None) -> str:
    """The network of the first of `urls` that belongs to one (a mention's source, then its post);
    "web" when none does."""
    for url in urls:
        if not url:
            continue
        parts = urlsplit(url)
        host = (parts.hostname or "").removeprefix("www.")
        if host == "brid.gy":
            match = _BRIDGY_PATH.match(parts.path)
            if match:
                return match.group(1)
        for network in NETWORKS:
            if any(host == known or host.endswith("." + known) for known in network.hosts):
                return network.name
        for network in NETWORKS:
            if network.paths and network.paths.fullmatch(parts.path):
                return network.name
    return WEB


def profile_url(handle: str, network: str) -> str | None:
    """The profile link a handle implies on `network`, if it implies one.

    A fediverse handle ("@dana@social.example") names its server, so it
    implies a Mastodon profile whatever `network` says; a bare handle ("@dana")
    implies none where profiles need a server.
    """
    handle = handle.strip()
    fediverse = _FEDIVERSE_HANDLE.fullmatch(handle)
    if fediverse:
        host = fediverse.group("host").lower()
        return _BY_NAME["mastodon"].profile.format(user=fediverse.group("user"), host=host)
    bare = _BARE_HANDLE.fullmatch(handle)
    entry = _BY_NAME.get(network)
    if not bare or not entry or not entry.profile or "{host}" in entry.profile:
        return None
    return entry.profile.format(user=bare.group("user"))


def post_key(url: str) -> str:
    """A stable key for the post at `url`: its network's post id, else a hash of the URL.

    A tweet keeps its number, so twitter.com and x.com links to one tweet
    share a key; any other post gets the first 16 hex digits of the SHA-256
    of its URL.
    """
    network = _BY_NAME.get(network_for(url))
    found = network.post_id.search(url) if network and network.post_id else None
    if found:
        return found.group(1)
    return hashlib.sha256(url.encode("utf-8")).hexdigest()[:16]
