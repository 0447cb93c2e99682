"""Clients and stand-in resolvers for the safe_http tests."""

import ipaddress
import socket

from safe_http import Client

LOOPBACK = (ipaddress.ip_network("127.0.0.1/32"),)


def make_client(**overrides) -> Client:
    """A client with a 1 MiB cap and 5 redirects, for public addresses only unless overridden."""
    options = {"user_agent": "safe-http-tests/1.0", "max_bytes": 1024 * 1024, **overrides}
    return Client(**options)


def stub_resolver(table: dict[str, list[str]], calls: list | None = None):
    """A resolver answering from `table`, logging each lookup in `calls`."""

    def resolve(host: str, port: int) -> list[str]:
        if calls is not None:
            calls.append(host)
        if host not in table:
            raise socket.gaierror(socket.EAI_NONAME, host)
        return table[host]

    return resolve
