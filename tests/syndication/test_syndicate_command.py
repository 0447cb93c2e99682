"""`python -m syndication` against loopback fakes of a Bluesky PDS and a Mastodon instance.

Each test builds a small site (fixtures/site), runs the command in-process and
checks what a user would notice: the requests the networks received, what was
printed, the exit status, and the store file's bytes.
"""

import json
from datetime import timedelta
from urllib.parse import parse_qs

import pytest
from syndication import bluesky, mastodon
from syndication import run as syndicate_run
from syndication.cli import main

from tests.safe_http.loopback_server import Reply
from tests.syndication.fakes import (
    CREATE_RECORD,
    DID,
    FIXTURES,
    GET_RECORD,
    NOW,
    PASSWORD,
    SESSION,
    STATUSES,
    TID,
    TID_WINDOW,
    TOKEN,
    Ticking,
    answer,
    environment,
    fake_networks,
    make_site,
    script,
    tid_time,
)

DUE = ["cafe-creme", "weak-ties-strong-leads", "posted-by-hand"]  # oldest first
HAND_POSTED = "https://social.example/@reconnect/112233445566778899"
PENDING = "https://bsky.app/profile/did:plc:reconnectfake/post/3n3lhn25h2227"  # store_pending.json


@pytest.fixture
def pds(server):
    return fake_networks(server)


@pytest.fixture
def site(tmp_path, server, pds):
    return make_site(tmp_path, server)


@pytest.fixture
def clock():
    """The command's clock for one test: the fake PDS's time, a second later at each reading."""
    return Ticking()


@pytest.fixture
def run(clock):
    def run(settings, env, *args):
        return main(["--settings", str(settings), *args], env, clock)

    return run


def store_of(settings):
    return settings.parent / "content" / "mentions" / "_syndication.json"


def write_store(settings, fixture):
    """Start from the store fixture `fixture`; its bytes."""
    store_of(settings).parent.mkdir(parents=True, exist_ok=True)
    data = (FIXTURES / fixture).read_bytes()
    store_of(settings).write_bytes(data)
    return data


def paths(server):
    """The paths requested, in order, without their query."""
    return [r.path.split("?")[0] for r in server.requests]


def rkeys(server):
    """The record keys createRecord was asked for, in order."""
    return [json.loads(r.body)["rkey"] for r in server.requests if r.path == CREATE_RECORD]


def post_url(rkey):
    return f"https://bsky.app/profile/{DID}/post/{rkey}"


def without_mastodon(server):
    env = environment(server)
    del env["MASTODON_TOKEN"]
    return env


def test_a_dry_run_prints_each_post_exactly_and_contacts_and_writes_nothing(
    site, server, capsys, run
):
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


def test_a_dry_run_needs_no_credentials(site, server, capsys, run):
    assert run(site, {}, "--dry-run") == 0
    assert capsys.readouterr().out == (FIXTURES / "dry_run.txt").read_text(encoding="utf-8")


def test_a_run_posts_each_due_article_once_per_network_and_records_each_post(
    site, server, capsys, run
):
    assert run(site, environment(server)) == 0
    assert paths(server) == [SESSION] + [CREATE_RECORD] * 3 + [STATUSES] * 2
    stored = json.loads(store_of(site).read_text())
    assert set(stored) == {"posts"}  # nothing left pending
    store = stored["posts"]
    assert sorted(store) == sorted(DUE)
    assert store["cafe-creme"] == {
        "bluesky": post_url(rkeys(server)[0]),
        "mastodon": f"{server.base}/@reconnect/113400000000000001",
    }
    assert set(store["posted-by-hand"]) == {"bluesky"}  # its header names the Mastodon post
    out = capsys.readouterr().out
    assert "Bluesky: posted cafe-creme: https://bsky.app/profile/" in out


def test_a_second_run_posts_nothing(site, server, capsys, run):
    assert run(site, environment(server)) == 0
    before, count = store_of(site).read_bytes(), len(server.requests)
    assert run(site, environment(server)) == 0
    assert len(server.requests) == count
    assert store_of(site).read_bytes() == before
    assert capsys.readouterr().out.endswith("Bluesky: nothing to post\nMastodon: nothing to post\n")


