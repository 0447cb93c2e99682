"""`python -m mentions sync` against the loopback fake of webmention.io."""

import copy
import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from mentions.cli import main
from werkzeug import Response

FIXTURES = Path(__file__).parent / "fixtures"
EXPECTED = sorted((FIXTURES / "api" / "expected").glob("*.json"))
ROOT = Path(__file__).resolve().parents[2]


def sync(project, *args: str) -> int:
    return main(["--settings", str(project.settings), "sync", *args])


def changed(before: dict[str, bytes], after: dict[str, bytes]) -> set[str]:
    return {name for name in before.keys() | after.keys() if before.get(name) != after.get(name)}


def test_first_sync_writes_one_normalised_file_per_article(project, fake_api, token, capsys):
    assert sync(project) == 0
    for expected in EXPECTED:
        assert (project.store / expected.name).read_bytes() == expected.read_bytes(), expected.name
    assert json.loads((project.store / "_state.json").read_text()) == {"since_id": 114}
    out = capsys.readouterr().out
    assert "unknown target, not stored: https://reconnect.example/no-such-article/" in out
    assert "no-slug.md has no Slug: metadata" in out
    for line in ("dropped 1 private", "dropped 1 blocked", "dropped 1 RSVP"):
        assert line in out


def test_pages_start_at_zero_and_stop_at_the_first_short_page(project, fake_api, token):
    sync(project)
    # 14 entries at 5 per page: pages of 5, 5 and 4.
    assert [r["page"] for r in fake_api.requests] == ["0", "1", "2"]
    for request in fake_api.requests:
        assert request["domain"] == "reconnect.example"
        assert request["per-page"] == "5"
        assert "since_id" not in request


def test_private_rsvp_blocked_and_unknown_target_mentions_are_never_stored(
    project, fake_api, token
):
    sync(project)
    stored = "".join(p.read_text() for p in project.store.glob("*.json"))
    for name in ("Private Person", "Rae Vance", "Cheap Pills", "Lost Reader"):
        assert name not in stored


def test_a_second_sync_with_nothing_new_changes_no_file(project, fake_api, token):
    sync(project)
    before = project.snapshot()
    times = {p: p.stat().st_mtime_ns for p in project.store.iterdir()}
    fake_api.requests.clear()
    time.sleep(0.01)
    assert sync(project) == 0
    assert project.snapshot() == before
    assert {p: p.stat().st_mtime_ns for p in project.store.iterdir()} == times
    assert [(r["since_id"], r["page"]) for r in fake_api.requests] == [("114", "0")]


def test_one_new_mention_changes_only_its_article_file(project, fake_api, token):
    sync(project)
    before = project.snapshot()
    new = copy.deepcopy(fake_api.entries[4])  # wm-id 105, on keep-in-touch-on-a-schedule
    new.update({"wm-id": 115, "url": "https://dana.example.org/again"})
    new["wm-source"] = new["url"]
    fake_api.entries.append(new)
    assert sync(project) == 0
    assert changed(before, project.snapshot()) == {
        "mentions/keep-in-touch-on-a-schedule.json",
        "mentions/_state.json",
    }
    ids = [m["id"] for m in project.read("keep-in-touch-on-a-schedule")["mentions"]]
    assert "wmio:115" in ids


def test_full_sync_removes_deleted_updates_edited_and_keeps_imported(project, fake_api, token):
    sync(project)
    # The same archived tweet also mentioned this article: one id in two files.
    main(["--settings", str(project.settings), "import", str(FIXTURES / "import" / "posts.json")])
    reconnect_imports = [
        m for m in project.read("reconnect-without-the-awkwardness")["mentions"]
        if m["origin"] == "import"
    ]  # fmt: skip
    imported = [
        m for m in project.read("keep-in-touch-on-a-schedule")["mentions"]
        if m["origin"] != "webmention.io"
    ]  # fmt: skip
    fake_api.entries = [e for e in fake_api.entries if e["wm-id"] != 101]
    edited = next(e for e in fake_api.entries if e["wm-id"] == 105)
    edited["content"] = {"text": "An edited note about schedules."}
    assert sync(project, "--full") == 0
    reconnect = project.read("reconnect-without-the-awkwardness")["mentions"]
    assert {m["id"] for m in reconnect if m["origin"] == "webmention.io"} == {
        "wmio:102",
        "wmio:103",
        "wmio:110",
    }
    assert [m for m in reconnect if m["origin"] == "import"] == reconnect_imports
    assert "import:1879000000000000101" in {m["id"] for m in reconnect_imports}
    keep = project.read("keep-in-touch-on-a-schedule")["mentions"]
    assert {m["id"]: m["text"] for m in keep}["wmio:105"] == "An edited note about schedules."
    assert [m for m in keep if m["origin"] != "webmention.io"] == imported


def test_incremental_sync_never_removes_anything(project, fake_api, token):
    sync(project)
    before = project.snapshot()
    fake_api.entries = [e for e in fake_api.entries if e["wm-id"] != 101]
    assert sync(project) == 0
    assert project.snapshot() == before


def test_full_sync_drops_mentions_blocked_after_they_were_stored(project, fake_api, token):
    sync(project)
    moderation = json.loads((project.store / "_moderation.json").read_text())
    moderation["block_domains"].append("dana.example.org")
    (project.store / "_moderation.json").write_text(json.dumps(moderation))
    assert sync(project, "--full") == 0
    ids = {m["id"] for m in project.read("keep-in-touch-on-a-schedule")["mentions"]}
    assert "wmio:105" not in ids


def test_full_sync_refuses_to_empty_the_store_when_the_api_returns_nothing(
    project, fake_api, token, capsys
):
    sync(project)
    before = project.snapshot()
    project.write_settings(domain="typo.example")
    assert sync(project, "--full") == 2
    assert project.snapshot() == before
    assert "refusing to delete" in capsys.readouterr().err


