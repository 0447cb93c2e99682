"""Bounded HTTP GETs for sync and avatars (standard library only).

Each request has a total deadline (not only a per-read timeout, which a
server dripping one byte at a time would never trigger) and a size cap.
Error messages never contain the requested URL: the API URL carries the token.
"""

import ipaddress
import json
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass
from http.client import HTTPResponse
from urllib.error import HTTPError, URLError
from urllib.parse import urlsplit
from urllib.request import HTTPRedirectHandler, Request, build_opener

USER_AGENT = "reconnect-mentions/1.0"
MAX_REDIRECTS = 5
_CHUNK = 65536


class FetchError(Exception):
    """A request failed; the message is one line and safe to print."""


@dataclass(frozen=True)
class Response:
    status: int
    content_type: str
    body: bytes


def fetch(
    url: str,
    *,
    timeout: float,
    max_bytes: int,
    accept: str,
    allow_url: Callable[[str], None] | None = None,
) -> Response:
    """GET `url` within `timeout` seconds and `max_bytes`; raise FetchError otherwise.

    `allow_url`, when given, is called with the URL and every redirect target
    and raises FetchError to refuse one.
    """
    if allow_url:
        allow_url(url)
    opener = build_opener(_Redirects(allow_url))
    request = Request(url, headers={"User-Agent": USER_AGENT, "Accept": accept})
    deadline = time.monotonic() + timeout
    try:
        with opener.open(request, timeout=timeout) as response:
            body = _read(response, max_bytes, deadline)
            return Response(response.status, response.headers.get_content_type(), body)
    except HTTPError as error:
        raise FetchError(f"HTTP {error.code}{_error_detail(error)}") from None
    except URLError as error:
        raise FetchError(f"cannot connect: {_reason(error.reason)}") from None
    except TimeoutError:
        raise FetchError(f"no complete response within {timeout:g} s") from None
    except OSError as error:
        raise FetchError(f"connection failed: {_reason(error)}") from None


def refuse_private_hosts(url: str) -> None:
    """Raise FetchError unless `url` is http(s) and its host resolves only to public addresses.

    Author photo URLs come from strangers; without this a mention could make
    a CI runner fetch its cloud metadata service or an intranet page.
    """
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FetchError("not an http(s) URL")
    try:
        infos = socket.getaddrinfo(parts.hostname, parts.port or 443, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError):
        raise FetchError("host name does not resolve") from None
    for info in infos:
        address = ipaddress.ip_address(info[4][0].split("%")[0])
        if not address.is_global:
            raise FetchError("host resolves to a private or local address")


def _read(response: HTTPResponse, max_bytes: int, deadline: float) -> bytes:
    length = response.headers.get("Content-Length")
    if length and length.isdigit() and int(length) > max_bytes:
        raise FetchError(f"response larger than {max_bytes} bytes")
    chunks = []
    size = 0
    while True:
        if time.monotonic() > deadline:
            raise TimeoutError
        chunk = response.read1(_CHUNK)
        if not chunk:
            return b"".join(chunks)
        size += len(chunk)
        if size > max_bytes:
            raise FetchError(f"response larger than {max_bytes} bytes")
        chunks.append(chunk)


def _error_detail(error: HTTPError) -> str:
    # webmention.io explains 4xx answers in JSON ("Access token was not valid").
    try:
        data = json.loads(error.read(4096))
        detail = data.get("error_description") or data.get("error")
    except (ValueError, AttributeError, OSError):
        return ""
    return f" ({' '.join(str(detail).split())[:120]})" if detail else ""


def _reason(reason: object) -> str:
    if isinstance(reason, TimeoutError):
        return "timed out"
    return " ".join(str(reason).split())[:120]


class _Redirects(HTTPRedirectHandler):
    max_redirections = MAX_REDIRECTS

    def __init__(self, allow_url: Callable[[str], None] | None) -> None:
        self._allow_url = allow_url

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        if self._allow_url:
            self._allow_url(newurl)
        return super().redirect_request(req, fp, code, msg, headers, newurl)
