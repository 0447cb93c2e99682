"""Find where a target page wants to be notified: Webmention first, else Pingback.

Webmention discovery follows the W3C Recommendation (12 January 2017, §3.1.2):
the first `Link` HTTP header with the rel token `webmention` wins; otherwise the
first `<link>` or `<a>` element with that rel token and an `href`, in document
order, found by parsing the HTML (so comments and escaped text never count). An
empty `href` means the page itself. Relative URLs resolve against the final URL
after redirects, and the endpoint keeps its query string.

Pingback 1.0 discovery: the `X-Pingback` header, else the first
`<link rel="pingback" href>`.

The page is outside data: at most its first `MAX_PARSED_BYTES` are parsed, by
libxml2's HTML parser (lxml), whose time and memory grow linearly with its input
and which recovers from any markup instead of raising; CPython's `html.parser`
is quadratic on some inputs (64 KiB of `<a ` took a minute). libxml2 stops at
elements nested deeper than 256 levels, so an endpoint announced below such
nesting is not seen (no real page nests that deep). A URL that cannot
be parsed, or is not a plain http(s) URL (`common.urls.http_url`: no
credentials, no spaces or quotes, at most 2,048 characters), raises
`BadEndpoint`.
"""

import re
from dataclasses import dataclass
from urllib.parse import urljoin

from common.urls import http_url
from lxml import etree
from safe_http import Deadline, Response

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
MAX_PARSED_BYTES = 1024 * 1024
# ASCII whitespace separates the tokens of a rel attribute (HTML's "space-separated tokens").
_TOKEN_SEPARATOR = re.compile(r"[ \t\n\f\r]+")

# One link-value of a Link header (RFC 8288): `<uri>` and its parameters, where a
# quoted parameter value may itself contain commas or semicolons.
_LINK_VALUE = re.compile(r'<(?P<uri>[^>]*)>(?P<params>(?:[^,"]|"(?:[^"\\]|\\.)*")*)')
_PARAM = re.compile(
    r';\s*(?P<name>[^\s=;,]+)\s*(?:=\s*(?:"(?P<quoted>(?:[^"\\]|\\.)*)"|(?P<token>[^\s;,]*)))?'
)


class BadEndpoint(ValueError):
    """The page announces an endpoint whose URL cannot be parsed."""


@dataclass(frozen=True)
class Endpoints:
    """Absolute endpoint URLs announced by a target page (None when absent)."""

    webmention: str | None
    pingback: str | None


def link_header_values(header: str) -> list[tuple[str, list[str]]]:
    """Split one `Link` header into (uri, rel tokens) pairs, in order.

    Rel tokens are lower-cased; only the first `rel` parameter of a link counts.
    """
    links = []
    for match in _LINK_VALUE.finditer(header):
        rels: list[str] = []
        for param in _PARAM.finditer(match["params"]):
            if param["name"].lower() == "rel":
                value = param["quoted"] if param["quoted"] is not None else param["token"] or ""
                rels = value.lower().split()
                break
        links.append((match["uri"].strip(), rels))
    return links


def discover(response: Response, deadline: Deadline) -> Endpoints:
    """The Webmention and Pingback endpoints of the page in `response`.

    Raises BadEndpoint for an unparsable endpoint URL, and the deadline's
    FetchError when no time is left to parse the page.
    """
    webmention = _from_link_headers(response, "webmention")
    pingback = response.headers.get("X-Pingback")
    if pingback is not None:
        pingback = _absolute(response.url, pingback)
    if response.media_type in HTML_TYPES and (webmention is None or pingback is None):
        deadline.remaining()
        elements = _link_elements(response.text(MAX_PARSED_BYTES))
        if webmention is None:
            webmention = _first_href(elements, ("link", "a"), "webmention", response.url)
        if pingback is None:
            pingback = _first_href(elements, ("link",), "pingback", response.url)
    return Endpoints(webmention=webmention, pingback=pingback)


def _from_link_headers(response: Response, rel: str) -> str | None:
    for header in response.headers.get_all("Link") or []:
        for uri, rels in link_header_values(header):
            if rel in rels:
                return _absolute(response.url, uri)
    return None


def _link_elements(text: str) -> list[tuple[str, str, str | None]]:
    """(tag, rel, href) of every `<link>` and `<a>` in document order.

    Comments and escaped text are not elements, so they never count.
    """
    # libxml2 stops at a NUL, where HTML reads U+FFFD; a lone surrogate (which
    # UTF-7 can smuggle in) would make it drop the page. Both become "?"/U+FFFD.
    data = text.replace("\0", "\ufffd").encode("utf-8", errors="replace")
    parser = etree.HTMLParser(encoding="utf-8", recover=True, no_network=True, remove_comments=True)
    root = etree.fromstring(data, parser) if data.strip() else None
    if root is None:
        return []
    return [(e.tag, e.get("rel") or "", e.get("href")) for e in root.iter("link", "a")]


def _first_href(
    elements: list[tuple[str, str, str | None]], names: tuple[str, ...], rel: str, base: str
) -> str | None:
    for tag, rels, href in elements:
        tokens = _TOKEN_SEPARATOR.split(rels.lower())
        if tag in names and rel in tokens and href is not None:
            return _absolute(base, href)
    return None


def _absolute(base: str, reference: str) -> str:
    """`reference` resolved against `base`; it must then pass `common.urls.http_url`."""
    try:
        url = http_url(urljoin(base, reference.strip()))
    except ValueError:
        url = None
    if url is None:
        raise BadEndpoint("the page announces an endpoint that is not a usable http(s) URL")
    return url
