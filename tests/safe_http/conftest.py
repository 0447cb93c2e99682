"""Fixtures for the safe_http tests: a loopback server, a client allowed to reach it.

Name resolution is guarded too (`no_outside_dns`, see loopback_server.py).
"""

import socket

import pytest
from safe_http import Client

from tests.safe_http.clients import LOOPBACK, make_client
from tests.safe_http.loopback_server import no_outside_dns, server

# pytest finds the imported fixtures by name; __all__ tells linters the imports are used.
__all__ = ["client", "no_connect", "no_outside_dns", "server"]


@pytest.fixture
def client() -> Client:
    """A client with the default limits that may reach 127.0.0.1 only."""
    return make_client(allow_networks=LOOPBACK)


@pytest.fixture
def no_connect(monkeypatch):
    """Fail the test if anything tries to open a connection."""

    def refuse(*args, **kwargs):
        raise AssertionError(f"a connection was attempted: {args}")

    monkeypatch.setattr(socket, "create_connection", refuse)
