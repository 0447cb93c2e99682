"""Fixtures for the linkbacks tests: a loopback server, a client allowed to reach it.

On top of the suite-wide guard on connections, name resolution is guarded
here: looking up any host name but `localhost` fails, so no DNS query ever
leaves the machine either. Tests that need names use a stub resolver.
"""

import ipaddress
import socket

import pytest
from linkback_server import LoopbackServer, start, stop
from linkbacks.fetch import Client
from linkbacks.settings import load_settings

LOOPBACK_ONLY = {"allow_networks": ["127.0.0.1/32"]}

_real_getaddrinfo = socket.getaddrinfo


def _guarded_getaddrinfo(host, *args, **kwargs):
    try:
        ipaddress.ip_address(host)
    except ValueError:
        if host != "localhost":
            raise socket.gaierror(socket.EAI_NONAME, f"test tried to resolve {host!r}") from None
    return _real_getaddrinfo(host, *args, **kwargs)


@pytest.fixture(autouse=True)
def no_outside_dns(monkeypatch):
    """Refuse to look up any name but `localhost`; address literals need no lookup."""
    monkeypatch.setattr(socket, "getaddrinfo", _guarded_getaddrinfo)


@pytest.fixture
def server() -> LoopbackServer:
    """A fresh loopback HTTP server with no routes; it logs every request."""
    running = start()
    yield running
    stop(running)


@pytest.fixture
def settings(tmp_path):
    """Defaults, except that 127.0.0.1 may be reached and the outbox is temporary."""
    return load_settings({**LOOPBACK_ONLY, "outbox": "outbox.json"}, tmp_path)


@pytest.fixture
def client(settings) -> Client:
    """A client with the default limits that may reach 127.0.0.1 only."""
    return Client(
        user_agent=settings.user_agent,
        max_bytes=settings.max_bytes,
        max_redirects=settings.max_redirects,
        allow_networks=settings.allow_networks,
    )
