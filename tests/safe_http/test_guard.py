"""The SSRF guard: http(s) only, every resolved address public, on every hop."""

import pytest
from safe_http import Deadline, Refused, is_public

from tests.safe_http.clients import LOOPBACK, make_client, stub_resolver
from tests.safe_http.loopback_server import Reply

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


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("http://[::1/post", "malformed"),
        ("http://post.example:99999/", "malformed"),
        ("http:///post", "without a host"),
    ],
)
def test_malformed_urls_are_refused_without_a_lookup(url, reason, no_connect):
    calls: list = []
    client = make_client(resolver=stub_resolver({}, calls), allow_networks=LOOPBACK)
    with pytest.raises(Refused, match=reason):
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
