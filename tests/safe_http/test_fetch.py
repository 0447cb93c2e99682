"""The client: pinned connections, deadline, redirect cap, size cap, TLS, headers, messages."""

import socket
import ssl
import time
import tracemalloc
from pathlib import Path

import pytest
from safe_http import Deadline, FetchError, Refused, retryable_status

from tests.safe_http.clients import LOOPBACK, make_client, stub_resolver
from tests.safe_http.loopback_server import Reply, drip, endless, start, stop

TLS_FIXTURES = Path(__file__).parent / "fixtures" / "tls"
SECRET = "s3cret-token-77"


def test_the_connection_goes_to_the_address_that_was_checked(server):
    """One lookup per request: no second answer (DNS rebinding) can redirect the connection."""
    port = server.httpd.server_address[1]
    calls: list = []
    client = make_client(
        allow_networks=LOOPBACK, resolver=stub_resolver({"post.example": ["127.0.0.1"]}, calls)
    )
    server.routes["/post"] = Reply(body=b"ok")
    response = client.get(f"http://post.example:{port}/post", Deadline(5))
    assert response.body == b"ok"
    assert calls == ["post.example"]
    assert server.requests[0].headers["host"] == f"post.example:{port}"


def test_every_request_carries_the_user_agent_and_every_hop_the_accept_header(server, client):
    server.routes["/moved"] = Reply(302, (("Location", "/api"),))
    server.routes["/api"] = Reply(body=b"{}", content_type="application/json")
    client.get(server.url("/moved"), Deadline(5), accept="application/json")
    client.post(server.url("/endpoint"), b"a=1", "application/x-www-form-urlencoded", Deadline(5))
    assert [r.headers["user-agent"] for r in server.requests] == ["safe-http-tests/1.0"] * 3
    assert [r.headers.get("accept") for r in server.requests] == [
        "application/json",
        "application/json",
        None,
    ]


def test_caller_headers_go_to_the_first_origin_only(server):
    """An Authorization header follows a redirect on the same host, never one to another host."""
    port = server.httpd.server_address[1]
    hosts = {"api.example": ["127.0.0.1"], "elsewhere.example": ["127.0.0.1"]}
    client = make_client(allow_networks=LOOPBACK, resolver=stub_resolver(hosts))
    server.routes["/first"] = Reply(302, (("Location", "/second"),))
    server.routes["/second"] = Reply(302, (("Location", f"http://elsewhere.example:{port}/x"),))
    server.routes["/x"] = Reply(body=b"{}")
    auth = {"Authorization": f"Bearer {SECRET}"}
    client.get(f"http://api.example:{port}/first", Deadline(5), accept="text/html", headers=auth)
    client.post(
        f"http://api.example:{port}/endpoint", b"{}", "application/json", Deadline(5), headers=auth
    )
    sent = [
        (r.path, r.headers.get("authorization"), r.headers.get("accept")) for r in server.requests
    ]
    assert sent == [
        ("/first", f"Bearer {SECRET}", "text/html"),
        ("/second", f"Bearer {SECRET}", "text/html"),
        ("/x", None, "text/html"),
        ("/endpoint", f"Bearer {SECRET}", None),
    ]


def test_a_post_is_not_redirected(server, client):
    server.post_reply = Reply(307, (("Location", "/elsewhere"),))
    response = client.post(server.url("/endpoint"), b"a=1", "text/plain", Deadline(5))
    assert response.status == 307
    assert [r.path for r in server.requests] == ["/endpoint"]


@pytest.mark.parametrize("headers_first", [False, True], ids=["drip-headers", "drip-body"])
def test_a_slow_drip_is_cut_off_at_the_deadline(server, client, headers_first):
    server.routes["/slow"] = drip(headers_first)
    started = time.monotonic()
    with pytest.raises(FetchError, match="timed out") as raised:
        client.get(server.url("/slow"), Deadline(1.0))
    # Cut off by the 1 s deadline, not by the end of the answer (40 s at least): the
    # margin lets a loaded machine be slow without making the test pass by accident.
    assert time.monotonic() - started < 20
    assert raised.value.retryable


