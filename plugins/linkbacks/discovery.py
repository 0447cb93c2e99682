"""Find where a target page wants to be notified: Webmention first, else Pingback.

Webmention discovery follows the W3C Recommendation (12 January 2017, §3.1.2):
the first `Link` HTTP header with the rel token `webmention` wins; otherwise the
first `<link>` or `<a>` element with that rel token and an `href`, in document
order, found by parsing the HTML (so comments and escaped text never count). An
empty `href` means the page itself. Relative URLs resolve against the final URL
after redirects, and the endpoint keeps its query string.

Pingback 1.0 discovery: the `X-Pingback` header, else the first
`<link rel="pingback" href>`.
"""

import re
from dataclasses import dataclass
from urllib.parse import urljoin

from bs4 import BeautifulSoup
from safe_http import Response

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})

# One link-value of a Link header (RFC 8288): `<uri>` and its parameters, where a
# quoted parameter value may itself contain commas or semicolons.
_LINK_VALUE = re.compile(r'<(?P<uri>[^>]*)>(?P<params>(?:[^,"]|"(?:[^"\\]|\\.)*")*)')
_PARAM = re.compile(
    r';\s*(?P<name>[^\s=;,]+)\s*(?:=\s*(?:"(?P<quoted>(?:[^"\\]|\\.)*)"|(?P<token>[^\s;,]*)))?'
)


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


def discover(response: Response) -> Endpoints:
    """The Webmention and Pingback endpoints of the page in `response`."""
    webmention = _from_link_headers(response, "webmention")
    pingback = response.headers.get("X-Pingback")
    if pingback is not None:
        pingback = urljoin(response.url, pingback.strip())
    if response.media_type in HTML_TYPES and (webmention is None or pingback is None):
        soup = BeautifulSoup(response.text(), "html.parser")
        if webmention is None:
            webmention = _first_element(soup, ["link", "a"], "webmention", response.url)
        if pingback is None:
            pingback = _first_element(soup, ["link"], "pingback", response.url)
    return Endpoints(webmention=webmention, pingback=pingback)


def _from_link_headers(response: Response, rel: str) -> str | None:
    for header in response.headers.get_all("Link") or []:
        for uri, rels in link_header_values(header):
            if rel in rels:
                return urljoin(response.url, uri)
    return None


def _first_element(soup: BeautifulSoup, names: list[str], rel: str, base: str) -> str | None:
    for element in soup.find_all(names):
        # bs4 splits the multi-valued rel attribute into a list of tokens.
        tokens = [token.lower() for token in element.get("rel") or []]
        if rel in tokens and element.has_attr("href"):
            return urljoin(base, element["href"].strip())
    return None
