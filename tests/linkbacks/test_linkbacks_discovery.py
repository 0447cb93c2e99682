"""Endpoint discovery: the 23 webmention.rocks cases recreated on 127.0.0.1, and more."""

import http.client
import io
import json
import time
from pathlib import Path
from urllib.parse import parse_qs

import pytest
from linkbacks.discovery import MAX_PARSED_BYTES, discover, link_header_values
from linkbacks.send import notify
from safe_http import Deadline, FetchError, Response

from tests.safe_http.loopback_server import Reply

FIXTURES = Path(__file__).parent / "fixtures" / "discovery"
CASES = json.loads((FIXTURES / "cases.json").read_text(encoding="utf-8"))
PATHOLOGICAL_FIXTURE = Path(__file__).parent / "fixtures" / "pathological" / "cases.json"
PATHOLOGICAL = json.loads(PATHOLOGICAL_FIXTURE.read_text(encoding="utf-8"))
MEBIBYTE = 1024 * 1024
SOURCE = "https://reconnect.example/networking-is-a-two-way-street/"


def serve_case(server, case: dict) -> None:
    for path, route in case["routes"].items():
        body = (FIXTURES / route["body"]).read_bytes() if route["body"] else b""
        headers = tuple((name, value) for name, value in route["headers"])
        server.routes[path] = Reply(route.get("status", 200), headers, body)


@pytest.mark.parametrize("case", CASES, ids=[f"case-{c['case']:02d}" for c in CASES])
def test_webmention_rocks_discovery_case(server, client, case):
    """Each case: the one right endpoint gets exactly one POST; no decoy gets any."""
    serve_case(server, case)
    target = server.url(case["target"])

    outcome = notify(client, SOURCE, target, Deadline(10), dry_run=False)

    assert (outcome.protocol, outcome.status) == ("webmention", "sent"), outcome
    assert outcome.endpoint == server.url(case["endpoint"])
    posts = server.posts()
    assert [post.path for post in posts] == [case["endpoint"]]
    assert parse_qs(posts[0].body.decode()) == {"source": [SOURCE], "target": [target]}
    assert all("error" not in request.path for request in server.requests)


def test_all_23_cases_are_present():
    assert sorted(case["case"] for case in CASES) == list(range(1, 24))


def test_query_string_of_the_endpoint_stays_in_the_url(server, client):
    """Case 21 in detail: the form body holds source and target only."""
    serve_case(server, CASES[20])
    notify(client, SOURCE, server.url("/test/21"), Deadline(10), dry_run=False)
    (post,) = server.posts()
    assert post.path == "/test/21/webmention?query=yes"
    assert post.headers["content-type"].startswith("application/x-www-form-urlencoded")
    assert set(parse_qs(post.body.decode())) == {"source", "target"}


def test_dry_run_discovers_but_posts_nothing(server, client):
    serve_case(server, CASES[10])
    outcome = notify(client, SOURCE, server.url("/test/11"), Deadline(10), dry_run=True)
    assert (outcome.protocol, outcome.endpoint) == ("webmention", server.url("/test/11/webmention"))
    assert [r.method for r in server.requests] == ["GET"]


def test_requests_name_the_project_in_the_user_agent(server, client):
    serve_case(server, CASES[0])
    notify(client, SOURCE, server.url("/test/1"), Deadline(10), dry_run=False)
    assert {r.headers["user-agent"] for r in server.requests} == {
        "Reconnect-Linkbacks/1.0 (Webmention; Pingback)"
    }


def test_html_of_a_non_html_response_is_not_searched(server, client):
    page = b'<link rel="webmention" href="/endpoint">'
    server.routes["/plain"] = Reply(body=page, content_type="text/plain")
    outcome = notify(client, SOURCE, server.url("/plain"), Deadline(10), dry_run=True)
    assert (outcome.protocol, outcome.status) == ("none", "no-endpoint")


def test_xhtml_pages_are_searched(server, client):
    page = (
        b'<html xmlns="http://www.w3.org/1999/xhtml">'
        b'<head><link rel="webmention" href="/wm"/></head></html>'
    )
    server.routes["/x"] = Reply(body=page, content_type="application/xhtml+xml")
    outcome = notify(client, SOURCE, server.url("/x"), Deadline(10), dry_run=True)
    assert outcome.endpoint == server.url("/wm")


