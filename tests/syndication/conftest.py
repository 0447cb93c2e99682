"""Fixtures for the syndication tests: loopback fakes of a Bluesky PDS and a Mastodon instance.

Name resolution is guarded too (`no_outside_dns`, see tests/safe_http/loopback_server.py).
"""

from tests.safe_http.loopback_server import no_outside_dns, server

# pytest finds the imported fixtures by name; __all__ tells linters the imports are used.
__all__ = ["no_outside_dns", "server"]
