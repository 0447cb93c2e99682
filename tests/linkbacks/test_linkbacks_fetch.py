"""The safe fetcher: address guard (SSRF), deadline, redirect cap, size cap, TLS."""

import ipaddress
import socket
import ssl
import time
import tracemalloc
from pathlib import Path

import pytest
from linkback_server import Reply, start, stop
from linkbacks.fetch import Client, Deadline
from linkbacks.guard import FetchError, Refused, is_public
from linkbacks.send import notify

TLS_FIXTURES = Path(__file__).parent / "fixtures" / "tls"
SOURCE = "https://reconnect.example/keep-in-touch-on-a-schedule/"
LOOPBACK = (ipaddress.ip_network("127.0.0.1/32"),)

BLOCKED = [
    "127.0.0.1",  # loopback
    "127.8.9.10",
    "::1",
    "10.0.0.1",  # private
    "172.16.0.1",
    "172.31.255.254",
    "192.168.1.1",
    "fc00::1",
    "169.254.169.254",  # link-local (cloud metadata)
    "fe80::1",
    "0.0.0.0",  # unspecified
    "::",
    "100.64.0.1",  # shared address space (carrier NAT)
    "192.0.2.10",  # documentation
    "240.0.0.1",  # reserved
    "224.0.0.1",  # multicast
    "ff02::1",
    "::ffff:10.0.0.1",  # IPv4-mapped
    "2002:a00:1::",  # 6to4 of 10.0.0.1
    "64:ff9b::a9fe:a9fe",  # NAT64 of 169.254.169.254
]


def stub_resolver(table: dict[str, list[str]], calls: list | None = None):
    """A resolver answering from `table`, logging each lookup in `calls`."""

    def resolve(host: str, port: int) -> list[str]:
        if calls is not None:
            calls.append(host)
        if host not in table:
            raise socket.gaierror(socket.EAI_NONAME, host)
        return table[host]

    return resolve


def make_client(**overrides) -> Client:
    options = {"user_agent": "test", "max_bytes": 1024 * 1024, "max_redirects": 5, **overrides}
    return Client(**options)


@pytest.fixture
def no_connect(monkeypatch):
    """Fail the test if anything tries to open a connection."""

    def refuse(*args, **kwargs):
        raise AssertionError(f"a connection was attempted: {args}")

    monkeypatch.setattr(socket, "create_connection", refuse)


@pytest.mark.parametrize("address", BLOCKED)
def test_non_public_addresses_are_not_public(address):
    assert not is_public(address)


@pytest.mark.parametrize(
    "address", ["93.184.215.14", "2606:4700:4700::1111", "::ffff:93.184.215.14"]
)
def test_public_addresses_are_public(address):
    assert is_public(address)


@pytest.mark.parametrize("address", BLOCKED)
def test_a_name_resolving_to_a_blocked_address_is_refused_before_connecting(address, no_connect):
    client = make_client(resolver=stub_resolver({"post.example": [address]}))
    with pytest.raises(Refused, match="non-public"):
        client.get("http://post.example/", Deadline(5))


def test_one_private_address_among_public_ones_is_enough_to_refuse(no_connect):
    client = make_client(resolver=stub_resolver({"mixed.example": ["93.184.215.14", "10.0.0.7"]}))
    with pytest.raises(Refused):
        client.get("https://mixed.example/post", Deadline(5))


@pytest.mark.parametrize(
    "url",
    ["file:///etc/passwd", "gopher://127.0.0.1:70/", "ftp://ftp.example/x", "javascript:alert(1)"],
)
def test_other_schemes_are_refused_without_a_lookup(url, no_connect):
    calls: list = []
    client = make_client(resolver=stub_resolver({}, calls), allow_networks=LOOPBACK)
    with pytest.raises(Refused, match="non-http"):
        client.get(url, Deadline(5))
    assert calls == []


def test_loopback_is_refused_by_default(server):
    server.routes["/post"] = Reply(body=b"<p>hi</p>")
    with pytest.raises(Refused):
        make_client().get(server.url("/post"), Deadline(5))
    assert server.requests == []


def test_localhost_is_refused_by_default(server):
    server.routes["/post"] = Reply(body=b"<p>hi</p>")
    port = server.httpd.server_address[1]
    with pytest.raises(Refused):
        make_client().get(f"http://localhost:{port}/post", Deadline(5))
    assert server.requests == []


def test_the_allow_list_admits_only_its_own_networks(no_connect):
    client = make_client(allow_networks=LOOPBACK)
    for url in ("http://127.0.0.2/", "http://[::1]/", "http://10.0.0.1/"):
        with pytest.raises(Refused):
            client.get(url, Deadline(5))


