"""An HTTP client that only talks to public addresses, within hard limits.

Every URL, including each redirect hop, first passes `guard.check_url`; the
connection then goes to the address that was checked, so a second DNS answer
cannot swap it (DNS rebinding). A `Deadline` bounds a whole exchange: each
socket read gets only the time that is left, so a server dripping one byte at a
time is cut off on time. (The DNS lookup itself is bounded by the system
resolver's own timeout.) Bodies are read up to a byte cap, never to the length
a server announces. Like the guard's, this module's messages name the host,
never the URL.

The standard library's `http.client` does the HTTP; this module only decides
where it may connect and how long and how much it may read.
"""

import http.client
import io
import socket
import ssl
import time
from collections.abc import Mapping, Sequence
from contextlib import suppress
from dataclasses import dataclass
from functools import partial
from urllib.parse import quote, urljoin, urlsplit

from .guard import FetchError, IPNetwork, Refused, Resolver, check_url, system_resolver

MAX_REDIRECTS = 5
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
# Client errors that mean "not now" rather than "never".
_RETRYABLE_4XX = frozenset({408, 429})
# Characters allowed as-is in a request target; anything else (spaces, non-ASCII
# from an IRI in an href) is percent-encoded, existing escapes are kept.
_TARGET_SAFE = "/%:@!$&'()*+,;=-._~?"


def retryable_status(status: int) -> bool:
    """Whether an HTTP error status may go away if asked again later (5xx, 408, 429)."""
    return status >= 500 or status in _RETRYABLE_4XX


class Deadline:
    """A fixed amount of wall-clock time, shared by every request it is passed to."""

    def __init__(self, seconds: float) -> None:
        self._end = time.monotonic() + seconds
        self.seconds = seconds

    def remaining(self) -> float:
        """Seconds left; raise a retryable FetchError once the time is up."""
        left = self._end - time.monotonic()
        if left <= 0:
            raise FetchError(f"timed out after {self.seconds:g} s", retryable=True)
        return left


