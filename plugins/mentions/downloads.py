"""What the sync downloads, API pages and author photos, through `safe_http`.

Both go through the shared guard and client (plugins/safe_http): http(s) only,
every address public, each redirect (at most 5) checked again, the connection
made to the address that was checked (no DNS rebinding), `timeout` seconds for
the whole request however slowly a server drips, and a byte cap. A body that
goes past the cap is refused, not cut.

Non-public addresses are allowed in two cases, both meant for tests:

- the API: only an IP address written literally in `api_url`
  ("http://127.0.0.1:8000/api/mentions.jf2"). The site owner typed it; a host
  name gets no such trust, so the real API on webmention.io, and every place
  it redirects to, must be public.
- photos, with `avatar_allow_private_hosts`: loopback and private networks
  (`PRIVATE_NETWORKS`), never link-local, so never a cloud metadata service.

The API URL carries the token in its query string. safe_http's messages name
hosts, never URLs, and the messages made here hold only a status and our own
words for it: no response body is ever echoed, so no error raised here can
contain the token (nor anything else a server chose to send).
"""

import ipaddress
from collections.abc import Callable
from urllib.parse import urlsplit

from safe_http import Client, Deadline, FetchError, IPNetwork, Response, retryable_status

from .settings import MentionsSettings
from .sync import Fetcher, SyncError

USER_AGENT = "reconnect-mentions/1.0"
JSON = "application/json"
IMAGES = "image/png, image/jpeg, image/gif, image/webp"
# What an error status means, in our words.
API_STATUS = {
    400: "the request was refused (is the domain right?)",
    401: "the token was refused",
    403: "the token was refused",
    404: "no API at this address (is api_url right?)",
    429: "too many requests; try again later",
}
FILE_STATUS = {403: "access refused", 404: "not found", 410: "gone", 429: "too many requests"}
# What the test setting `avatar_allow_private_hosts` lets through the guard.
PRIVATE_NETWORKS: tuple[IPNetwork, ...] = tuple(
    ipaddress.ip_network(net)
    for net in (
        "127.0.0.0/8",  # loopback
        "::1/128",
        "10.0.0.0/8",  # private (RFC 1918, unique local)
        "172.16.0.0/12",
        "192.168.0.0/16",
        "fc00::/7",
    )
)


def api_fetcher(settings: MentionsSettings) -> Fetcher:
    """GET one API page and return its body; raise SyncError (without the URL) otherwise."""
    client = Client(
        user_agent=USER_AGENT,
        max_bytes=settings.max_response_bytes,
        allow_networks=_literal_address(settings.api_url),
    )

    def fetch(url: str) -> bytes:
        try:
            return _get_ok(client, url, settings.timeout, JSON, API_STATUS).body
        except FetchError as error:
            raise SyncError(f"webmention.io API: {error}") from None

    return fetch


def avatar_fetcher(settings: MentionsSettings) -> Callable[[str], Response]:
    """GET one author photo; raise FetchError for a refused host, an error, a large body or anything else."""
    client = Client(
        user_agent=USER_AGENT,
        max_bytes=settings.avatar_max_bytes,
        allow_networks=PRIVATE_NETWORKS if settings.avatar_allow_private_hosts else (),
    )

    def fetch(url: str) -> Response:
        try:
            return _get_ok(client, url, settings.timeout, IMAGES, FILE_STATUS)
        except FetchError:
            raise
        except Exception as error:  # one odd photo URL must never stop the sync
            raise FetchError(f"unexpected {type(error).__name__}", retryable=False) from None

    return fetch


def _get_ok(
    client: Client, url: str, timeout: float, accept: str, words: dict[int, str]
) -> Response:
    """GET `url` within `timeout` seconds: a complete 2xx response, else FetchError."""
    response = client.get(url, Deadline(timeout), accept=accept)
    status = response.status
    if not 200 <= status < 300:
        meaning = words.get(status) or ("server error" if status >= 500 else "unexpected status")
        raise FetchError(f"HTTP {status}: {meaning}", retryable=retryable_status(status))
    if response.truncated:
        raise FetchError(f"response larger than {client.max_bytes} bytes", retryable=False)
    return response


def _literal_address(url: str) -> tuple[IPNetwork, ...]:
    try:
        return (ipaddress.ip_network(urlsplit(url).hostname or ""),)
    except ValueError:
        return ()
