"""Whole runs over article pages: idempotence, edits, retries, dry run, Trackback."""

import json
from dataclasses import replace
from pathlib import Path

import linkbacks.run
import pytest
from linkbacks.run import Article

from tests.linkbacks.runs import SITEURL, run
from tests.safe_http.loopback_server import Reply

FIXTURES = Path(__file__).parent / "fixtures" / "articles"
SOURCE = f"{SITEURL}/keep-in-touch-on-a-schedule/"
TRACKBACK_OK = b"<?xml version='1.0'?><response><error>0</error></response>"


@pytest.fixture
def targets(server):
    """Three target pages, each announcing its own Webmention endpoint."""
    for name in ("a", "b", "c"):
        link = (("Link", f"</wm-{name}>; rel=webmention"),)
        server.routes[f"/post-{name}"] = Reply(headers=link, body=b"<p>a post</p>")
    return server


def article(tmp_path: Path, server, fixture: str = "first.html", **fields) -> Article:
    """The fixture page `fixture`, its links pointing at `server`, as a published article."""
    page = tmp_path / "output" / "keep-in-touch-on-a-schedule" / "index.html"
    page.parent.mkdir(parents=True, exist_ok=True)
    html = (FIXTURES / fixture).read_text(encoding="utf-8").replace("{base}", server.base)
    page.write_text(html, encoding="utf-8")
    return Article(url=SOURCE, page=page, title="Keep in touch", excerpt="Why and how.", **fields)


def outbox_targets(settings) -> dict:
    data = json.loads(settings.outbox.read_text(encoding="utf-8"))
    return data["sources"][SOURCE]["targets"]


def test_first_run_notifies_each_linked_post_once(tmp_path, targets, settings, client):
    lines, counts = run([article(tmp_path, targets)], settings, client)
    assert [p.path for p in targets.posts()] == ["/wm-a", "/wm-b"]
    assert counts == {"sent": 2}
    assert lines == [
        f"{targets.url('/post-a')} -> {targets.url('/wm-a')} (webmention) sent: 202",
        f"{targets.url('/post-b')} -> {targets.url('/wm-b')} (webmention) sent: 202",
    ]
    assert {t: s["status"] for t, s in outbox_targets(settings).items()} == {
        targets.url("/post-a"): "sent",
        targets.url("/post-b"): "sent",
    }


def test_a_second_run_makes_no_request_and_leaves_the_outbox_alone(
    tmp_path, targets, settings, client
):
    articles = [article(tmp_path, targets)]
    run(articles, settings, client)
    before = settings.outbox.read_bytes()
    targets.requests.clear()

    lines, counts = run(articles, settings, client)

    assert targets.requests == []
    assert (lines, counts) == ([], {})
    assert settings.outbox.read_bytes() == before


def test_an_edit_notifies_kept_new_and_removed_links(tmp_path, targets, settings, client):
    run([article(tmp_path, targets)], settings, client)
    targets.requests.clear()

    run([article(tmp_path, targets, "edited.html")], settings, client)

    assert sorted(p.path for p in targets.posts()) == ["/wm-a", "/wm-b", "/wm-c"]
    # post-b was told the link is gone; after that it has nothing more to hear.
    assert set(outbox_targets(settings)) == {targets.url("/post-a"), targets.url("/post-c")}
    targets.requests.clear()
    run([article(tmp_path, targets, "edited.html")], settings, client)
    assert targets.requests == []


def test_a_400_is_not_retried(tmp_path, targets, settings, client):
    targets.post_reply = Reply(400, body=b"bad request")
    articles = [article(tmp_path, targets)]
    run(articles, settings, client)
    assert outbox_targets(settings)[targets.url("/post-a")]["status"] == "failed"
    targets.requests.clear()

    run(articles, settings, client)

    assert targets.requests == []


