"""`python -m syndication` against loopback fakes of a Bluesky PDS and a Mastodon instance.

Each test builds a small site (fixtures/site), runs the command in-process and
checks what a user would notice: the requests the networks received, what was
printed, the exit status, and the store file's bytes.
"""

import json
import re
from datetime import datetime
from urllib.parse import parse_qs

import pytest
from syndication import bluesky, mastodon
from syndication import run as syndicate_run
from syndication.cli import main

from tests.safe_http.loopback_server import Reply
from tests.syndication.fakes import (
    CREATE_RECORD,
    FIXTURES,
    PASSWORD,
    SESSION,
    STATUSES,
    TOKEN,
    answer,
    environment,
    fake_networks,
    make_site,
    script,
)

DUE = ["cafe-creme", "weak-ties-strong-leads", "posted-by-hand"]  # oldest first
HAND_POSTED = "https://social.example/@reconnect/112233445566778899"
CAFE_URL = "https://reconnect.example/cafe-creme/"
CAFE_RKEY = bluesky.record_key(CAFE_URL, datetime(2026, 6, 2, 9, 0))
CAFE_POST = f"https://bsky.app/profile/did:plc:reconnectfake/post/{CAFE_RKEY}"
# The TID syntax of the AT Protocol specification.
TID = re.compile(r"[234567abcdefghij][234567abcdefghijklmnopqrstuvwxyz]{12}")


@pytest.fixture
def site(tmp_path, server):
    fake_networks(server)
    return make_site(tmp_path, server)


def store_of(settings):
    return settings.parent / "content" / "mentions" / "_syndication.json"


def run(settings, env, *args):
    return main(["--settings", str(settings), *args], env)


def paths(server):
    return [r.path for r in server.requests]


def test_a_dry_run_prints_each_post_exactly_and_contacts_and_writes_nothing(site, server, capsys):
    # Written here, not kept as a fixture: linters refuse to read a file that is not UTF-8.
    articles = site.parent / "content" / "articles"
    (articles / "not-utf8.md").write_bytes(b"Title: Bad \xff\nDate: 2026-07-05\nSlug: bad\n")
    assert run(site, environment(server), "--dry-run") == 0
    out, err = capsys.readouterr()
    assert out == (FIXTURES / "dry_run.txt").read_text(encoding="utf-8")
    assert "bad-header.md: Bluesky: expected https://bsky.app/profile/" in err
    assert "no-slug.md: no Slug: header" in err
    assert "not-utf8.md: cannot read it (" in err
    assert server.requests == []
    assert not store_of(site).exists()


def test_a_dry_run_needs_no_credentials(site, server, capsys):
    assert run(site, {}, "--dry-run") == 0
    assert capsys.readouterr().out == (FIXTURES / "dry_run.txt").read_text(encoding="utf-8")


def test_a_run_posts_each_due_article_once_per_network_and_records_each_post(site, server, capsys):
    assert run(site, environment(server)) == 0
    assert paths(server) == [SESSION] + [CREATE_RECORD] * 3 + [STATUSES] * 2
    store = json.loads(store_of(site).read_text())["posts"]
    assert sorted(store) == sorted(DUE)
    assert store["cafe-creme"] == {
        "bluesky": CAFE_POST,
        "mastodon": f"{server.base}/@reconnect/113400000000000001",
    }
    assert set(store["posted-by-hand"]) == {"bluesky"}  # its header names the Mastodon post
    out = capsys.readouterr().out
    assert "Bluesky: posted cafe-creme: https://bsky.app/profile/" in out


def test_a_second_run_posts_nothing(site, server, capsys):
    assert run(site, environment(server)) == 0
    before, count = store_of(site).read_bytes(), len(server.requests)
    assert run(site, environment(server)) == 0
    assert len(server.requests) == count
    assert store_of(site).read_bytes() == before
    assert capsys.readouterr().out.endswith("Bluesky: nothing to post\nMastodon: nothing to post\n")


