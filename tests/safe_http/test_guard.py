"""The SSRF guard: http(s) only, every resolved address public, on every hop."""

import csv
import ipaddress
from pathlib import Path

import pytest
from safe_http import Deadline, Refused, is_public, literal_network

from tests.safe_http.clients import LOOPBACK, make_client, stub_resolver
from tests.safe_http.loopback_server import Reply

FIXTURES = Path(__file__).parent / "fixtures"
# The IANA special-purpose registries as transcribed, and the other blocks refused.
BLOCK_TABLES = (
    "iana-ipv4-special-registry.csv",
    "iana-ipv6-special-registry.csv",
    "other-refused-blocks.csv",
)


def _rows(name: str) -> list[dict]:
    with (FIXTURES / name).open(encoding="utf-8", newline="") as table:
        return list(csv.DictReader(table))


BLOCKS = [(table, row["prefix"], row["name"]) for table in BLOCK_TABLES for row in _rows(table)]


@pytest.mark.parametrize(
    ("table", "prefix", "name"), BLOCKS, ids=[f"{p} {n}" for _, p, n in BLOCKS]
)
def test_every_address_block_of_the_tables_is_refused(table, prefix, name):
    """First, middle and last address of each block, even those marked globally reachable."""
    network = ipaddress.ip_network(prefix)
    for address in {network[0], network[network.num_addresses // 2], network[-1]}:
        assert not is_public(str(address)), f"{address} ({name}, {table})"


def test_the_registry_tables_are_complete():
    """A row lost from a table would silently drop its block from the test above."""
    assert [len(_rows(table)) for table in BLOCK_TABLES] == [26, 25, 5]


NON_PUBLIC_IPV4 = [
    "127.0.0.1",
    "10.0.0.1",
    "169.254.169.254",
    "192.168.1.1",
    "100.64.0.1",
    "0.0.0.0",
    "192.0.0.8",
]


def _embeddings(ipv4: str) -> dict[str, str]:
    """`ipv4` in every IPv6 form that carries an IPv4 address."""
    v4 = int(ipaddress.IPv4Address(ipv4))
    public_server = int(ipaddress.IPv4Address("93.184.215.14"))
    forms = {
        "compatible ::a.b.c.d": v4,
        "mapped ::ffff:a.b.c.d": 0xFFFF << 32 | v4,
        "translated ::ffff:0:a.b.c.d": 0xFFFF << 48 | v4,
        "NAT64 64:ff9b::/96": 0x64FF9B << 96 | v4,
        "NAT64 local 64:ff9b:1::/48": (0x64FF9B0001 << 80) | v4,
        "6to4 2002::/16": 0x2002 << 112 | v4 << 80 | 1,
        # Teredo: server in bits 64-95, client XOR 0xffffffff in the low 32 bits.
        "Teredo client": 0x20010000 << 96 | public_server << 64 | (v4 ^ 0xFFFFFFFF),
        "Teredo server": 0x20010000 << 96 | v4 << 64 | (public_server ^ 0xFFFFFFFF),
    }
    return {form: str(ipaddress.IPv6Address(value)) for form, value in forms.items()}


EMBEDDED = [(form, address) for v4 in NON_PUBLIC_IPV4 for form, address in _embeddings(v4).items()]


@pytest.mark.parametrize(("form", "address"), EMBEDDED, ids=[a for _, a in EMBEDDED])
def test_a_non_public_ipv4_address_embedded_in_ipv6_is_refused(form, address):
    assert not is_public(address), form


def test_the_embeddings_decode_to_the_ipv4_address():
    """The forms above are built right: Python's own decoders agree where it has them."""
    forms = _embeddings("10.0.0.1")
    assert ipaddress.IPv6Address(forms["mapped ::ffff:a.b.c.d"]).ipv4_mapped == (
        ipaddress.IPv4Address("10.0.0.1")
    )
    assert ipaddress.IPv6Address(forms["6to4 2002::/16"]).sixtofour == (
        ipaddress.IPv4Address("10.0.0.1")
    )
    server, client = ipaddress.IPv6Address(forms["Teredo client"]).teredo
    assert (str(server), str(client)) == ("93.184.215.14", "10.0.0.1")


@pytest.mark.parametrize(
    "address",
    ["::127.0.0.1", "::ffff:0:127.0.0.1", "64:ff9b:1::a00:1", "fec0::1", "192.0.0.8"],
)
def test_the_addresses_reported_in_issue_10_are_refused(address):
    assert not is_public(address)


@pytest.mark.parametrize(
    "address", ["::ffff:93.184.215.14", "64:ff9b::5db8:d70e", "2002:5db8:d70e::1"]
)
def test_a_public_ipv4_address_in_an_ipv6_form_is_refused_too(address):
    """The resolver gives IPv4 as IPv4: an IPv6 wrapping is only ever a trick."""
    assert not is_public(address)


PUBLIC = [
    "93.184.215.14",
    "1.1.1.1",
    "8.8.8.8",
    "9.9.9.9",
    "128.0.0.1",
    "192.0.1.1",  # just after 192.0.0.0/24
    "192.88.98.255",  # just before 192.88.99.0/24
    "2606:4700:4700::1111",
    "2001:4860:4860::8888",
    "2a00:1450:4001:82a::200e",
    "2001:200::1",  # just after 2001::/23
    "2620:4f:8001::1",  # just after 2620:4f:8000::/48
]


@pytest.mark.parametrize("address", PUBLIC)
def test_ordinary_public_addresses_are_public(address):
    assert is_public(address)


BLOCKED = ["127.0.0.1", "::1", "10.0.0.1", "169.254.169.254", "fc00::1", "64:ff9b::a9fe:a9fe"]


def test_the_allow_list_admits_its_networks_and_nothing_else():
    allow = (ipaddress.ip_network("127.0.0.1/32"), ipaddress.ip_network("fd00::/8"))
    assert is_public("127.0.0.1", allow)
    assert is_public("fd00::5", allow)
    assert not is_public("127.0.0.2", allow)
    assert not is_public("::ffff:127.0.0.1", allow)


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
        ("http://a\x00b.example/", "malformed"),
        ("http://post.example\x7f/", "malformed"),
        ("http://evil\x1b[31m.example/", "malformed"),
        ("http://[::1%25lo]/", "malformed"),
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


def test_refusal_messages_stay_short_whatever_the_url_or_dns_say(no_connect):
    many = [f"10.0.0.{n}" for n in range(1, 200)]
    client = make_client(resolver=stub_resolver({"many.example": many}))
    with pytest.raises(Refused) as by_dns:
        client.get("http://many.example/", Deadline(5))
    with pytest.raises(Refused) as by_scheme:
        client.get("a" * 5000 + "://many.example/", Deadline(5))
    assert len(str(by_dns.value)) < 120 and len(str(by_scheme.value)) < 120


@pytest.mark.parametrize(
    ("url", "networks"),
    [
        ("http://127.0.0.1:8000/api/mentions.jf2", ["127.0.0.1/32"]),
        ("http://[::1]:8000/xrpc/", ["::1/128"]),
        ("https://10.1.2.3/", ["10.1.2.3/32"]),
        ("https://localhost:8000/", []),
        ("https://webmention.example/api", []),
        ("https://127.0.0.1.example/", []),
        ("not a url", []),
    ],
)
def test_only_an_address_written_literally_is_a_network_to_trust(url, networks):
    assert literal_network(url) == tuple(ipaddress.ip_network(n) for n in networks)
