"""The SSRF guard: which URLs may be contacted at all.

Only http and https. The host name is resolved and *every* address it resolves
to must be public (`is_public`: outside every IANA special-purpose block, see
there); addresses inside a network the caller allows pass too, and only tests
allow any (`LINKBACKS["allow_networks"]`, `MENTIONS["avatar_allow_private_hosts"]`).
`fetch.Client` runs the check before every connection: each URL, each redirect
hop, each endpoint.

Messages name the host at most, never the URL: a URL may carry a secret in its
query string (the webmention.io token does).
"""

import ipaddress
import re
import socket
from collections.abc import Callable, Sequence
from urllib.parse import urlsplit

Resolver = Callable[[str, int], list[str]]
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network
# Characters of a scheme shown in a message: a URL from a page may have a long one.
_SHOWN = 20
# A host name in ASCII (after IDNA) or an IPv6 literal: nothing else ever
# reaches the resolver or a message (no control characters, no zone ids).
_HOST = re.compile(r"[A-Za-z0-9._-]{1,253}|[0-9A-Fa-f:.]{2,45}")


def _networks(*cidrs: str) -> tuple[IPNetwork, ...]:
    return tuple(ipaddress.ip_network(cidr) for cidr in cidrs)


# The IANA IPv4 Special-Purpose Address Registry as of 2026, each block whole
# (the more specific entries inside 192.0.0.0/24 and 192.88.99.0/24 are
# covered), plus multicast from the IPv4 Address Space registry.
_REFUSED_IPV4 = _networks(
    "0.0.0.0/8",  # "this network"
    "10.0.0.0/8",  # private use
    "100.64.0.0/10",  # shared address space (carrier NAT)
    "127.0.0.0/8",  # loopback
    "169.254.0.0/16",  # link local
    "172.16.0.0/12",  # private use
    "192.0.0.0/24",  # IETF protocol assignments (DS-Lite, dummy, PCP, TURN, NAT64 discovery)
    "192.0.2.0/24",  # documentation
    "192.31.196.0/24",  # AS112
    "192.52.193.0/24",  # AMT
    "192.88.99.0/24",  # former 6to4 relay anycast, 6a44 relay
    "192.168.0.0/16",  # private use
    "192.175.48.0/24",  # AS112 direct delegation
    "198.18.0.0/15",  # benchmarking
    "198.51.100.0/24",  # documentation
    "203.0.113.0/24",  # documentation
    "224.0.0.0/4",  # multicast
    "240.0.0.0/4",  # reserved, and the limited broadcast 255.255.255.255
)
# IPv6 unicast on the internet is 2000::/3 (IANA IPv6 Address Space registry):
# everything else is refused, which takes in every special-purpose block outside
# it (loopback, unspecified, IPv4-mapped, NAT64, discard, dummy, SRv6 SIDs,
# unique local, link local), multicast, the deprecated site-local fec0::/10 and
# the deprecated forms that embed an IPv4 address (compatible ::a.b.c.d,
# translated ::ffff:0:a.b.c.d). These are the special-purpose blocks inside it.
_IPV6_UNICAST = ipaddress.ip_network("2000::/3")
_REFUSED_IPV6 = _networks(
    "2001::/23",  # IETF protocol assignments, Teredo 2001::/32 included
    "2001:db8::/32",  # documentation
    "2002::/16",  # 6to4
    "2620:4f:8000::/48",  # AS112 direct delegation
    "3fff::/20",  # documentation
)


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
    """Whether `address` may be contacted: public, or inside an `allow` network.

    Public means outside every block of the IANA IPv4 and IPv6 Special-Purpose
    Address Registries, *including* the blocks they mark globally reachable
    (anycast for PCP, TURN, AS112, AMT, NAT64 64:ff9b::/96, ...): no blog lives
    there, and a page or DNS answer naming one is up to something. Also refused:
    multicast, and IPv6 outside 2000::/3 (so site-local fec0::/10 and every
    deprecated form embedding an IPv4 address). Every IPv6 form that embeds an
    IPv4 address is thereby refused whatever that address is: IPv4-compatible
    ::/96, IPv4-mapped ::ffff:0:0/96, IPv4-translated ::ffff:0:0:0/96, NAT64
    64:ff9b::/96 and 64:ff9b:1::/48, 6to4 2002::/16 and Teredo 2001::/32. The
    resolver returns IPv4 addresses as IPv4, so a host on IPv4 is reached that
    way; only an IPv6-only machine behind DNS64 would miss IPv4-only sites.
    """
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if any(ip in net for net in allow):
        return True
    if isinstance(ip, ipaddress.IPv6Address) and ip not in _IPV6_UNICAST:
        return False
    refused = _REFUSED_IPV4 if isinstance(ip, ipaddress.IPv4Address) else _REFUSED_IPV6
    return not any(ip in net for net in refused)


def literal_network(url: str) -> tuple[IPNetwork, ...]:
    """The one-address network of the IP that `url` names literally as its host, else none.

    A caller may allow it (`Client(allow_networks=...)`) for a URL the site
    owner typed in a setting (tests point one at a loopback address); a host
    name gets no such trust, and neither does a URL from content or a page.
    """
    try:
        return (ipaddress.ip_network(urlsplit(url).hostname or ""),)
    except ValueError:
        return ()


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
        raise Refused(f"refusing a non-http(s) URL (scheme {scheme[:_SHOWN]!r})")
    if not host:
        raise Refused("refusing a URL without a host")
    if not _HOST.fullmatch(host):
        raise Refused("refusing a malformed URL")
    try:
        addresses = resolver(host, port)
    except OSError as error:
        raise FetchError(f"cannot resolve {host}: {error}", retryable=True) from None
    except (UnicodeError, ValueError):
        raise Refused("refusing a malformed URL") from None
    if not addresses:
        raise FetchError(f"cannot resolve {host}: no address", retryable=True)
    blocked = [a for a in addresses if not is_public(a, allow)]
    if blocked:
        shown = ", ".join(blocked[:3]) + (", ..." if len(blocked) > 3 else "")
        raise Refused(f"refusing {host}: resolves to non-public address {shown}")
    return host, port, addresses