def test_the_session_and_the_post_record_have_the_documented_shapes(site, server):
    run(site, environment(server))
    session = server.requests[0]
    assert json.loads(session.body) == {"identifier": "reconnect.example", "password": PASSWORD}
    assert session.headers["content-type"] == "application/json"
    created = server.requests[1]
    assert created.headers["authorization"] == "Bearer fake-access-jwt-0123456789"
    body = json.loads(created.body)
    assert (body["repo"], body["collection"]) == ("did:plc:reconnectfake", "app.bsky.feed.post")
    assert body["rkey"] == CAFE_RKEY
    record = body["record"]
    url = "https://reconnect.example/cafe-creme/"
    assert record["$type"] == "app.bsky.feed.post"
    assert (
        record["text"] == f"Café ☕ crème: naïve résumé tips 👩‍👩‍👧\n\nShort and friendly.\n\n{url}"
    )
    assert record["langs"] == ["en"]
    assert record["createdAt"].endswith("Z") and "T" in record["createdAt"]
    (facet,) = record["facets"]
    start = record["text"].encode("utf-8").index(url.encode())
    assert start != record["text"].index(url)  # the non-ASCII title: bytes, not characters
    assert facet == {
        "index": {"byteStart": start, "byteEnd": start + len(url)},
        "features": [{"$type": "app.bsky.richtext.facet#link", "uri": url}],
    }
    assert record["text"].encode()[start : start + len(url)] == url.encode()
    assert record["embed"] == {
        "$type": "app.bsky.embed.external",
        "external": {
            "uri": url,
            "title": "Café ☕ crème: naïve résumé tips 👩‍👩‍👧",
            "description": "Short and friendly.",
        },
    }
    french = json.loads(server.requests[2].body)["record"]
    assert french["langs"] == ["fr"]


def test_the_status_has_the_documented_shape_and_a_stable_idempotency_key(site, server):
    run(site, environment(server))
    first = next(r for r in server.requests if r.path == STATUSES)
    assert first.headers["authorization"] == f"Bearer {TOKEN}"
    assert first.headers["content-type"] == "application/x-www-form-urlencoded"
    form = parse_qs(first.body.decode())
    assert form["visibility"] == ["unlisted"]
    assert form["language"] == ["en"]
    assert form["status"][0].endswith("\n\nhttps://reconnect.example/cafe-creme/")
    key = first.headers["idempotency-key"]
    assert key == mastodon.idempotency_key("https://reconnect.example/cafe-creme/")
    assert key != mastodon.idempotency_key("https://reconnect.example/weak-ties-strong-leads/")


def test_a_network_without_credentials_is_skipped_with_one_line(site, server, capsys):
    env = environment(server)
    del env["MASTODON_TOKEN"]
    assert run(site, env) == 0
    assert STATUSES not in paths(server)
    out = capsys.readouterr().out
    assert "Mastodon: skipped, no credentials in the environment (2 due)\n" in out
    assert all(
        set(p) == {"bluesky"} for p in json.loads(store_of(site).read_text())["posts"].values()
    )


def test_refused_credentials_never_show_even_when_the_server_echoes_them(site, server, capsys):
    store_of(site).parent.mkdir(parents=True)
    store_of(site).write_text('{"posts": {}}\n')
    server.routes[SESSION] = answer("session_401_echo.json", 401)
    server.routes[STATUSES] = answer("status_401_echo.json", 401)
    assert run(site, environment(server)) == 2
    out, err = capsys.readouterr()
    assert "Bluesky: HTTP 401: the credentials were refused (AuthenticationRequired)" in err
    assert "Mastodon: cafe-creme: HTTP 401: the credentials were refused" in err
    for secret in (PASSWORD, TOKEN, PASSWORD[:8], TOKEN[-8:]):
        assert secret not in out + err
    assert paths(server) == [SESSION, STATUSES]
    assert store_of(site).read_bytes() == b'{"posts": {}}\n'