def test_the_session_and_the_post_record_have_the_documented_shapes(site, server, run):
    run(site, environment(server))
    session = server.requests[0]
    assert json.loads(session.body) == {"identifier": "reconnect.example", "password": PASSWORD}
    assert session.headers["content-type"] == "application/json"
    created = server.requests[1]
    assert created.headers["authorization"] == "Bearer fake-access-jwt-0123456789"
    body = json.loads(created.body)
    assert (body["repo"], body["collection"]) == ("did:plc:reconnectfake", "app.bsky.feed.post")
    assert TID.fullmatch(body["rkey"]) and abs(tid_time(body["rkey"]) - NOW) < TID_WINDOW
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


def test_the_status_has_the_documented_shape_and_a_stable_idempotency_key(site, server, run):
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


def test_a_network_without_credentials_is_skipped_with_one_line(site, server, capsys, run):
    env = environment(server)
    del env["MASTODON_TOKEN"]
    assert run(site, env) == 0
    assert STATUSES not in paths(server)
    out = capsys.readouterr().out
    assert "Mastodon: skipped, no credentials in the environment (2 due)\n" in out
    assert all(
        set(p) == {"bluesky"} for p in json.loads(store_of(site).read_text())["posts"].values()
    )


def test_refused_credentials_never_show_even_when_the_server_echoes_them(site, server, capsys, run):
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


def test_429_stops_that_network_at_once_and_keeps_what_was_posted(site, server, capsys, run):
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


LOST = [
    Reply(500, body=b'{"error": "InternalServerError"}', content_type="application/json"),
    answer("truncated.json"),
]


@pytest.mark.parametrize("reply", LOST, ids=["500", "truncated-json"])
def test_a_lost_answer_to_a_post_leaves_it_pending_and_says_what_happens_next(
    site, server, capsys, reply, run
):
    server.routes[CREATE_RECORD] = script(reply)
    server.routes[STATUSES] = script(reply)
    assert run(site, environment(server)) == 2
    err = capsys.readouterr().err
    (rkey,) = rkeys(server)
    assert (
        f"Bluesky: cafe-creme: HTTP {reply.status}" in err
        and f"it may have been posted all the same: it stays pending as {post_url(rkey)}, "
        "and the next run checks it before posting again; Bluesky stopped here"
        in err
    )
    assert "Mastodon: cafe-creme: HTTP " in err and "run again within the hour" in err
    assert "add `Mastodon: <post URL>` to " in err and "cafe.md" in err
    assert paths(server).count(STATUSES) == 1
    assert json.loads(store_of(site).read_text()) == {
        "pending": {"cafe-creme": {"bluesky": post_url(rkey)}},
        "posts": {},
    }


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
    site, server, capsys, reply, run
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


def test_a_crash_between_networks_keeps_the_first_networks_posts(
    site, server, capsys, monkeypatch, run
):
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


def test_an_existing_store_is_respected_and_kept_in_canonical_form(site, server, run):
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
def test_a_broken_store_stops_before_any_request(site, server, capsys, store, problem, run):
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
def test_bad_settings_stop_before_any_request(tmp_path, server, capsys, extra, problem, run):
    fake_networks(server)
    settings = make_site(tmp_path, server, extra=extra)
    assert run(settings, environment(server)) == 3
    assert problem in capsys.readouterr().err
    assert server.requests == []


def test_a_pds_named_by_host_name_must_be_public(tmp_path, server, capsys, run):
    fake_networks(server)
    local = server.base.replace("127.0.0.1", "localhost")
    settings = make_site(tmp_path, server, extra=f'SYNDICATION["bluesky_pds_url"] = "{local}"\n')
    env = environment(server)
    del env["MASTODON_TOKEN"]
    assert run(settings, env) == 2
    assert "Bluesky: " in capsys.readouterr().err
    assert server.requests == []