def test_a_redirect_into_a_private_address_is_refused(server, client):
    server.routes["/moved"] = Reply(302, (("Location", "http://10.0.0.1/admin"),))
    with pytest.raises(Refused, match=r"10\.0\.0\.1"):
        client.get(server.url("/moved"), Deadline(5))
    assert [r.path for r in server.requests] == ["/moved"]


def test_a_redirect_to_a_name_resolving_privately_is_refused(server):
    port = server.httpd.server_address[1]
    resolver = stub_resolver({"127.0.0.1": ["127.0.0.1"], "intranet.example": ["192.168.0.5"]})
    client = make_client(allow_networks=LOOPBACK, resolver=resolver)
    server.routes["/moved"] = Reply(301, (("Location", f"http://intranet.example:{port}/"),))
    with pytest.raises(Refused, match=r"192\.168\.0\.5"):
        client.get(server.url("/moved"), Deadline(5))


def test_a_redirect_to_file_is_refused(server, client):
    server.routes["/moved"] = Reply(302, (("Location", "file:///etc/passwd"),))
    with pytest.raises(Refused, match="non-http"):
        client.get(server.url("/moved"), Deadline(5))


def test_a_private_endpoint_gets_no_post_and_is_not_retried(server, client):
    server.routes["/post"] = Reply(
        headers=(("Link", "<http://169.254.169.254/wm>; rel=webmention"),)
    )
    outcome = notify(client, SOURCE, server.url("/post"), Deadline(5), dry_run=False)
    assert (outcome.protocol, outcome.status) == ("webmention", "failed")
    assert "refusing" in outcome.detail
    assert server.posts() == []


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


def drip(headers_first: bool):
    """A route writing its answer one byte every 0.2 s (after the headers, or from the start)."""

    def route(handler):
        head = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 200\r\n\r\n"
        if headers_first:
            handler.wfile.write(head)
            head = b""
        for byte in head + b"x" * 200:
            handler.wfile.write(bytes([byte]))
            time.sleep(0.2)

    return route


@pytest.mark.parametrize("headers_first", [False, True], ids=["drip-headers", "drip-body"])
def test_a_slow_drip_is_cut_off_at_the_deadline(server, client, headers_first):
    server.routes["/slow"] = drip(headers_first)
    started = time.monotonic()
    with pytest.raises(FetchError, match="timed out") as raised:
        client.get(server.url("/slow"), Deadline(1.0))
    assert time.monotonic() - started < 2.0
    assert raised.value.retryable


def test_a_slow_target_is_recorded_for_a_retry(server, client):
    server.routes["/slow"] = drip(headers_first=True)
    outcome = notify(client, SOURCE, server.url("/slow"), Deadline(1.0), dry_run=False)
    assert outcome.status == "retry"


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


def endless(handler):
    """Announce a terabyte, then send data until the client hangs up (or 8 MiB)."""
    handler.wfile.write(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n")
    handler.wfile.write(b"Content-Length: 1000000000000\r\n\r\n")
    chunk = b"<p>" + b"x" * 65533
    for _ in range(128):
        handler.wfile.write(chunk)


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


@pytest.fixture
def tls_server():
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(TLS_FIXTURES / "cert.pem", TLS_FIXTURES / "key.pem")
    running = start(tls=context)
    running.routes["/post"] = Reply(body=b"secure")
    yield running
    stop(running)


def trusting_test_certificate() -> ssl.SSLContext:
    return ssl.create_default_context(cafile=str(TLS_FIXTURES / "cert.pem"))


def test_https_works_through_the_checked_address(tls_server):
    port = tls_server.httpd.server_address[1]
    client = make_client(
        allow_networks=LOOPBACK,
        resolver=stub_resolver({"linkbacks.test": ["127.0.0.1"]}),
        tls=trusting_test_certificate(),
    )
    response = client.get(f"https://linkbacks.test:{port}/post", Deadline(5))
    assert response.body == b"secure"


def test_https_checks_the_certificate_against_the_url_host(tls_server):
    port = tls_server.httpd.server_address[1]
    client = make_client(
        allow_networks=LOOPBACK,
        resolver=stub_resolver({"impostor.test": ["127.0.0.1"]}),
        tls=trusting_test_certificate(),
    )
    with pytest.raises(FetchError, match=r"certificate|hostname"):
        client.get(f"https://impostor.test:{port}/post", Deadline(5))


def test_https_rejects_an_untrusted_certificate(tls_server):
    client = make_client(allow_networks=LOOPBACK)
    with pytest.raises(FetchError, match="certificate"):
        client.get(tls_server.url("/post"), Deadline(5))
    assert tls_server.requests == []
