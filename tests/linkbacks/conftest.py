"""Fixtures for the linkbacks tests: a loopback server, a client allowed to reach it.

The server and the guard on name resolution come from the safe_http tests
(tests/safe_http/loopback_server.py): no DNS query ever leaves the machine.
"""

import pytest
from linkbacks.settings import load_settings
from safe_http import Client

from tests.safe_http.loopback_server import no_outside_dns, server

# pytest finds the imported fixtures by name; __all__ tells linters the imports are used.
__all__ = ["client", "no_outside_dns", "server", "settings"]

LOOPBACK_ONLY = {"allow_networks": ["127.0.0.1/32"]}


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