def test_a_redirect_loop_stops_after_five_redirects(server, client):
    server.routes["/a"] = Reply(302, (("Location", "/b"),))
    server.routes["/b"] = Reply(302, (("Location", "/a"),))
    with pytest.raises(FetchError, match="more than 5 redirects") as raised:
        client.get(server.url("/a"), Deadline(5))
    assert len(server.requests) == 6
    assert not raised.value.retryable


def test_five_redirects_are_followed(server, client):
    for hop in range(5):
        server.routes[f"/r{hop}"] = Reply(307, (("Location", f"/r{hop + 1}"),))
    server.routes["/r5"] = Reply(body=b"arrived")
    response = client.get(server.url("/r0"), Deadline(5))
    assert (response.body, response.url) == (b"arrived", server.url("/r5"))


def test_a_huge_body_is_read_up_to_one_mebibyte_only(server, client):
    server.routes["/huge"] = endless
    tracemalloc.start()
    try:
        response = client.get(server.url("/huge"), Deadline(5))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(response.body) == 1024 * 1024
    assert response.truncated
    assert peak < 4 * 1024 * 1024


def chunked(body: bytes):
    """A route sending `body` chunked, so no length is announced before it ends."""

    def route(handler):
        handler.wfile.write(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n")
        handler.wfile.write(b"%x\r\n%s\r\n0\r\n\r\n" % (len(body), body))

    return route


@pytest.mark.parametrize("framing", ["content-length", "chunked"])
def test_a_body_exactly_at_the_cap_is_complete_and_one_byte_more_is_cut(server, framing):
    client = make_client(allow_networks=LOOPBACK, max_bytes=10)
    for name, body in (("/exact", b"x" * 10), ("/over", b"x" * 11)):
        server.routes[name] = chunked(body) if framing == "chunked" else Reply(body=body)
    exact = client.get(server.url("/exact"), Deadline(5))
    over = client.get(server.url("/over"), Deadline(5))
    assert (exact.body, exact.truncated) == (b"x" * 10, False)
    assert (over.body, over.truncated) == (b"x" * 10, True)


@pytest.fixture
def tls_server():
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(TLS_FIXTURES / "cert.pem", TLS_FIXTURES / "key.pem")
    running = start(tls=context)
    running.routes["/post"] = Reply(body=b"secure")
    yield running
    stop(running)


def client_trusting_test_certificate(host: str):
    """A client trusting the test certificate, with `host` resolving to 127.0.0.1."""
    return make_client(
        allow_networks=LOOPBACK,
        resolver=stub_resolver({host: ["127.0.0.1"]}),
        tls=ssl.create_default_context(cafile=str(TLS_FIXTURES / "cert.pem")),
    )


def test_https_works_through_the_checked_address(tls_server):
    port = tls_server.httpd.server_address[1]
    client = client_trusting_test_certificate("linkbacks.test")
    response = client.get(f"https://linkbacks.test:{port}/post", Deadline(5))
    assert response.body == b"secure"


def test_https_checks_the_certificate_against_the_url_host(tls_server):
    port = tls_server.httpd.server_address[1]
    client = client_trusting_test_certificate("impostor.test")
    with pytest.raises(FetchError, match=r"certificate|hostname"):
        client.get(f"https://impostor.test:{port}/post", Deadline(5))


def test_https_rejects_an_untrusted_certificate(tls_server):
    client = make_client(allow_networks=LOOPBACK)
    with pytest.raises(FetchError, match="certificate"):
        client.get(tls_server.url("/post"), Deadline(5))
    assert tls_server.requests == []


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _not_http(handler):
    handler.wfile.write(b"NOT HTTP AT ALL\r\n\r\n")


# Each case: (URL path and query on the loopback server, or a whole URL; routes to add).
FAILURES = {
    "scheme": "ftp://files.example/private-path?token={secret}",
    "malformed": "http://[::1/private-path?token={secret}",
    "no host": "http:///private-path?token={secret}",
    "non-public": "http://10.0.0.1/private-path?token={secret}",
    "no such name": "http://nowhere.example/private-path?token={secret}",
    "connection refused": "http://127.0.0.1:{closed}/private-path?token={secret}",
    "timeout": "{base}/slow?token={secret}",
    "redirect loop": "{base}/loop?token={secret}",
    "bad HTTP": "{base}/garbage?token={secret}",
    "refused redirect": "{base}/to-intranet?token={secret}",
}


@pytest.mark.parametrize("failure", FAILURES)
def test_no_message_contains_the_url_only_its_host(server, client, failure):
    """A URL may carry a secret (the webmention.io token): errors must never show it."""
    server.routes["/slow"] = drip(headers_first=True)
    server.routes["/loop"] = Reply(302, (("Location", f"/loop?token={SECRET}"),))
    server.routes["/garbage"] = _not_http
    server.routes["/to-intranet"] = Reply(302, (("Location", f"http://10.0.0.1/?token={SECRET}"),))
    url = FAILURES[failure].format(secret=SECRET, closed=_closed_port(), base=server.base)
    with pytest.raises(FetchError) as raised:
        client.get(url, Deadline(0.5))
    message = str(raised.value)
    assert SECRET not in message and "private-path" not in message and "token" not in message


@pytest.mark.parametrize(
    ("status", "retryable"),
    [(500, True), (503, True), (408, True), (429, True), (400, False), (404, False), (410, False)],
)
def test_server_errors_and_throttling_may_be_retried_other_client_errors_not(status, retryable):
    assert retryable_status(status) is retryable


BAD_LOCATIONS = {
    "unparsable IPv6 host": "http://[oops/admin",
    "bad port": "http://127.0.0.1:99999/admin",
    "port not a number": "http://127.0.0.1:http/admin",
    "escape sequence in host": "http://evil\x1b[31m.example/",
    "space in host": "http://evil .example/",
    "zone id": "http://[fe80::1%25eth0]/",
    "label too long": "http://" + "a" * 64 + ".example/",
}


@pytest.mark.parametrize("location", BAD_LOCATIONS.values(), ids=BAD_LOCATIONS)
def test_a_malformed_redirect_is_refused_as_a_fetch_error(server, client, location):
    """Never a ValueError or UnicodeError escaping to the caller, and no second request."""
    server.routes["/moved"] = Reply(302, (("Location", location),))
    with pytest.raises(Refused, match="malformed"):
        client.get(server.url("/moved"), Deadline(5))
    assert [r.path for r in server.requests] == ["/moved"]


def _raw(answer: bytes):
    def route(handler):
        handler.wfile.write(answer)

    return route


RAW_ANSWERS = {
    "huge header line": b"HTTP/1.1 200 OK\r\nX-Big: " + b"x" * 70000 + b"\r\n\r\n",
    "too many headers": b"HTTP/1.1 200 OK\r\n" + b"X-A: 1\r\n" * 150 + b"\r\n",
    "status line with words": b"HTTP/1.1 2OO \x1b[2JRemote words\r\n\r\n",
    "no status line": b"Remote words\r\n\r\n",
}


@pytest.mark.parametrize("answer", RAW_ANSWERS.values(), ids=RAW_ANSWERS)
def test_a_broken_response_is_a_final_fetch_error_without_its_text(server, client, answer):
    server.routes["/broken"] = _raw(answer)
    with pytest.raises(FetchError) as raised:
        client.get(server.url("/broken"), Deadline(5))
    assert not raised.value.retryable
    assert "Remote" not in str(raised.value) and "\x1b" not in str(raised.value)


@pytest.mark.parametrize("charset", ["undefined", "idna", "base64", "rot13", "x" * 300])
def test_a_charset_python_cannot_decode_text_with_reads_as_utf8(server, client, charset):
    server.routes["/page"] = Reply(
        body="café".encode(), content_type=f"text/html; charset={charset}"
    )
    assert client.get(server.url("/page"), Deadline(5)).text() == "café"


def test_text_decodes_the_declared_charset_up_to_a_limit(server, client):
    server.routes["/page"] = Reply(
        body="çava".encode("latin-1"), content_type="text/html; charset=ISO-8859-1"
    )
    response = client.get(server.url("/page"), Deadline(5))
    assert (response.text(), response.text(2)) == ("çava", "ça")