def test_429_stops_that_network_at_once_and_keeps_what_was_posted(site, server, capsys):
    server.routes[CREATE_RECORD] = script(
        answer("createRecord.json"), answer("createSession.json", 429, (("Retry-After", "120"),))
    )
    assert run(site, environment(server)) == 2
    err = capsys.readouterr().err
    assert (
        "Bluesky: weak-ties-strong-leads: HTTP 429: too many requests; try again in 120 s; "
        "Bluesky stopped here\n"
    ) in err
    assert paths(server).count(CREATE_RECORD) == 2  # no third try, no retry loop
    posts = json.loads(store_of(site).read_text())["posts"]
    assert set(posts["cafe-creme"]) == {"bluesky", "mastodon"}
    assert set(posts["weak-ties-strong-leads"]) == {"mastodon"}  # the other network went on


@pytest.mark.parametrize(
    "reply",
    [
        Reply(500, body=b'{"error": "InternalServerError"}', content_type="application/json"),
        answer("truncated.json"),
    ],
    ids=["500", "truncated-json"],
)
def test_a_lost_answer_to_a_post_says_it_may_exist_and_records_nothing(site, server, capsys, reply):
    server.routes[CREATE_RECORD] = script(reply)
    server.routes[STATUSES] = script(reply)
    assert run(site, environment(server)) == 2
    err = capsys.readouterr().err
    assert "Bluesky: cafe-creme: HTTP " in err
    assert "it may have been posted all the same: check the account" in err
    assert f"add `Bluesky: {CAFE_POST}` to " in err and "cafe.md" in err
    assert "add `Mastodon: <post URL>` to " in err
    assert paths(server).count(CREATE_RECORD) == 1 and paths(server).count(STATUSES) == 1
    assert not store_of(site).exists()


@pytest.mark.parametrize(
    "reply",
    [
        answer("truncated.json"),
        Reply(500, body=b"oops", content_type="text/plain"),
        Reply(200, body=b"[]", content_type="application/json"),
    ],
    ids=["truncated-json", "500", "not-an-object"],
)
def test_a_failed_login_posts_nothing_and_leaves_the_store_byte_identical(
    site, server, capsys, reply
):
    store_of(site).parent.mkdir(parents=True)
    original = (FIXTURES / "store_before.json").read_bytes()
    store_of(site).write_bytes(original)
    server.routes[SESSION] = reply
    env = environment(server)
    del env["MASTODON_TOKEN"]
    assert run(site, env) == 2
    assert "Bluesky: " in capsys.readouterr().err
    assert paths(server) == [SESSION]
    assert store_of(site).read_bytes() == original


