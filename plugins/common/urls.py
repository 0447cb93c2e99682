"""The one check for an outside URL that may be stored, linked to or fetched.

Outside data (mentions, imports, fetched pages) names URLs that end up in
`href` attributes, feeds and requests. Only absolute http(s) URLs with a host
pass, without credentials, whitespace, control characters or the characters
that would break out of an HTML attribute (`<`, `>`, `"`, backslash), and
within a length cap. Nor may they hold any of UNSAFE_CHARACTERS, which text
cleaning (mentions.model.clean_text) removes from outside text.
"""

import re
from urllib.parse import urlsplit

MAX_URL_LENGTH = 2048
# A regex character-class body: characters that must never reach a page, a
# feed or a file from outside. C0 and C1 controls except tab and newlines,
# bidi embeddings, overrides, isolates and marks (they reorder what follows
# them on a page), zero-width and other invisible format characters, the BOM,
# lone surrogates (UTF-8 cannot encode them) and non-characters (XML refuses
# U+FFFE and U+FFFF; the others have no business in text either).
UNSAFE_CHARACTERS = (
    "\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f"
    "\ud800-\udfff\ufdd0-\ufdef\ufeff\ufff9-\ufffb\ufffe\uffff"
    + "".join(chr(plane << 16 | 0xFFFE) + chr(plane << 16 | 0xFFFF) for plane in range(1, 17))
)
_FORBIDDEN = re.compile(f'[{UNSAFE_CHARACTERS}\\s<>"\\\\`{{}}|^]')


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
