"""The SSRF guard: which URLs may be contacted at all.

Only http and https. The host name is resolved and *every* address it resolves
to must be public: not loopback, private, link-local, unspecified, multicast,
reserved or shared (carrier NAT), and not one of those wrapped in an IPv6 form
(IPv4-mapped, 6to4, NAT64). Addresses inside a network the caller allows pass;
only tests allow any (`LINKBACKS["allow_networks"]`,
`MENTIONS["avatar_allow_private_hosts"]`). `fetch.Client` runs the check before
every connection: each URL, each redirect hop, each endpoint.

Messages name the host at most, never the URL: a URL may carry a secret in its
query string (the webmention.io token does).
"""

import ipaddress
import socket
from collections.abc import Callable, Sequence
from urllib.parse import urlsplit

Resolver = Callable[[str, int], list[str]]
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network

_NAT64 = ipaddress.ip_network("64:ff9b::/96")


class FetchError(Exception):
    """A request that did not complete; `retryable` says if a later run may try again."""

    def __init__(self, message: str, *, retryable: bool) -> None:
        super().__init__(message)
        self.retryable = retryable


class Refused(FetchError):
    """The URL was refused before any connection: bad scheme or non-public address."""

    def __init__(self, message: str) -> None:
        super().__init__(message, retryable=False)


def system_resolver(host: str, port: int) -> list[str]:
    """Every address `host` resolves to, in the resolver's order, without repeats."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(info[4][0] for info in infos))


def is_public(address: str, allow: Sequence[IPNetwork] = ()) -> bool:
    """Whether `address` may be contacted: public, or inside an `allow` network."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if any(ip in net for net in allow):
        return True
    candidates = [ip]
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped:
            candidates.append(ip.ipv4_mapped)
        if ip.sixtofour:
            candidates.append(ip.sixtofour)
        if ip in _NAT64:
            candidates.append(ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF))
    return all(c.is_global and not c.is_multicast for c in candidates)


def check_url(
    url: str, resolver: Resolver, allow: Sequence[IPNetwork] = ()
) -> tuple[str, int, list[str]]:
    """Refuse `url` unless its scheme is http(s) and all its addresses may be contacted.

    Returns (host, port, addresses) for the connection. Raises Refused, or a
    retryable FetchError when the name does not resolve.
    """
    try:
        parts = urlsplit(url)
        scheme = parts.scheme
        host = (parts.hostname or "").encode("idna").decode("ascii")
        port = parts.port or (443 if scheme == "https" else 80)
    except (UnicodeError, ValueError):
        raise Refused("refusing a malformed URL") from None
    if scheme not in ("http", "https"):
        raise Refused(f"refusing a non-http(s) URL (scheme {scheme!r})")
    if not host:
        raise Refused("refusing a URL without a host")
    try:
        addresses = resolver(host, port)
    except OSError as error:
        raise FetchError(f"cannot resolve {host}: {error}", retryable=True) from None
    if not addresses:
        raise FetchError(f"cannot resolve {host}: no address", retryable=True)
    blocked = [a for a in addresses if not is_public(a, allow)]
    if blocked:
        raise Refused(f"refusing {host}: resolves to non-public address {', '.join(blocked)}")
    return host, port, addresses
