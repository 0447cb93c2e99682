"""One JSON request to a network's API through safe_http, its failures in our words.

Every message is built from the status code and our own words, never from a
response body or a URL: a server may echo the credentials it was sent (a 401
quoting the token), and no such echo can reach a message from here. The only
server text kept is a Bluesky error name (`AuthFactorTokenRequired`), and only
one of the names the AT Protocol documents (`XRPC_ERRORS`); it is also kept
as `NetworkError.error`, so that a caller can tell `RecordNotFound` apart.
"""

import json
from collections.abc import Callable, Mapping

from safe_http import Client, Deadline, FetchError, Refused, Response, literal_network

USER_AGENT = "reconnect-syndicate/1.0"
MAX_BYTES = 1024 * 1024
# Error names of the XRPC specification and of the three lexicons we call.
XRPC_ERRORS = frozenset(
    {
        "AccountTakedown",
        "AuthFactorTokenRequired",
        "AuthenticationRequired",
        "ExpiredToken",
        "InvalidRequest",
        "InvalidSwap",
        "InvalidToken",
        "RateLimitExceeded",
        "RecordNotFound",
    }
)
STATUS_WORDS = {
    400: "the request was refused",
    401: "the credentials were refused",
    403: "the credentials were refused",
    404: "no such API at this address",
    413: "the request was too large",
    422: "the post was refused",
}


class NetworkError(Exception):
    """A request failed.

    `maybe_done` says the server may have acted on it all the same: it answered
    a server error or an unreadable success, or the exchange broke off after
    the request was sent. A refusal (4xx, 429, a URL the guard refused) means
    it did not. `retry_after` is the seconds a 429 answer asked to wait;
    `status`, the HTTP status of an error answer, and `error` its documented
    XRPC error name ("" when none).
    """

    def __init__(
        self,
        message: str,
        *,
        maybe_done: bool = False,
        retry_after: int | None = None,
        status: int | None = None,
        error: str = "",
    ) -> None:
        super().__init__(message)
        self.maybe_done = maybe_done
        self.retry_after = retry_after
        self.status = status
        self.error = error


def client_for(base_url: str) -> Client:
    """A client for one API: public addresses only, unless `base_url` names an IP literally.

    The site owner typed that address (tests use a loopback one); a host name
    gets no such trust.
    """
    allowed = literal_network(base_url)
    return Client(user_agent=USER_AGENT, max_bytes=MAX_BYTES, allow_networks=allowed)


def post(
    client: Client,
    url: str,
    body: bytes,
    content_type: str,
    *,
    headers: Mapping[str, str],
    timeout: float,
) -> dict:
    """POST and return the answer's JSON object; NetworkError for anything else."""
    return _exchange(
        lambda deadline: client.post(url, body, content_type, deadline, headers=headers), timeout
    )


def get(client: Client, url: str, *, headers: Mapping[str, str], timeout: float) -> dict:
    """GET and return the answer's JSON object; NetworkError for anything else.

    A GET changes nothing, so `maybe_done` only says the answer was unclear.
    """
    return _exchange(lambda deadline: client.get(url, deadline, headers=headers), timeout)


def _exchange(send: Callable[[Deadline], Response], timeout: float) -> dict:
    """Send one request within `timeout` seconds; the answer's JSON object, else NetworkError."""
    try:
        response = send(Deadline(timeout))
    except Refused as error:
        raise NetworkError(str(error)) from None
    except FetchError as error:
        raise NetworkError(str(error), maybe_done=True) from None
    status = response.status
    if status == 429:
        wait = (response.headers.get("Retry-After") or "").strip()
        seconds = int(wait) if wait.isdigit() and len(wait) < 10 else None
        later = f"in {seconds} s" if seconds is not None else "later"
        raise NetworkError(
            f"HTTP 429: too many requests; try again {later}", retry_after=seconds, status=status
        )
    if not 200 <= status < 300:
        meaning = STATUS_WORDS.get(status) or ("server error" if status >= 500 else "unexpected")
        name = _error_name(response.body)
        raise NetworkError(
            f"HTTP {status}: {meaning}" + (f" ({name})" if name else ""),
            maybe_done=status >= 500,
            status=status,
            error=name,
        )
    try:
        if response.truncated:
            raise ValueError
        data = json.loads(response.body)
    except ValueError:
        raise NetworkError(
            f"HTTP {status}: the answer is not readable JSON", maybe_done=True
        ) from None
    if not isinstance(data, dict):
        raise NetworkError(f"HTTP {status}: the answer is not a JSON object", maybe_done=True)
    return data


def _error_name(body: bytes) -> str:
    """The `error` of an XRPC error body when it is a documented name, else ""."""
    try:
        name = json.loads(body).get("error")
    except (ValueError, AttributeError):
        return ""
    return name if isinstance(name, str) and name in XRPC_ERRORS else ""
