"""Notify one target: discover its endpoint, then Webmention, else Pingback; or Trackback.

A target that announces a Webmention endpoint gets a Webmention and nothing
else, so no receiver is notified twice. Pingback is the fallback; Trackback is
only ever sent to a ping URL an article names explicitly.

Every outcome says whether it is final: `sent`, `failed` (4xx, a refusal, a
fault: trying again would not help), `retry` (5xx, 408, 429, timeouts, network
errors) or `no-endpoint`. Its `detail` is our own wording with status numbers
and fault codes only: a receiver's text (fault string, Trackback message,
response body) is never recorded or shown.
"""

import xml.etree.ElementTree as ET
import xmlrpc.client
from dataclasses import dataclass
from urllib.parse import urlencode, urljoin
from xml.parsers.expat import ExpatError

from common.urls import http_url
from safe_http import Client, Deadline, FetchError, Response, retryable_status

from .discovery import BadEndpoint, discover

FORM = "application/x-www-form-urlencoded; charset=utf-8"
PINGBACK_ALREADY_REGISTERED = 48
PINGBACK_UPSTREAM_ERROR = 50


@dataclass(frozen=True)
class Outcome:
    """What happened (or, in a dry run, would happen) for one target."""

    protocol: str  # webmention | pingback | trackback | none
    endpoint: str | None
    status: str  # sent | failed | retry | no-endpoint | planned
    detail: str
    location: str | None = None


def notify(client: Client, source: str, target: str, deadline: Deadline, dry_run: bool) -> Outcome:
    """Discover `target`'s endpoint and tell it that `source` links to it."""
    try:
        page = client.get(target, deadline)
        if not 200 <= page.status < 300:
            status = _status_class(page.status)
            return Outcome("none", None, status, f"target answered {page.status}")
        endpoints = discover(page, deadline)
    except FetchError as error:
        return _error_outcome("none", None, error)
    except BadEndpoint as error:
        return Outcome("none", None, "failed", str(error))
    if endpoints.webmention:
        protocol, endpoint, send = "webmention", endpoints.webmention, send_webmention
    elif endpoints.pingback:
        protocol, endpoint, send = "pingback", endpoints.pingback, send_pingback
    else:
        detail = "no endpoint" + (" (page cut at the size limit)" if page.truncated else "")
        return Outcome("none", None, "no-endpoint", detail)
    if dry_run:
        return Outcome(protocol, endpoint, "planned", "dry run")
    return send(client, endpoint, source, target, deadline)


def send_webmention(
    client: Client, endpoint: str, source: str, target: str, deadline: Deadline
) -> Outcome:
    """POST `source` and `target`, form-encoded; any 2xx is success."""
    body = urlencode({"source": source, "target": target}).encode("ascii")
    response = _post_ok(client, endpoint, body, FORM, deadline, "webmention")
    if isinstance(response, Outcome):
        return response
    return Outcome(
        "webmention",
        endpoint,
        "sent",
        str(response.status),
        _location(endpoint, response.headers.get("Location")),
    )


def send_pingback(
    client: Client, endpoint: str, source: str, target: str, deadline: Deadline
) -> Outcome:
    """Call `pingback.ping(source, target)` over XML-RPC; fault 48 means already done."""
    body = xmlrpc.client.dumps((source, target), "pingback.ping", encoding="utf-8")
    response = _post_ok(client, endpoint, body.encode("utf-8"), "text/xml", deadline, "pingback")
    if isinstance(response, Outcome):
        return response
    try:
        (_result,), _method = xmlrpc.client.loads(response.body)
    except xmlrpc.client.Fault as fault:
        code = fault.faultCode
        if code == PINGBACK_ALREADY_REGISTERED:
            return Outcome("pingback", endpoint, "sent", "fault 48: already registered")
        status = "retry" if code == PINGBACK_UPSTREAM_ERROR else "failed"
        return Outcome("pingback", endpoint, status, _fault_detail(code))
    except (xmlrpc.client.Error, ExpatError, ValueError, TypeError, LookupError):
        return Outcome("pingback", endpoint, "failed", "malformed XML-RPC response")
    return Outcome("pingback", endpoint, "sent", str(response.status))


def send_trackback(
    client: Client,
    ping_url: str,
    *,
    source: str,
    title: str,
    excerpt: str,
    blog_name: str,
    deadline: Deadline,
) -> Outcome:
    """The Trackback 1.2 ping: a form POST answered by `<error>0</error>` on success."""
    fields = {"url": source, "title": title, "excerpt": excerpt, "blog_name": blog_name}
    body = urlencode(fields).encode("ascii")
    response = _post_ok(client, ping_url, body, FORM, deadline, "trackback")
    if isinstance(response, Outcome):
        return response
    try:
        root = ET.fromstring(response.body)
    except (ET.ParseError, ValueError, LookupError):
        return Outcome("trackback", ping_url, "failed", "malformed Trackback response")
    if (root.findtext("error") or "").strip() == "0":
        return Outcome("trackback", ping_url, "sent", "error 0")
    # The <message> is the receiver's own text: it is not recorded or shown.
    return Outcome("trackback", ping_url, "failed", "the receiver answered with an error")


def _post_ok(
    client: Client, url: str, body: bytes, content_type: str, deadline: Deadline, protocol: str
) -> Response | Outcome:
    """POST and return the response if it is 2xx, else the Outcome to record."""
    try:
        response = client.post(url, body, content_type, deadline)
    except FetchError as error:
        return _error_outcome(protocol, url, error)
    if 200 <= response.status < 300:
        return response
    return Outcome(protocol, url, _status_class(response.status), str(response.status))


def _location(endpoint: str, value: str | None) -> str | None:
    """The absolute URL of a `Location` answer, if it is a plain http(s) URL."""
    if not value:
        return None
    try:
        return http_url(urljoin(endpoint, value.strip()))
    except ValueError:
        return None


def _fault_detail(code: object) -> str:
    """`fault N` for a standard integer code; the fault string is the receiver's text."""
    if isinstance(code, int) and not isinstance(code, bool) and 0 <= code < 1_000_000:
        return f"fault {code}"
    return "fault with a non-standard code"


def _status_class(status: int) -> str:
    return "retry" if retryable_status(status) else "failed"


def _error_outcome(protocol: str, endpoint: str | None, error: FetchError) -> Outcome:
    return Outcome(protocol, endpoint, "retry" if error.retryable else "failed", str(error))