def test_a_503_is_retried_on_later_runs_then_given_up(tmp_path, targets, settings, client):
    targets.post_reply = Reply(503, body=b"busy")
    articles = [article(tmp_path, targets)]
    post_a = targets.url("/post-a")
    history = []
    for _ in range(settings.max_attempts + 1):
        targets.requests.clear()
        run(articles, settings, client)
        state = outbox_targets(settings)[post_a]
        history.append((len(targets.posts()), state["status"], state["attempts"]))
    assert history == [(2, "pending", 1), (2, "pending", 2), (2, "gave-up", 3), (0, "gave-up", 3)]


def test_a_pending_target_that_recovers_is_sent(tmp_path, targets, settings, client):
    targets.post_reply = Reply(503, body=b"busy")
    articles = [article(tmp_path, targets)]
    run(articles, settings, client)
    targets.post_reply = Reply(201, (("Location", "/status/1"),), content_type=None)
    run(articles, settings, client)
    state = outbox_targets(settings)[targets.url("/post-a")]
    assert (state["status"], state["attempts"], state["location"]) == (
        "sent",
        2,
        targets.url("/status/1"),
    )


def test_dry_run_prints_one_line_per_target_and_sends_nothing(tmp_path, targets, settings, client):
    targets.routes["/post-b"] = Reply(body=b"<p>no endpoint</p>")
    lines, _ = run([article(tmp_path, targets)], settings, client, dry_run=True)
    assert lines == [
        f"{targets.url('/post-a')} -> {targets.url('/wm-a')} (webmention)",
        f"{targets.url('/post-b')} -> - (none)",
    ]
    assert targets.posts() == []
    assert not settings.outbox.exists()


def test_an_explicit_trackback_is_pinged_once(tmp_path, targets, settings, client):
    targets.routes["/tb/7"] = Reply(body=TRACKBACK_OK, content_type="text/xml")
    ping = targets.url("/tb/7")
    run([article(tmp_path, targets, trackbacks=(ping,))], settings, client)
    assert [p.path for p in targets.posts()] == ["/wm-a", "/wm-b", "/tb/7"]
    assert outbox_targets(settings)[ping]["protocol"] == "trackback"
    targets.requests.clear()

    # An edit re-notifies Webmention targets, but a second Trackback ping would duplicate.
    run([article(tmp_path, targets, "edited.html", trackbacks=(ping,))], settings, client)

    assert "/tb/7" not in [p.path for p in targets.posts()]


def test_a_broken_page_stops_the_run_before_anything_is_sent(tmp_path, targets, settings, client):
    good = article(tmp_path, targets)
    broken_page = tmp_path / "broken.html"
    broken_page.write_text((FIXTURES / "no-entry.html").read_text(encoding="utf-8"))
    broken = replace(good, url=f"{SITEURL}/a/", page=broken_page)
    with pytest.raises(ValueError, match=r"broken\.html: no element with class e-content"):
        run([good, broken], settings, client)
    assert targets.requests == []
    assert not settings.outbox.exists()


def test_a_missing_page_is_reported_by_name(tmp_path, targets, settings, client):
    missing = replace(article(tmp_path, targets), page=tmp_path / "nowhere" / "index.html")
    with pytest.raises(ValueError, match="nowhere"):
        run([missing], settings, client)


def test_an_unexpected_error_for_one_target_is_recorded_and_the_run_goes_on(
    tmp_path, targets, settings, client, monkeypatch, caplog
):
    """A bug of ours met by one odd target: a retry with one line, not a traceback."""
    real_notify = linkbacks.run.notify
    post_a = targets.url("/post-a")

    def notify(client, source, target, deadline, dry_run):
        if target == post_a:
            raise RecursionError("deep inside a parser")
        return real_notify(client, source, target, deadline, dry_run)

    monkeypatch.setattr(linkbacks.run, "notify", notify)
    lines, counts = run([article(tmp_path, targets)], settings, client)

    assert counts == {"retry": 1, "sent": 1}
    assert lines[0] == f"{post_a} -> - (none) retry: unexpected error (RecursionError)"
    assert outbox_targets(settings)[post_a]["status"] == "pending"
    assert [p.path for p in targets.posts()] == ["/wm-b"]
    assert f"{post_a}: unexpected RecursionError" in caplog.text
