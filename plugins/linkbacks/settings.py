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
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Annotated

from known_keys.typed_fields import From, at_least, load_fields, non_empty, positive
from safe_http import IPNetwork

DEFAULT_IGNORE = (r"\.(?:pdf|png|jpe?g|gif|webp|avif|svg|mp3|mp4|webm|zip|gz)(?:[?#]|$)",)


def _patterns(texts: tuple[str, ...]) -> tuple[re.Pattern, ...]:
    try:
        return tuple(re.compile(text) for text in texts)
    except re.error as error:
        raise ValueError(f"bad regular expression {error.pattern!r}: {error}") from None


def _networks(texts: tuple[str, ...]) -> tuple[IPNetwork, ...]:
    return tuple(ipaddress.ip_network(text) for text in texts)


@dataclass(frozen=True)
class LinkbacksSettings:
    """Validated `LINKBACKS` values, with `ignore` compiled and `outbox` absolute."""

    ignore: Annotated[tuple[re.Pattern, ...], From(tuple[str, ...], _patterns)] = DEFAULT_IGNORE
    allow_networks: Annotated[tuple[IPNetwork, ...], From(tuple[str, ...], _networks)] = ()
    timeout: Annotated[float, positive] = 10.0
    max_bytes: Annotated[int, at_least(1)] = 1024 * 1024
    max_redirects: Annotated[int, at_least(0)] = 5
    max_attempts: Annotated[int, at_least(1)] = 3
    outbox: Annotated[Path, From(str, Path), non_empty] = "content/mentions/_outbox.json"
    user_agent: Annotated[str, non_empty] = "Reconnect-Linkbacks/1.0 (Webmention; Pingback)"


def load_settings(raw: dict | None, base_dir: Path) -> LinkbacksSettings:
    """Merge `raw` over the defaults; raise ValueError naming the first bad key.

    `base_dir` is the directory of the settings file; a relative `outbox` is
    taken from there so the command behaves the same from any working directory.
    """
    settings = load_fields("LINKBACKS", LinkbacksSettings, raw)
    return replace(settings, outbox=base_dir / settings.outbox)
