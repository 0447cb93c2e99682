"""Sending: Webmention answers, the Pingback fallback over XML-RPC, explicit Trackback."""

import threading
import xmlrpc.client
from urllib.parse import parse_qs
from xmlrpc.server import SimpleXMLRPCServer

import pytest
from linkbacks.send import notify, send_trackback
from safe_http import Deadline

from tests.safe_http.loopback_server import Reply, drip

SOURCE = "https://reconnect.example/asking-for-a-referral-without-using-people/"
WEBMENTION_PAGE = Reply(headers=(("Link", "</endpoint>; rel=webmention"),), body=b"<p>post</p>")


@pytest.mark.parametrize("status", [200, 201, 202])
def test_any_2xx_is_success(server, client, status):
    server.routes["/post"] = WEBMENTION_PAGE
    server.post_reply = Reply(status, body=b"", content_type=None)
    outcome = notify(client, SOURCE, server.url("/post"), Deadline(5), dry_run=False)
    assert (outcome.status, outcome.detail) == ("sent", str(status))


def test_201_location_is_recorded_as_an_absolute_url(server, client):
    server.routes["/post"] = WEBMENTION_PAGE
    server.post_reply = Reply(201, (("Location", "/status/7"),), content_type=None)
    outcome = notify(client, SOURCE, server.url("/post"), Deadline(5), dry_run=False)
    assert outcome.location == server.url("/status/7")


def test_the_post_body_is_exactly_source_and_target(server, client):
    server.routes["/post"] = WEBMENTION_PAGE
    target = server.url("/post")
    notify(client, SOURCE, target, Deadline(5), dry_run=False)
    (post,) = server.posts()
    assert post.path == "/endpoint"
    assert post.body.decode() == (
        "source=https%3A%2F%2Freconnect.example%2Fasking-for-a-referral-without-using-people%2F"
        f"&target={target.replace(':', '%3A').replace('/', '%2F')}"
    )


@pytest.mark.parametrize(
    ("status", "expected"), [(400, "failed"), (404, "failed"), (429, "retry"), (503, "retry")]
)
def test_client_errors_are_final_and_server_errors_are_retried(server, client, status, expected):
    server.routes["/post"] = WEBMENTION_PAGE
    server.post_reply = Reply(status, body=b"no")
    outcome = notify(client, SOURCE, server.url("/post"), Deadline(5), dry_run=False)
    assert (outcome.protocol, outcome.status, outcome.detail) == (
        "webmention",
        expected,
        str(status),
    )


def test_a_missing_target_page_is_final(server, client):
    outcome = notify(client, SOURCE, server.url("/gone"), Deadline(5), dry_run=False)
    assert (outcome.status, outcome.detail) == ("failed", "target answered 404")


def test_a_private_endpoint_gets_no_post_and_is_not_retried(server, client):
    """The guard (tests/safe_http) refuses it; here, the refusal is a final failure."""
    server.routes["/post"] = Reply(
        headers=(("Link", "<http://169.254.169.254/wm>; rel=webmention"),)
    )
    outcome = notify(client, SOURCE, server.url("/post"), Deadline(5), dry_run=False)
    assert (outcome.protocol, outcome.status) == ("webmention", "failed")
    assert "refusing" in outcome.detail
    assert server.posts() == []


def test_a_slow_target_is_recorded_for_a_retry(server, client):
    server.routes["/slow"] = drip(headers_first=True)
    outcome = notify(client, SOURCE, server.url("/slow"), Deadline(1.0), dry_run=False)
    assert outcome.status == "retry"