# Slow answers last until the test is over, never a fixed time the client must beat:
# on a loaded machine a short timeout can fire after a short sleep has ended.
_TEST_OVER = threading.Event()


@pytest.fixture(autouse=True)
def _slow_answers_end_with_the_test():
    _TEST_OVER.clear()
    yield
    _TEST_OVER.set()


def _slow():
    _TEST_OVER.wait(timeout=300)
    return Response('{"type": "feed", "children": []}', content_type="application/json")


def _drip():
    def chunks():
        while not _TEST_OVER.wait(timeout=0.05):
            yield b" "

    return Response(chunks(), content_type="application/json")


FAILURES = {
    "server error": (Response("Internal Server Error", status=500), "HTTP 500"),
    "truncated JSON": (
        Response('{"type": "feed", "children": [{"wm-id": 1', content_type="application/json"),
        "not JSON",
    ),
    "HTML error page": (
        Response("<!doctype html><title>502 Bad Gateway</title>", content_type="text/html"),
        "not JSON",
    ),
    "wrong shape": (
        Response('{"type": "feed", "children": {}}', content_type="application/json"),
        '"children" list',
    ),
    "children not a list": (
        Response('{"type": "feed", "children": "none"}', content_type="application/json"),
        '"children" list',
    ),
    "slow response": (_slow, "timed out after 5 s"),
    "slow drip": (_drip, "timed out after 5 s"),
    "oversized page": (
        Response('{"type": "feed", "children": []}' + " " * 200_000, mimetype="application/json"),
        "response larger than 100000 bytes",
    ),
}


@pytest.mark.parametrize("failure", FAILURES)
def test_any_bad_page_fails_the_sync_and_leaves_the_store_unchanged(
    project, fake_api, token, capsys, failure
):
    # Page 0 is served normally and must arrive within the timeout, even on a busy machine.
    project.write_settings(timeout=5.0, max_response_bytes=100_000)
    sync(project)
    before = project.snapshot()
    capsys.readouterr()
    # Without the failure this full sync would delete wm-id 101: a real change.
    fake_api.entries = [e for e in fake_api.entries if e["wm-id"] != 101]
    response, reason = FAILURES[failure]
    fake_api.failures[1] = response
    assert sync(project, "--full") == 2
    assert project.snapshot() == before
    output = capsys.readouterr()
    lines = output.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("mentions sync: error: ")
    assert reason in lines[0]
    # Not even redacted by the command line: no message ever held the token.
    assert token not in output.out + output.err
    assert "[token]" not in output.out + output.err


def test_the_api_is_fetched_from_public_addresses_only(project, fake_api, token, capsys):
    """Only an address written literally in api_url is trusted (tests); a name never is."""
    project.write_settings(api_url=fake_api.api_url.replace("127.0.0.1", "localhost"))
    before = project.snapshot()
    assert sync(project) == 2
    assert "refusing localhost: resolves to non-public address" in capsys.readouterr().err
    assert fake_api.requests == []
    assert project.snapshot() == before


def test_an_api_redirect_into_a_private_network_is_refused_without_the_token(
    project, fake_api, token, capsys
):
    location = f"http://10.0.0.1/api/mentions.jf2?token={token}"
    fake_api.failures[0] = Response(status=302, headers={"Location": location})
    before = project.snapshot()
    assert sync(project) == 2
    assert project.snapshot() == before
    # Exactly this line: the token is neither printed nor redacted out of it.
    assert capsys.readouterr().err.strip() == (
        "mentions sync: error: webmention.io API: "
        "refusing 10.0.0.1: resolves to non-public address 10.0.0.1"
    )


def test_a_bad_token_is_reported_without_printing_it(project, fake_api, monkeypatch, capsys):
    monkeypatch.setenv("WEBMENTION_IO_TOKEN", "not-the-token-42")
    before = project.snapshot()
    assert sync(project) == 2
    output = capsys.readouterr()
    assert output.err.strip() == (
        "mentions sync: error: webmention.io API: HTTP 401: the token was refused"
    )
    assert "not-the-token-42" not in output.out + output.err
    assert project.snapshot() == before


def test_a_missing_token_is_a_configuration_error(project, fake_api, monkeypatch, capsys):
    monkeypatch.delenv("WEBMENTION_IO_TOKEN", raising=False)
    before = project.snapshot()
    assert sync(project) == 3
    assert "WEBMENTION_IO_TOKEN is not set" in capsys.readouterr().err
    assert fake_api.requests == []
    assert project.snapshot() == before


def test_the_token_never_appears_in_output_or_logs(project, fake_api, token, capsys, caplog):
    sync(project)
    fake_api.failures[0] = Response("boom", status=500)
    sync(project, "--full")
    output = capsys.readouterr()
    assert token not in output.out + output.err + caplog.text


def test_make_mentions_sync_runs_end_to_end(project, fake_api, token):
    """The documented command, as CI runs it, against the fake API."""
    command = [
        "make", "--no-print-directory", "-o", ".venv/.installed",
        "mentions-sync", f"PUBLISHCONF={project.settings}", f"PY={sys.executable}",
    ]  # fmt: skip
    env = {**os.environ, "WEBMENTION_IO_TOKEN": token}
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    for expected in EXPECTED:
        assert (project.store / expected.name).read_bytes() == expected.read_bytes()
    assert token not in result.stdout + result.stderr
    full = subprocess.run([*command, "FULL=1"], cwd=ROOT, env=env, capture_output=True, text=True)
    assert full.returncode == 0, full.stderr
    assert "no changes" in full.stdout
