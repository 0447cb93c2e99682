"""Loopback fakes of Bluesky's public AppView and a Mastodon instance, from their documented shapes.

Both serve the JSON in fixtures/direct/ on the session's loopback server:

- FakeAppView: `/xrpc/com.atproto.identity.resolveHandle`,
  `app.bsky.feed.getPostThread` (`{"thread": ...}`, or the XRPC error
  `NotFound` with HTTP 400 for an unknown post), `getLikes`,
  `getRepostedBy`, `getQuotes` (`{"<list>": [...], "cursor": "<offset>"}`, a
  cursor while more remain, `page_size` at most per page).
- FakeMastodon: `/api/v1/statuses/:id/context`, `/favourited_by`,
  `/reblogged_by` (`[Account]`, `Link: <...>; rel="next"` while more remain;
  404 with `{"error": "Record not found"}` for an unknown status).

`queue[path]` holds answers served, one per request, before the normal one
(a 429, then the page); `failures[path]` is served instead, every time.
Every request path (with its query) is logged in `requests`.
"""

import json
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlencode

from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

DIRECT = Path(__file__).parent / "fixtures" / "direct"
OWNER_DID = "did:plc:ownerreconnect4example"
OWNER_HANDLE = "owner.reconnect.example"
POST_RKEY = "3lcpostreconn2"
STATUS_ID = "113000000000000001"


def load(name: str) -> dict:
    """A fresh copy of fixtures/direct/`name`."""
    return json.loads((DIRECT / name).read_text(encoding="utf-8"))


def _json(value: object, status: int = 200, headers: dict | None = None) -> Response:
    return Response(
        json.dumps(value), status=status, headers=headers, content_type="application/json"
    )


class _Fake:
    def __init__(self, server: HTTPServer) -> None:
        self.server = server
        self.requests: list[str] = []
        self.queue: dict[str, list[Response]] = {}
        self.failures: dict[str, Response | Callable[[], Response]] = {}
        self.page_size = 2

    @property
    def base(self) -> str:
        return self.server.url_for("").rstrip("/")

    def _serve(self, request: Request, normal: Callable[[Request], Response]) -> Response:
        self.requests.append(request.full_path.rstrip("?"))
        if self.queue.get(request.path):
            return self.queue[request.path].pop(0)
        failure = self.failures.get(request.path)
        if failure is not None:
            return failure if isinstance(failure, Response) else failure()
        return normal(request)

    def _page(self, items: list, request: Request) -> tuple[list, int | None]:
        """The items of the page a request asks for, and the offset of the next one."""
        start = int(request.args.get("cursor") or request.args.get("offset") or 0)
        size = min(int(request.args.get("limit", 50)), self.page_size)
        following = start + size if start + size < len(items) else None
        return items[start : start + size], following


class FakeAppView(_Fake):
    """The AppView, serving one post's reactions (fixtures/direct/bluesky.json)."""

    def __init__(self, server: HTTPServer, fixture: str = "bluesky.json") -> None:
        super().__init__(server)
        self.data = load(fixture)
        self.at_uri = f"at://{OWNER_DID}/app.bsky.feed.post/{POST_RKEY}"
        self.deleted = False
        server.expect_request("/xrpc/com.atproto.identity.resolveHandle").respond_with_handler(
            lambda r: self._serve(r, self._resolve)
        )
        for method, handler in (
            ("getPostThread", self._thread),
            ("getLikes", self._list("likes")),
            ("getRepostedBy", self._list("repostedBy")),
            ("getQuotes", self._list("posts")),
        ):
            server.expect_request(f"/xrpc/app.bsky.feed.{method}").respond_with_handler(
                lambda r, handler=handler: self._serve(r, handler)
            )

    @property
    def post_url(self) -> str:
        return f"https://bsky.app/profile/{OWNER_DID}/post/{POST_RKEY}"

    def _resolve(self, request: Request) -> Response:
        if request.args.get("handle") != OWNER_HANDLE:
            return _json({"error": "HandleNotFound", "message": "Unable to resolve handle"}, 400)
        return _json({"did": OWNER_DID})

    def _known(self, request: Request) -> bool:
        return request.args.get("uri") == self.at_uri and not self.deleted

    def _thread(self, request: Request) -> Response:
        if not self._known(request):
            return _json({"error": "NotFound", "message": "Post not found"}, 400)
        return _json({"thread": self.data["thread"]})

    def _list(self, key: str) -> Callable[[Request], Response]:
        def answer(request: Request) -> Response:
            items = self.data[key] if self._known(request) else []
            page, following = self._page(items, request)
            body = {"uri": request.args.get("uri"), key: page}
            if following is not None:
                body["cursor"] = str(following)
            return _json(body)

        return answer


class FakeMastodon(_Fake):
    """A Mastodon instance, serving one status's reactions (fixtures/direct/mastodon.json)."""

    def __init__(self, server: HTTPServer, fixture: str = "mastodon.json") -> None:
        super().__init__(server)
        self.data = load(fixture)
        self.deleted = False
        prefix = f"/api/v1/statuses/{STATUS_ID}"
        server.expect_request(f"{prefix}/context").respond_with_handler(
            lambda r: self._serve(r, self._context)
        )
        for endpoint in ("favourited_by", "reblogged_by"):
            server.expect_request(f"{prefix}/{endpoint}").respond_with_handler(
                lambda r, endpoint=endpoint: self._serve(r, self._accounts(endpoint))
            )

    @property
    def post_url(self) -> str:
        return f"{self.base}/@owner/{STATUS_ID}"

    def _gone(self) -> Response:
        return _json({"error": "Record not found"}, 404)

    def _context(self, _request: Request) -> Response:
        if self.deleted:
            return self._gone()
        return _json({"ancestors": [], "descendants": self.data["descendants"]})

    def _accounts(self, endpoint: str) -> Callable[[Request], Response]:
        def answer(request: Request) -> Response:
            if self.deleted:
                return self._gone()
            page, following = self._page(self.data[endpoint], request)
            headers = {}
            if following is not None:
                query = urlencode({"limit": request.args.get("limit", 40), "offset": following})
                headers["Link"] = f'<{self.base}{request.path}?{query}>; rel="next"'
            return _json(page, headers=headers)

        return answer