@dataclass(frozen=True)
class Response:
    """A response read within the limits; `url` is the final URL after redirects.

    `truncated` means the body went on past the byte cap and was cut there.
    """

    url: str
    status: int
    headers: http.client.HTTPMessage
    body: bytes
    truncated: bool

    @property
    def media_type(self) -> str:
        """The Content-Type without parameters, lower-cased ("" when absent)."""
        return (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()

    def text(self, max_bytes: int | None = None) -> str:
        """The body (its first `max_bytes`) decoded with its declared charset, else UTF-8.

        Bad bytes are replaced; a charset Python cannot decode text with
        (unknown, `undefined`, `base64`, `idna`, ...) counts as undeclared.
        """
        body = self.body[:max_bytes]
        charset = self.headers.get_content_charset()
        if charset:
            with suppress(LookupError, UnicodeError, ValueError):
                return body.decode(charset, errors="replace")
        return body.decode("utf-8", errors="replace")


class Client:
    """Fetches and posts under one policy (allowed networks, limits, User-Agent).

    `allow_networks` lets non-public addresses through (tests only). `resolver`
    and `tls` exist so tests can stand in for DNS and trust a test certificate;
    the defaults are the system resolver and the system CA store.
    """

    def __init__(
        self,
        *,
        user_agent: str,
        max_bytes: int,
        max_redirects: int = MAX_REDIRECTS,
        allow_networks: Sequence[IPNetwork] = (),
        resolver: Resolver = system_resolver,
        tls: ssl.SSLContext | None = None,
    ) -> None:
        self.user_agent = user_agent
        self.max_bytes = max_bytes
        self.max_redirects = max_redirects
        self.allow_networks = tuple(allow_networks)
        self.resolver = resolver
        self.tls = tls or ssl.create_default_context()

    def get(
        self,
        url: str,
        deadline: Deadline,
        *,
        accept: str | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> Response:
        """GET `url`, following at most `max_redirects` redirects, each one checked.

        `accept` is sent with every hop; `headers` only to the first URL's
        origin, so a redirect elsewhere never carries a credential along.
        """
        always = {"Accept": accept} if accept else {}
        origin = _origin(url)
        for _hop in range(self.max_redirects + 1):
            sent = {**(headers or {}), **always} if _origin(url) == origin else always
            response = self._request("GET", url, b"", sent, deadline)
            location = response.headers.get("Location")
            if response.status not in REDIRECT_STATUSES or not location:
                return response
            try:
                url = urljoin(response.url, location.strip())
            except ValueError:
                raise Refused("refusing a malformed redirect URL") from None
        raise FetchError(f"more than {self.max_redirects} redirects", retryable=False)

    def post(
        self,
        url: str,
        body: bytes,
        content_type: str,
        deadline: Deadline,
        *,
        headers: Mapping[str, str] | None = None,
    ) -> Response:
        """POST `body` to `url`. Redirects are not followed: a notification goes where announced.

        `headers` (an Authorization, say) are sent as given and never appear in a message.
        """
        return self._request(
            "POST", url, body, {**(headers or {}), "Content-Type": content_type}, deadline
        )

    def _request(
        self, method: str, url: str, body: bytes, headers: dict, deadline: Deadline
    ) -> Response:
        host, port, addresses = check_url(url, self.resolver, self.allow_networks)
        parts = urlsplit(url)
        target = quote(parts.path or "/", safe=_TARGET_SAFE)
        if parts.query:
            target += "?" + quote(parts.query, safe=_TARGET_SAFE)
        headers = {"User-Agent": self.user_agent, "Connection": "close", **headers}
        connection = None
        try:
            if parts.scheme == "https":
                connection = _PinnedHTTPSConnection(host, port, addresses, deadline, self.tls)
            else:
                connection = _PinnedHTTPConnection(host, port, addresses, deadline)
            connection.request(method, target, body=body or None, headers=headers)
            raw = connection.getresponse()
            data = raw.read(self.max_bytes)
            # One byte more tells a body that ends exactly at the cap from a longer one.
            truncated = len(data) == self.max_bytes and bool(raw.read(1))
            return Response(url, raw.status, raw.headers, data, truncated)
        except FetchError:
            raise
        except TimeoutError:
            raise FetchError(f"timed out after {deadline.seconds:g} s", retryable=True) from None
        except OSError as error:
            raise FetchError(f"connection to {host} failed: {error}", retryable=True) from None
        except (http.client.HTTPException, ValueError, LookupError) as error:
            # Only the exception's name: its text may quote what the server sent.
            raise FetchError(
                f"bad HTTP exchange with {host} ({type(error).__name__})", retryable=False
            ) from None
        finally:
            if connection is not None:
                connection.close()


def _origin(url: str) -> tuple[str, str, int | None]:
    """Scheme, host and port: what decides whether a request goes to the same party."""
    try:
        parts = urlsplit(url)
        return parts.scheme, parts.hostname or "", parts.port
    except ValueError:  # malformed: the guard refuses it before any request
        return "", "", -1


class _PinnedHTTPConnection(http.client.HTTPConnection):
    """Connects to addresses checked beforehand, whatever DNS answers by now."""

    def __init__(self, host: str, port: int, addresses: list[str], deadline: Deadline) -> None:
        super().__init__(host, port, timeout=deadline.remaining())
        self._addresses = addresses
        self._deadline = deadline
        self.response_class = partial(_DeadlineResponse, deadline=deadline)

    def connect(self) -> None:
        last_error: OSError | None = None
        for address in self._addresses:
            try:
                self.sock = socket.create_connection(
                    (address, self.port), timeout=self._deadline.remaining()
                )
                return
            except OSError as error:
                last_error = error
        assert last_error is not None
        raise last_error


class _PinnedHTTPSConnection(_PinnedHTTPConnection):
    default_port = 443

    def __init__(
        self, host: str, port: int, addresses: list[str], deadline: Deadline, tls: ssl.SSLContext
    ) -> None:
        super().__init__(host, port, addresses, deadline)
        self._tls = tls

    def connect(self) -> None:
        super().connect()
        self.sock.settimeout(self._deadline.remaining())
        # The certificate is checked against the host name of the URL, not the address.
        self.sock = self._tls.wrap_socket(self.sock, server_hostname=self.host)


class _DeadlineResponse(http.client.HTTPResponse):
    """Reads the status line, headers and body through a deadline-bound reader."""

    def __init__(self, sock: socket.socket, *args, deadline: Deadline, **kwargs) -> None:
        super().__init__(sock, *args, **kwargs)
        # The socket's own file object stays underneath: it keeps the socket open
        # until the response is done, even after the connection object lets go.
        self.fp = io.BufferedReader(_DeadlineReader(self.fp.detach(), sock, deadline))


class _DeadlineReader(io.RawIOBase):
    def __init__(self, raw: io.RawIOBase, sock: socket.socket, deadline: Deadline) -> None:
        self._raw = raw
        self._sock = sock
        self._deadline = deadline

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        self._sock.settimeout(self._deadline.remaining())
        return self._raw.readinto(buffer)

    def close(self) -> None:
        self._raw.close()
        super().close()