def test_a_page_without_any_endpoint_gets_no_post(server, client):
    server.routes["/quiet"] = Reply(body=b"<p>No endpoints here.</p>")
    outcome = notify(client, SOURCE, server.url("/quiet"), Deadline(10), dry_run=False)
    assert (outcome.protocol, outcome.status) == ("none", "no-endpoint")
    assert server.posts() == []


def test_endpoint_in_the_header_of_a_huge_page_is_found(server, client):
    big = b"<p>" + b"x" * (5 * 1024 * 1024) + b"</p>"
    server.routes["/big"] = Reply(headers=(("Link", "</wm>; rel=webmention"),), body=big)
    outcome = notify(client, SOURCE, server.url("/big"), Deadline(10), dry_run=True)
    assert outcome.endpoint == server.url("/wm")


def test_endpoint_after_the_first_mebibyte_is_not_seen(server, client):
    late = b"<p>" + b"x" * (1024 * 1024) + b'</p><link rel="webmention" href="/wm">'
    server.routes["/late"] = Reply(body=late)
    outcome = notify(client, SOURCE, server.url("/late"), Deadline(10), dry_run=True)
    assert outcome.status == "no-endpoint"
    assert "size limit" in outcome.detail


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("</a>; rel=webmention", [("/a", ["webmention"])]),
        ('</a>; rel="Webmention Other"', [("/a", ["webmention", "other"])]),
        ('</a>; title="x, y; z"; rel="webmention"', [("/a", ["webmention"])]),
        ('</a>; rel="other", </b>; rel=webmention', [("/a", ["other"]), ("/b", ["webmention"])]),
        ('</a>; rel="first"; rel="webmention"', [("/a", ["first"])]),
        ("</a>", [("/a", [])]),
    ],
)
def test_link_header_values(header, expected):
    assert link_header_values(header) == expected


def test_pingback_header_wins_over_the_link_element(server, client):
    page = b'<link rel="pingback" href="/from-html">'
    server.routes["/p"] = Reply(headers=(("X-Pingback", "{base}/from-header"),), body=page)
    endpoints = discover(client.get(server.url("/p"), Deadline(10)), Deadline(10))
    assert endpoints.pingback == server.url("/from-header")
    assert endpoints.webmention is None


def pathological_page(case: dict) -> bytes:
    """The case's prefix, then its unit repeated, cut at exactly 1 MiB."""
    head, unit = case["prefix"].encode(), case["unit"].encode()
    return (head + unit * ((MEBIBYTE - len(head)) // len(unit) + 1))[:MEBIBYTE]


@pytest.mark.parametrize("case", PATHOLOGICAL, ids=[c["name"] for c in PATHOLOGICAL])
def test_a_pathological_mebibyte_is_parsed_well_inside_the_deadline(server, client, case):
    """Linear parsing: each page takes well under a second; 5 s leaves room for a loaded machine.

    No decoy (markup inside comments, script, attribute values, ...) counts as
    an endpoint; a real endpoint before the garbage still does.
    """
    server.routes["/page"] = Reply(body=pathological_page(case))
    started = time.monotonic()
    outcome = notify(client, SOURCE, server.url("/page"), Deadline(10), dry_run=True)
    assert time.monotonic() - started < 5
    if "endpoint" in case:
        assert (outcome.status, outcome.endpoint) == ("planned", server.url(case["endpoint"]))
    else:
        assert (outcome.status, outcome.endpoint, outcome.detail) == (
            "no-endpoint",
            None,
            "no endpoint",
        )


def html_response(body: bytes) -> Response:
    headers = http.client.parse_headers(io.BytesIO(b"Content-Type: text/html\r\n\r\n"))
    return Response("https://target.example/post", 200, headers, body, truncated=False)


def test_no_page_is_parsed_once_the_deadline_has_passed():
    page = html_response(b'<link rel="webmention" href="/wm">')
    with pytest.raises(FetchError, match="timed out") as raised:
        discover(page, Deadline(0))
    assert raised.value.retryable


def test_only_the_first_mebibyte_is_parsed_whatever_was_read():
    """A client allowed to read more (a larger max_bytes) still has only 1 MiB parsed."""
    late = b"<p>" + b"x" * MAX_PARSED_BYTES + b'</p><link rel="webmention" href="/wm">'
    early = b'<link rel="webmention" href="/wm">' + b"x" * MAX_PARSED_BYTES
    assert discover(html_response(late), Deadline(10)).webmention is None
    assert discover(html_response(early), Deadline(10)).webmention == "https://target.example/wm"
