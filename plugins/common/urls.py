"""The one check for an outside URL that may be stored, linked to or fetched.

Outside data (mentions, imports, fetched pages) names URLs that end up in
`href` attributes, feeds and requests. Only absolute http(s) URLs with a host
pass, without credentials, whitespace, control characters or the characters
that would break out of an HTML attribute (`<`, `>`, `"`, backslash), and
within a length cap.
"""

import re
from urllib.parse import urlsplit

MAX_URL_LENGTH = 2048
_FORBIDDEN = re.compile(
    r'[\x00-\x20\x7f-\x9f<>"\\`{}|^]|[\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff]'
)


def http_url(value: object) -> str | None:
    """`value` (outer whitespace removed) if it is an acceptable absolute http(s) URL, else None."""
    if not isinstance(value, str):
        return None
    value = value.strip()
    if not value or len(value) > MAX_URL_LENGTH or _FORBIDDEN.search(value):
        return None
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    if parts.username is not None or parts.password is not None:
        return None
    return value


def is_http_url(value: object) -> bool:
    """Whether `value` passes `http_url`."""
    return http_url(value) is not None
