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

from common.urls import is_http_url
from known_keys import reject_unknown_keys


@dataclass(frozen=True)
class MentionsSettings:
    path: str = "mentions"
    avatars_dir: str = "images/avatars"
    api_url: str = "https://webmention.io/api/mentions.jf2"
    domain: str | None = None
    per_page: int = 100
    max_pages: int = 100
    timeout: float = 30.0
    max_response_bytes: int = 20 * 1024 * 1024
    max_text: int = 2000
    avatar_max_bytes: int = 65536
    avatar_max_side: int = 512
    avatar_allow_private_hosts: bool = False
    max_names: int = 5
    quote_length: int = 280
    fold_after: int = 8
    networks_max: int = 6
    replies_shown: int = 10
    replies_max: int = 30
    excerpts_shown: int = 5
    excerpts_max: int = 20


DEFAULTS = {f.name: f.default for f in fields(MentionsSettings)}
_TYPES = {
    "path": str,
    "avatars_dir": str,
    "api_url": str,
    "domain": (str, type(None)),
    "timeout": (int, float),
    "avatar_allow_private_hosts": bool,
}


def load_settings(raw: dict | None) -> MentionsSettings:
    """Merge `raw` over DEFAULTS; raise ValueError naming the first bad key."""
    raw = dict(raw or {})
    reject_unknown_keys("MENTIONS", raw, DEFAULTS)
    for key, value in raw.items():
        expected = _TYPES.get(key, int)
        if isinstance(value, bool) and expected is not bool:
            raise ValueError(f"MENTIONS[{key!r}] must not be a boolean")
        if not isinstance(value, expected):
            raise ValueError(f"MENTIONS[{key!r}] has the wrong type: {value!r}")
        if expected in (int, (int, float)) and value <= 0:
            raise ValueError(f"MENTIONS[{key!r}] must be positive")
        if expected is str and not value:
            raise ValueError(f"MENTIONS[{key!r}] must not be empty")
    if not is_http_url(raw.get("api_url", DEFAULTS["api_url"])):
        raise ValueError("MENTIONS['api_url'] must be an http(s) URL")
    settings = MentionsSettings(**{**DEFAULTS, **raw})
    for shown, most in (("replies_shown", "replies_max"), ("excerpts_shown", "excerpts_max")):
        if getattr(settings, most) < getattr(settings, shown):
            raise ValueError(f"MENTIONS[{most!r}] must be at least MENTIONS[{shown!r}]")
    return settings
