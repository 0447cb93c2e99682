"""A loopback HTTP server for the tests of outgoing HTTP (safe_http, linkbacks).

Routes map a path (without query) to a `Reply` or to a function that writes the
raw answer itself (`drip`, `endless`). Every request is logged, so a test can
assert exactly which requests a run made, and that a second run made none.

The fixtures `server` and `no_outside_dns` are imported by the conftest of each
test directory that uses them. On top of the suite-wide guard on connections,
`no_outside_dns` guards name resolution: looking up any host name but
`localhost` fails, so no DNS query ever leaves the machine either. Tests that
need names use a stub resolver.
"""

import ipaddress
import socket
import ssl
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

import pytest


@dataclass(frozen=True)
class Reply:
    status: int = 200
    headers: tuple[tuple[str, str], ...] = ()
    body: bytes = b""
    content_type: str | None = "text/html; charset=utf-8"


@dataclass(frozen=True)
class Request:
    method: str
    path: str  # with the query string
    headers: dict[str, str]
    body: bytes


@dataclass
class LoopbackServer:
    httpd: ThreadingHTTPServer
    scheme: str = "http"
    routes: dict[str, Reply | Callable] = field(default_factory=dict)
    requests: list[Request] = field(default_factory=list)
    # Any path without a route answers this to POST (an endpoint that accepts).
    post_reply: Reply = Reply(202, body=b"Accepted", content_type="text/plain")

    @property
    def base(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"{self.scheme}://{host}:{port}"

    def url(self, path: str) -> str:
        return self.base + path

    def posts(self) -> list[Request]:
        return [r for r in self.requests if r.method == "POST"]


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: ThreadingHTTPServer

    def log_message(self, format, *args):
        pass

    def _handle(self) -> None:
        owner: LoopbackServer = self.server.owner
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        owner.requests.append(
            Request(self.command, self.path, {k.lower(): v for k, v in self.headers.items()}, body)
        )
        route = owner.routes.get(urlsplit(self.path).path)
        if route is None:
            route = owner.post_reply if self.command == "POST" else Reply(404, body=b"not found")
        if callable(route):
            route(self)
            return
        self.send_response(route.status)
        for name, value in route.headers:
            self.send_header(name, value.replace("{base}", owner.base))
        if route.content_type:
            self.send_header("Content-Type", route.content_type)
        payload = route.body.replace(b"{base}", owner.base.encode())
        self.send_header("Content-Length", str(len(payload)))
        self.send_header("Connection", "close")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(payload)

    do_GET = do_POST = do_HEAD = _handle


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        # A client hanging up mid-answer is what the limit tests provoke.
        if not isinstance(sys.exc_info()[1], ConnectionError | ssl.SSLError):
            super().handle_error(request, client_address)


def start(tls: ssl.SSLContext | None = None) -> LoopbackServer:
    """Serve on 127.0.0.1 (an ephemeral port), over TLS when `tls` is given."""
    httpd = _QuietServer(("127.0.0.1", 0), _Handler)
    if tls is not None:
        httpd.socket = tls.wrap_socket(httpd.socket, server_side=True)
    server = LoopbackServer(httpd, scheme="https" if tls else "http")
    httpd.owner = server
    threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True).start()
    return server


def stop(server: LoopbackServer) -> None:
    server.httpd.shutdown()
    server.httpd.server_close()


@pytest.fixture
def server() -> LoopbackServer:
    """A fresh loopback HTTP server with no routes; it logs every request."""
    running = start()
    yield running
    stop(running)


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


def drip(headers_first: bool):
    """A route writing its answer one byte every 0.2 s (after the headers, or from the start).

    The whole answer takes 40 s at least, far beyond any deadline a test gives.
    """

    def route(handler):
        head = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 200\r\n\r\n"
        if headers_first:
            handler.wfile.write(head)
            head = b""
        for byte in head + b"x" * 200:
            handler.wfile.write(bytes([byte]))
            time.sleep(0.2)

    return route


def endless(handler):
    """Announce a terabyte, then send data until the client hangs up (or 8 MiB)."""
    handler.wfile.write(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n")
    handler.wfile.write(b"Content-Length: 1000000000000\r\n\r\n")
    chunk = b"<p>" + b"x" * 65533
    for _ in range(128):
        handler.wfile.write(chunk)