@pytest.fixture
def pingback_server():
    """A loopback XML-RPC server; `answer` decides what pingback.ping does."""
    rpc = SimpleXMLRPCServer(("127.0.0.1", 0), logRequests=False)
    rpc.calls = []
    rpc.answer = lambda source, target: "Pingback registered."

    def ping(source, target):
        rpc.calls.append((source, target))
        return rpc.answer(source, target)

    rpc.register_function(ping, "pingback.ping")
    thread = threading.Thread(target=rpc.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    rpc.url = f"http://127.0.0.1:{rpc.server_address[1]}/RPC2"
    yield rpc
    rpc.shutdown()
    rpc.server_close()


def fault(code: int):
    def answer(source, target):
        raise xmlrpc.client.Fault(code, "The receiver's own words")

    return answer


def test_pingback_is_used_when_there_is_no_webmention_endpoint(server, client, pingback_server):
    server.routes["/post"] = Reply(headers=(("X-Pingback", pingback_server.url),))
    target = server.url("/post")
    outcome = notify(client, SOURCE, target, Deadline(5), dry_run=False)
    assert (outcome.protocol, outcome.status, outcome.endpoint) == (
        "pingback",
        "sent",
        pingback_server.url,
    )
    assert pingback_server.calls == [(SOURCE, target)]


def test_pingback_link_element_is_found(server, client, pingback_server):
    page = f'<html><head><link rel="pingback" href="{pingback_server.url}"></head></html>'
    server.routes["/post"] = Reply(body=page.encode())
    outcome = notify(client, SOURCE, server.url("/post"), Deadline(5), dry_run=False)
    assert (outcome.protocol, outcome.status) == ("pingback", "sent")


@pytest.mark.parametrize(
    ("code", "expected"),
    [(48, "sent"), (17, "failed"), (32, "failed"), (50, "retry")],
)
def test_pingback_faults(server, client, pingback_server, code, expected):
    """48 means already registered: done. 17 (no link to target) and others are final.

    The fault string is the receiver's text: only the code is recorded.
    """
    pingback_server.answer = fault(code)
    server.routes["/post"] = Reply(headers=(("X-Pingback", pingback_server.url),))
    outcome = notify(client, SOURCE, server.url("/post"), Deadline(5), dry_run=False)
    known = {48: "fault 48: already registered"}
    assert (outcome.status, outcome.detail) == (expected, known.get(code, f"fault {code}"))


def test_never_both_webmention_and_pingback(server, client, pingback_server):
    server.routes["/post"] = Reply(
        headers=(("Link", "</endpoint>; rel=webmention"), ("X-Pingback", pingback_server.url))
    )
    outcome = notify(client, SOURCE, server.url("/post"), Deadline(5), dry_run=False)
    assert outcome.protocol == "webmention"
    assert [p.path for p in server.posts()] == ["/endpoint"]
    assert pingback_server.calls == []


TRACKBACK_OK = b'<?xml version="1.0" encoding="utf-8"?>\n<response><error>0</error></response>'
TRACKBACK_ERROR = (
    b'<?xml version="1.0" encoding="utf-8"?>\n'
    b"<response><error>1</error><message>Ping rejected</message></response>"
)


def trackback(server, client):
    return send_trackback(
        client,
        server.url("/trackback/42"),
        source=SOURCE,
        title="Asking for a referral",
        excerpt="How to ask without using people.",
        blog_name="Reconnect",
        deadline=Deadline(5),
    )


def test_trackback_is_a_form_post_of_the_four_fields(server, client):
    server.routes["/trackback/42"] = Reply(body=TRACKBACK_OK, content_type="text/xml")
    outcome = trackback(server, client)
    assert (outcome.protocol, outcome.status) == ("trackback", "sent")
    (post,) = server.posts()
    assert parse_qs(post.body.decode()) == {
        "url": [SOURCE],
        "title": ["Asking for a referral"],
        "excerpt": ["How to ask without using people."],
        "blog_name": ["Reconnect"],
    }
    assert [r.method for r in server.requests] == ["POST"]


def test_trackback_error_response_is_a_final_failure_without_its_message(server, client):
    """The receiver's <message> is its own text: neither recorded nor shown."""
    server.routes["/trackback/42"] = Reply(body=TRACKBACK_ERROR, content_type="text/xml")
    outcome = trackback(server, client)
    assert (outcome.status, outcome.detail) == ("failed", "the receiver answered with an error")
