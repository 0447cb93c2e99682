"""The `MENTIONS` setting: defaults and validation in one place.

Keys (all optional):
    path (str, "mentions"): the mentions directory, relative to Pelican's PATH.
    avatars_dir (str, "images/avatars"): where `sync --avatars` saves author
        photos, relative to PATH; must lie inside a STATIC_PATHS entry so
        Pelican publishes it.
    api_url (str, "https://webmention.io/api/mentions.jf2"): the JF2 API
        endpoint. It is fetched through the public-only guard (downloads.py);
        an IP address written literally here is the one exception, which is
        how tests point it at a loopback server.
    domain (str or None, None): the webmention.io domain to read; None means
        the host of SITEURL in the settings file the command reads.
    per_page (int, 100): mentions asked for per API page.
    max_pages (int, 100): a sync needing more pages than this fails.
    timeout (float, 30.0): seconds one HTTP request may take, in total,
        redirects included.
    max_response_bytes (int, 20 MiB): a larger API response is refused.
    max_text (int, 2000): stored text is cut to this many characters.
    avatar_max_bytes (int, 65536): a larger avatar is refused.
    avatar_max_side (int, 512): an avatar wider or taller than this is refused.
    avatar_allow_private_hosts (bool, False): allow avatar downloads from
        loopback and private networks (downloads.PRIVATE_NETWORKS; never
        link-local); only tests turn this on.
    collect_direct (bool, True): sync also reads the reactions to each
        article's Bluesky and Mastodon posts straight from those networks
        (README "Direct collection").
    bluesky_appview (str, "https://public.api.bsky.app"): the Bluesky
        AppView read without login; an IP address written literally here is
        allowed through the guard, as for api_url.
    collect_max_pages (int, 10): pages read per list (likes, reposts,
        quotes, favourites, boosts) of one post; the rest waits for a later
        run, and the post does not count as read in full.
    collect_max_reactions (int, 500): reactions of one kind read per post,
        likewise.
    collect_reply_depth (int, 6): levels of nested Bluesky replies read.
    collect_max_wait (float, 30.0): the longest wait, in seconds, a 429's
        Retry-After or a rate-limit reset may ask for; longer fails the sync.
    collect_time_budget (float, 600.0): seconds for reading all posts; the
        posts not started in time are left for the next run.
    collect_allow_private_hosts (bool, False): allow Mastodon instances on
        loopback and private networks (downloads.PRIVATE_NETWORKS; never
        link-local); only tests turn this on. A post URL comes from content,
        so without it a post on such an address is skipped with a warning.
    max_names (int, 5): names in a "mentioned on ... by" sentence before
        "and N others".
    quote_length (int, 280): the quoted text and excerpts are cut near this length.
    fold_after (int, 8): avatars in a row of likes, reposts or bookmarks before "+N more".
    networks_max (int, 6): networks with a "mentioned on ..." sentence of their
        own; further networks are only counted.
    replies_shown (int, 10): replies shown in full (up to max_text), oldest first.
    replies_max (int, 30): replies a page holds at most; those after
        replies_shown sit in a closed <details>, cut to quote_length, and
        any beyond are only counted ("…and 4,970 more replies").
    excerpts_shown (int, 5): excerpts from the web shown before the fold.
    excerpts_max (int, 20): excerpts a page holds at most, as for replies_max.
"""

from dataclasses import dataclass, fields
from typing import Annotated

from common.urls import is_http_url
from known_keys.typed_fields import Rule, at_least, load_fields, non_empty, positive

Count = Annotated[int, at_least(1)]


@dataclass(frozen=True)
class MentionsSettings:
    path: Annotated[str, non_empty] = "mentions"
    avatars_dir: Annotated[str, non_empty] = "images/avatars"
    api_url: Annotated[str, Rule(is_http_url, "an http(s) URL")] = (
        "https://webmention.io/api/mentions.jf2"
    )
    domain: str | None = None
    per_page: Count = 100
    max_pages: Count = 100
    timeout: Annotated[float, positive] = 30.0
    max_response_bytes: Count = 20 * 1024 * 1024
    max_text: Count = 2000
    avatar_max_bytes: Count = 65536
    avatar_max_side: Count = 512
    avatar_allow_private_hosts: bool = False
    collect_direct: bool = True
    bluesky_appview: Annotated[str, Rule(is_http_url, "an http(s) URL")] = (
        "https://public.api.bsky.app"
    )
    collect_max_pages: Count = 10
    collect_max_reactions: Count = 500
    collect_reply_depth: Count = 6
    collect_max_wait: Annotated[float, positive] = 30.0
    collect_time_budget: Annotated[float, positive] = 600.0
    collect_allow_private_hosts: bool = False
    max_names: Count = 5
    quote_length: Count = 280
    fold_after: Count = 8
    networks_max: Count = 6
    replies_shown: Count = 10
    replies_max: Count = 30
    excerpts_shown: Count = 5
    excerpts_max: Count = 20


DEFAULTS = {f.name: f.default for f in fields(MentionsSettings)}


def load_settings(raw: dict | None) -> MentionsSettings:
    """Merge `raw` over DEFAULTS; raise ValueError naming the first bad key."""
    settings = load_fields("MENTIONS", MentionsSettings, raw)
    for shown, most in (("replies_shown", "replies_max"), ("excerpts_shown", "excerpts_max")):
        if getattr(settings, most) < getattr(settings, shown):
            raise ValueError(f"MENTIONS[{most!r}] must be at least MENTIONS[{shown!r}]")
    return settings