def test_a_post_that_cannot_be_recorded_is_named_and_stays_pending_for_the_next_run(
    site, server, capsys, monkeypatch, run
):
    writes = []
    real_write = syndicate_run.write_together

    def full_disk_after_the_first_write(changes):
        writes.append(changes)
        if len(writes) > 1:
            raise OSError(28, "No space left on device")
        return real_write(changes)

    monkeypatch.setattr(syndicate_run, "write_together", full_disk_after_the_first_write)
    assert run(site, environment(server)) == 3
    err = capsys.readouterr().err
    posted = post_url(rkeys(server)[0])
    assert f"cafe-creme was posted as {posted} but " in err
    assert f"add `Bluesky: {posted}` to " in err
    assert paths(server) == [SESSION, CREATE_RECORD]  # nothing more is posted after that
    # The pending entry written before the post lets the next run find it.
    monkeypatch.undo()
    assert run(site, environment(server)) == 0
    assert paths(server).count(CREATE_RECORD) == 3
    assert json.loads(store_of(site).read_text())["posts"]["cafe-creme"]["bluesky"] == posted


def test_a_store_that_cannot_take_the_pending_post_stops_before_posting(
    site, server, capsys, monkeypatch, run
):
    original = write_store(site, "store_before.json")

    def full_disk(changes):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(syndicate_run, "write_together", full_disk)
    assert run(site, without_mastodon(server)) == 3
    assert "weak-ties-strong-leads was not posted" in capsys.readouterr().err
    assert CREATE_RECORD not in paths(server)
    assert store_of(site).read_bytes() == original


def test_record_keys_are_tids_from_the_clock_each_later_than_the_last():
    tids = bluesky.Tids(lambda: NOW)
    first, second = tids.next(), tids.next()
    assert TID.fullmatch(first) and TID.fullmatch(second)
    assert tid_time(first) == NOW and tid_time(second) == NOW + timedelta(microseconds=1)
    assert second > first  # sortable, and never the same key twice in a run
    later = bluesky.Tids(lambda: NOW + timedelta(seconds=1), clock_id=tids.clock_id).next()
    assert later > second and tid_time(later) == NOW + timedelta(seconds=1)


def test_a_clock_far_from_the_pds_is_refused_and_leaves_the_store_byte_identical(
    site, server, capsys
):
    # What a key derived from the article's date (June) meets: a PDS checks it against its clock.
    original = write_store(site, "store_pending.json")
    last_week = Ticking(NOW - timedelta(days=7))
    assert main(["--settings", str(site)], without_mastodon(server), last_week) == 2
    assert "HTTP 400: the request was refused (InvalidRequest); Bluesky stopped here" in (
        capsys.readouterr().err
    )
    assert paths(server) == [SESSION, GET_RECORD, CREATE_RECORD]
    assert store_of(site).read_bytes() == original


def test_a_lost_answer_then_a_second_run_records_the_post_without_posting_again(
    site, server, pds, capsys, run
):
    server.routes[CREATE_RECORD] = pds.create(answer("truncated.json"))
    env = without_mastodon(server)
    assert run(site, env) == 2
    (lost,) = rkeys(server)
    assert set(pds.records) == {lost}  # made, though the answer was lost
    server.routes[CREATE_RECORD] = pds.create(answer("createRecord.json"))
    assert run(site, env) == 0
    assert f"Bluesky: cafe-creme was posted after all, recorded: {post_url(lost)}\n" in (
        capsys.readouterr().out
    )
    assert paths(server).count(GET_RECORD) == 1
    assert len(pds.records) == len(rkeys(server)) == len(DUE)  # one post per article
    stored = json.loads(store_of(site).read_text())
    assert set(stored) == {"posts"}
    assert stored["posts"]["cafe-creme"]["bluesky"] == post_url(lost)
    (check,) = (r for r in server.requests if r.path.startswith(GET_RECORD))
    assert parse_qs(check.path.split("?", 1)[1]) == {
        "repo": [DID],
        "collection": ["app.bsky.feed.post"],
        "rkey": [lost],
    }