def test_a_crash_between_networks_keeps_the_first_networks_posts(site, server, capsys, monkeypatch):
    def crash(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(mastodon, "create_status", crash)
    assert run(site, environment(server)) == 1
    assert "syndicate: error: unexpected RuntimeError: boom" in capsys.readouterr().err
    posts = json.loads(store_of(site).read_text())["posts"]
    assert sorted(posts) == sorted(DUE)
    assert all(set(p) == {"bluesky"} for p in posts.values())
    # The next run posts only what is missing.
    monkeypatch.undo()
    count = paths(server).count(CREATE_RECORD)
    assert run(site, environment(server)) == 0
    assert paths(server).count(CREATE_RECORD) == count
    assert paths(server).count(STATUSES) == 2


def test_an_existing_store_is_respected_and_kept_in_canonical_form(site, server):
    store_of(site).parent.mkdir(parents=True)
    store_of(site).write_bytes((FIXTURES / "store_before.json").read_bytes())
    assert run(site, environment(server)) == 0
    posts = json.loads(store_of(site).read_text())["posts"]
    assert posts["cafe-creme"]["bluesky"].endswith("/post/3lbqexisting22")
    assert CREATE_RECORD in paths(server)
    sent = [
        json.loads(r.body)["record"]["text"] for r in server.requests if r.path == CREATE_RECORD
    ]
    assert not any("cafe-creme" in text for text in sent)


@pytest.mark.parametrize(
    ("store", "problem"),
    [
        (b"{not json", "_syndication.json"),
        (b'{"posts": {"cafe-creme": {"bluesky": "https://example.com/x"}}}', "cafe-creme"),
    ],
    ids=["not-json", "bad-url"],
)
def test_a_broken_store_stops_before_any_request(site, server, capsys, store, problem):
    store_of(site).parent.mkdir(parents=True)
    store_of(site).write_bytes(store)
    assert run(site, environment(server)) == 3
    assert problem in capsys.readouterr().err
    assert server.requests == []
    assert store_of(site).read_bytes() == store


@pytest.mark.parametrize(
    ("extra", "problem"),
    [
        ('SYNDICATION["not_before"] = None\n', "SYNDICATION['not_before'] is not set"),
        ('SYNDICATION["not_before"] = "June"\n', "expected a date written YYYY-MM-DD"),
        ('SYNDICATION["text_template"] = "{title}"\n', "must use {url}"),
        ('SYNDICATION["mastodon_visibility"] = "loud"\n', "one of public, unlisted"),
        ('SITEURL = ""\n', "is not absolute"),
    ],
)
def test_bad_settings_stop_before_any_request(tmp_path, server, capsys, extra, problem):
    fake_networks(server)
    settings = make_site(tmp_path, server, extra=extra)
    assert run(settings, environment(server)) == 3
    assert problem in capsys.readouterr().err
    assert server.requests == []


def test_a_pds_named_by_host_name_must_be_public(tmp_path, server, capsys):
    fake_networks(server)
    local = server.base.replace("127.0.0.1", "localhost")
    settings = make_site(tmp_path, server, extra=f'SYNDICATION["bluesky_pds_url"] = "{local}"\n')
    env = environment(server)
    del env["MASTODON_TOKEN"]
    assert run(settings, env) == 2
    assert "Bluesky: " in capsys.readouterr().err
    assert server.requests == []


def test_a_post_that_cannot_be_recorded_is_named_so_it_can_be_recorded_by_hand(
    site, server, capsys, monkeypatch
):
    def full_disk(path, data, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(syndicate_run, "write_atomic", full_disk)
    assert run(site, environment(server)) == 3
    err = capsys.readouterr().err
    assert f"cafe-creme was posted as {CAFE_POST} but " in err
    assert f"add `Bluesky: {CAFE_POST}` to " in err
    assert paths(server) == [SESSION, CREATE_RECORD]  # nothing more is posted after that


def test_the_record_key_is_a_tid_fixed_per_article_so_a_retry_cannot_post_twice():
    keys = {
        bluesky.record_key(url, datetime(2026, 6, 2, 9, 0))
        for url in (CAFE_URL, "https://reconnect.example/other/", "https://reconnect.example/x/")
    }
    assert len(keys) == 3 and all(TID.fullmatch(key) for key in keys)
    assert bluesky.record_key(CAFE_URL, datetime(2026, 6, 2, 9, 0)) == CAFE_RKEY
    # Sortable like any TID: a later article gets a later key.
    assert bluesky.record_key(CAFE_URL, datetime(2026, 6, 3, 9, 0)) > CAFE_RKEY


def test_a_retry_after_a_lost_answer_asks_for_the_same_record_key(site, server, capsys):
    server.routes[CREATE_RECORD] = script(answer("truncated.json"), answer("createRecord.json"))
    env = environment(server)
    del env["MASTODON_TOKEN"]
    assert run(site, env) == 2
    assert run(site, env) == 0
    first, second, *_ = (json.loads(r.body) for r in server.requests if r.path == CREATE_RECORD)
    assert first["rkey"] == second["rkey"] == CAFE_RKEY
    assert json.loads(store_of(site).read_text())["posts"]["cafe-creme"]["bluesky"] == CAFE_POST
