"""The `LINKBACKS` setting: defaults and validation in one place.

Keys:
    ignore (list of str, default: links to images, PDFs, audio, video and
        archives): regular expressions; a link whose absolute URL matches any of
        them (`re.search`) is never notified. Setting the key replaces the default
        list, so copy `DEFAULT_IGNORE` into yours to keep it.
    allow_networks (list of str, default []): CIDR networks ("127.0.0.1/32")
        whose addresses may be contacted although they are loopback, private,
        link-local or otherwise non-public. For tests only; leave empty on a site.
    timeout (float, default 10.0): seconds allowed for one target, discovery and
        sending together, however slowly a server drips its answer.
    max_bytes (int, default 1048576): bytes read from any one response; the rest
        is dropped (an endpoint announced later in a huge page is not seen).
        Discovery parses at most the first 1 MiB, whatever this allows.
    max_redirects (int, default 5): redirects followed while fetching a target.
    max_attempts (int, default 3): sends tried for one target when its server
        keeps failing (5xx, 408, 429, timeouts, connection errors), one per run;
        then the target is given up until the article changes. Other 4xx answers
        are final.
    outbox (str, default "content/mentions/_outbox.json"): the state file,
        relative to the directory of the settings file; commit it.
    user_agent (str, default "Reconnect-Linkbacks/1.0 (Webmention; Pingback)"):
        the User-Agent of every request.
"""

import ipaddress
import re
from dataclasses import dataclass, fields
from pathlib import Path

from known_keys import reject_unknown_keys
from safe_http import IPNetwork

DEFAULT_IGNORE = (r"\.(?:pdf|png|jpe?g|gif|webp|avif|svg|mp3|mp4|webm|zip|gz)(?:[?#]|$)",)


@dataclass(frozen=True)
class LinkbacksSettings:
    """Validated `LINKBACKS` values, with `ignore` compiled and `outbox` absolute."""

    ignore: tuple[re.Pattern, ...]
    allow_networks: tuple[IPNetwork, ...]
    timeout: float
    max_bytes: int
    max_redirects: int
    max_attempts: int
    outbox: Path
    user_agent: str


DEFAULTS = {
    "ignore": list(DEFAULT_IGNORE),
    "allow_networks": [],
    "timeout": 10.0,
    "max_bytes": 1024 * 1024,
    "max_redirects": 5,
    "max_attempts": 3,
    "outbox": "content/mentions/_outbox.json",
    "user_agent": "Reconnect-Linkbacks/1.0 (Webmention; Pingback)",
}


def load_settings(raw: dict | None, base_dir: Path) -> LinkbacksSettings:
    """Merge `raw` over `DEFAULTS`; raise ValueError naming the first bad key.

    `base_dir` is the directory of the settings file; a relative `outbox` is
    taken from there so the command behaves the same from any working directory.
    """
    raw = dict(raw or {})
    reject_unknown_keys("LINKBACKS", raw, (field.name for field in fields(LinkbacksSettings)))
    merged = {**DEFAULTS, **raw}
    return LinkbacksSettings(
        ignore=tuple(_pattern(p) for p in _str_list(merged, "ignore")),
        allow_networks=tuple(_network(n) for n in _str_list(merged, "allow_networks")),
        timeout=_positive_number(merged, "timeout"),
        max_bytes=_count(merged, "max_bytes", minimum=1),
        max_redirects=_count(merged, "max_redirects", minimum=0),
        max_attempts=_count(merged, "max_attempts", minimum=1),
        outbox=base_dir / _text(merged, "outbox"),
        user_agent=_text(merged, "user_agent"),
    )


def _str_list(merged: dict, key: str) -> list[str]:
    value = merged[key]
    if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
        raise ValueError(f"LINKBACKS['{key}'] must be a list of strings, got {value!r}")
    return list(value)


def _pattern(text: str) -> re.Pattern:
    try:
        return re.compile(text)
    except re.error as error:
        raise ValueError(f"LINKBACKS['ignore']: bad regular expression {text!r}: {error}") from None


def _network(text: str) -> IPNetwork:
    try:
        return ipaddress.ip_network(text)
    except ValueError as error:
        raise ValueError(f"LINKBACKS['allow_networks']: {error}") from None


def _positive_number(merged: dict, key: str) -> float:
    value = merged[key]
    # bool is an int subclass; True is a typo here, not 1.
    if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
        raise ValueError(f"LINKBACKS['{key}'] must be a positive number, got {value!r}")
    return float(value)


def _count(merged: dict, key: str, minimum: int) -> int:
    value = merged[key]
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise ValueError(f"LINKBACKS['{key}'] must be an integer >= {minimum}, got {value!r}")
    return value


def _text(merged: dict, key: str) -> str:
    value = merged[key]
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"LINKBACKS['{key}'] must be a non-empty string, got {value!r}")
    return value