def test_a_pending_post_that_does_not_exist_is_posted_once_under_a_new_key(
    site, server, pds, capsys, run
):
    write_store(site, "store_pending.json")
    env = without_mastodon(server)
    assert run(site, env) == 0
    assert paths(server) == [SESSION, GET_RECORD] + [CREATE_RECORD] * 3
    fresh = rkeys(server)[0]
    assert post_url(fresh) != PENDING and abs(tid_time(fresh) - NOW) < TID_WINDOW
    stored = json.loads(store_of(site).read_text())
    assert set(stored) == {"posts"}
    assert stored["posts"]["cafe-creme"] == {"bluesky": post_url(fresh)}
    count = len(server.requests)
    assert run(site, env) == 0
    assert len(server.requests) == count  # nothing due, nothing pending: no request at all


@pytest.mark.parametrize(
    "reply",
    [
        Reply(500, body=b'{"error": "InternalServerError"}', content_type="application/json"),
        answer("truncated.json"),
        Reply(400, body=b'{"error": "InvalidRequest"}', content_type="application/json"),
        Reply(200, body=b'{"uri": "at://x/y/z", "value": {}}', content_type="application/json"),
    ],
    ids=["500", "truncated-json", "400-other-error", "another-record"],
)
def test_a_pending_post_that_cannot_be_checked_stays_pending_and_the_others_go_on(
    site, server, capsys, reply, run
):
    write_store(site, "store_pending.json")
    server.routes[GET_RECORD] = reply
    assert run(site, without_mastodon(server)) == 2
    err = capsys.readouterr().err
    assert f"Bluesky: skipped cafe-creme: its pending post {PENDING} could not be checked (" in err
    assert err.rstrip().endswith("it stays pending")
    assert paths(server) == [SESSION, GET_RECORD] + [CREATE_RECORD] * 2
    stored = json.loads(store_of(site).read_text())
    assert stored["pending"] == {"cafe-creme": {"bluesky": PENDING}}
    assert set(stored["posts"]) == {"weak-ties-strong-leads", "posted-by-hand"}
    assert "cafe-creme" not in stored["posts"]


@pytest.mark.parametrize("fixture", ["store_before.json", "store_pending.json"])
def test_a_refused_post_leaves_the_store_byte_identical(site, server, capsys, fixture, run):
    original = write_store(site, fixture)
    server.routes[CREATE_RECORD] = script(
        answer("createSession.json", 429, (("Retry-After", "60"),))
    )
    assert run(site, without_mastodon(server)) == 2
    assert "HTTP 429: too many requests" in capsys.readouterr().err
    assert paths(server).count(CREATE_RECORD) == 1
    assert store_of(site).read_bytes() == original


def test_a_dry_run_shows_the_pending_post_it_would_check(site, server, capsys, run):
    original = write_store(site, "store_pending.json")
    assert run(site, environment(server), "--dry-run") == 0
    out = capsys.readouterr().out
    assert (
        f"Bluesky: would check cafe-creme's pending post {PENDING} "
        "(com.atproto.repo.getRecord): recorded if it exists, else posted (en):\n"
    ) in out
    assert "Bluesky: would post weak-ties-strong-leads (fr):\n" in out
    assert "Mastodon: would post weak-ties-strong-leads" not in out  # in the store's posts
    assert server.requests == []
    assert store_of(site).read_bytes() == original
    assert run(site, {}) == 0
    assert "Bluesky: skipped, no credentials in the environment (3 due, 1 of them pending)\n" in (
        capsys.readouterr().out
    )


def test_a_lost_mastodon_answer_then_a_retry_sends_the_same_idempotency_key(
    site, server, capsys, run
):
    server.routes[STATUSES] = script(Reply(502, body=b"bad gateway"), answer("status.json"))
    env = environment(server)
    del env["BLUESKY_APP_PASSWORD"]
    assert run(site, env) == 2
    assert run(site, env) == 0
    first, second, *_ = (r for r in server.requests if r.path == STATUSES)
    assert parse_qs(first.body.decode())["status"] == parse_qs(second.body.decode())["status"]
    key = mastodon.idempotency_key("https://reconnect.example/cafe-creme/")
    assert first.headers["idempotency-key"] == second.headers["idempotency-key"] == key
    # The fake makes a status each time; an instance would return the first for that key.
    posts = json.loads(store_of(site).read_text())["posts"]
    assert posts["cafe-creme"] == {"mastodon": f"{server.base}/@reconnect/113400000000000002"}
