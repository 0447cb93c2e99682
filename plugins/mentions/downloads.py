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

Direct collection (`direct_getter`) reads the Bluesky AppView and each
post's Mastodon instance the same way: the literal-address rule holds for
`bluesky_appview` (a setting); a post URL comes from content (a header, the
syndication file), so its instance must be public unless the test setting
`collect_allow_private_hosts` lets PRIVATE_NETWORKS through (never
link-local), and a refused instance only skips that post. A 429 is
waited out once when `Retry-After` (or the rate-limit reset) asks for at
most `collect_max_wait` seconds, else the command fails; once a server
says no requests remain (`ratelimit-remaining`/`x-ratelimit-remaining` 0),
the next request to it waits for the reset the same way. Any other 4xx
raises PostGone (that post is skipped); a 5xx, a timeout or a body past
the cap raises SyncError.

The API URL carries the token in its query string. safe_http's messages name
hosts, never URLs, and the messages made here hold only a status and our own
words for it: no response body is ever echoed, so no error raised here can
contain the token (nor anything else a server chose to send).
"""

import ipaddress
import json
import re
from collections.abc import Callable
from datetime import datetime
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin, urlsplit

from safe_http import (
    Client,
    Deadline,
    FetchError,
    IPNetwork,
    Refused,
    Response,
    literal_network,
    retryable_status,
)

from .reactions import Get, Page, PostGone
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
POST_STATUS = {
    400: "refused",
    401: "needs a login",
    403: "needs a login",
    404: "not found",
    410: "gone",
}
_NEXT_LINK = re.compile(r'<([^>]*)>\s*;[^,]*\brel="?next"?', re.IGNORECASE)
_XRPC_ERROR = re.compile(r"[A-Za-z]{1,40}")
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
        allow_networks=literal_network(settings.api_url),
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


def direct_getter(
    settings: MentionsSettings,
    *,
    sleep: Callable[[float], None],
    clock: Callable[[], datetime],
) -> Get:
    """GET one page of a Bluesky or Mastodon API, minding rate limits (see module docstring)."""
    clients: dict[tuple[str, bool], Client] = {}
    resume_at: dict[str, float] = {}  # host -> when its rate limit resets (POSIX seconds)
    appview = settings.bluesky_appview.rstrip("/") + "/xrpc/"
    instances = PRIVATE_NETWORKS if settings.collect_allow_private_hosts else ()

    def wait(host: str, seconds: float, why: str) -> None:
        if seconds > settings.collect_max_wait:
            raise SyncError(
                f"{host}: {why}; it asks to wait {seconds:.0f} s, more than "
                f"MENTIONS['collect_max_wait'] ({settings.collect_max_wait:g} s): try later"
            )
        if seconds > 0:
            sleep(seconds)

    def get(url: str) -> Page:
        host = urlsplit(url).hostname or "?"
        # The AppView is a setting (trusted as typed); an instance comes from content.
        trusted = url.startswith(appview)
        if (host, trusted) not in clients:
            clients[host, trusted] = Client(
                user_agent=USER_AGENT,
                max_bytes=settings.max_response_bytes,
                allow_networks=literal_network(url) if trusted else instances,
            )
        for attempt in (1, 2):
            if host in resume_at:
                wait(host, resume_at.pop(host) - clock().timestamp(), "rate limit reached")
            try:
                response = clients[host, trusted].get(url, Deadline(settings.timeout), accept=JSON)
            except Refused as error:
                if trusted:
                    raise SyncError(str(error)) from None
                raise PostGone(f"refused: {error}") from None
            except FetchError as error:
                raise SyncError(str(error)) from None
            reset = _rate_limit_reset(response, clock())
            if response.status != 429:
                break
            delay = _retry_after(response, clock())
            delay = delay if delay is not None else reset
            if attempt == 2 or delay is None:
                raise SyncError(f"{host}: HTTP 429: too many requests; try again later")
            wait(host, delay, "HTTP 429 too many requests")
        if reset is not None:
            resume_at[host] = clock().timestamp() + reset
        status = response.status
        if status in POST_STATUS:
            raise PostGone(f"HTTP {status} ({POST_STATUS[status]}{_xrpc_error(response)})")
        if not 200 <= status < 300:
            meaning = "server error" if status >= 500 else "unexpected status"
            raise SyncError(f"{host}: HTTP {status}: {meaning}")
        if response.truncated:
            raise SyncError(f"{host}: response larger than {settings.max_response_bytes} bytes")
        return Page(response.body, _next_link(response))

    return get


def _retry_after(response: Response, now: datetime) -> float | None:
    """Seconds `Retry-After` asks for (a number or an HTTP date), None when absent or unreadable."""
    value = (response.headers.get("Retry-After") or "").strip()
    if value.isdigit():
        return float(value[:9])
    try:
        return (parsedate_to_datetime(value) - now).total_seconds()
    except (TypeError, ValueError, IndexError, OverflowError):
        return None


def _rate_limit_reset(response: Response, now: datetime) -> float | None:
    """Seconds until the server takes requests again, when it says none remain; else None.

    Bluesky sends `ratelimit-remaining` and `ratelimit-reset` (POSIX
    seconds), Mastodon `x-ratelimit-remaining` and `x-ratelimit-reset` (an
    ISO 8601 date-time).
    """
    for prefix in ("ratelimit-", "x-ratelimit-"):
        remaining = (response.headers.get(prefix + "remaining") or "").strip()
        if remaining != "0":
            continue
        reset = (response.headers.get(prefix + "reset") or "").strip()
        if reset.isdigit():
            seconds = float(reset[:12])
            # A small number is a delay; a large one a moment (POSIX seconds).
            return seconds - now.timestamp() if seconds > 10**9 else seconds
        try:
            return (datetime.fromisoformat(reset.replace("Z", "+00:00")) - now).total_seconds()
        except (ValueError, TypeError, OverflowError):
            return None
    return None


def _next_link(response: Response) -> str | None:
    match = _NEXT_LINK.search(response.headers.get("Link") or "")
    if match is None:
        return None
    try:
        return urljoin(response.url, match.group(1).strip())
    except ValueError:
        return None


def _xrpc_error(response: Response) -> str:
    """`: NotFound` from an XRPC error body, "" when there is none."""
    try:
        error = json.loads(response.body[:4096]).get("error")
    except (ValueError, AttributeError, RecursionError):
        return ""
    return f": {error}" if isinstance(error, str) and _XRPC_ERROR.fullmatch(error) else ""
