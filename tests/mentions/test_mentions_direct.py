"""`sync` reading reactions straight from Bluesky and Mastodon, against loopback fakes of both."""

import json
from datetime import UTC, datetime

import pytest
from mentions import store
from mentions.cli import main
from mentions.sync import SyncError
from werkzeug import Response

from tests.mentions.conftest import NOW, SLUG, syndicate
from tests.mentions.fake_networks import DIRECT, OWNER_DID, OWNER_HANDLE, POST_RKEY
from tests.mentions.faults import fail_rename


def stored(project) -> dict[str, dict]:
    path = project.store / f"{SLUG}.json"
    if not path.exists():
        return {}
    return {m["id"]: m for m in json.loads(path.read_text(encoding="utf-8"))["mentions"]}


def expected_text(name: str, fake_mastodon) -> str:
    return (
        (DIRECT / "expected" / name)
        .read_text(encoding="utf-8")
        .replace("{mastodon}", fake_mastodon.base)
    )


def test_the_first_sync_stores_every_reaction_of_both_posts(posted, run, fake_mastodon):
    lines = run()
    assert (posted.store / f"{SLUG}.json").read_text(encoding="utf-8") == expected_text(
        f"{SLUG}.json", fake_mastodon
    )
    assert f"{SLUG}: 14 added, 0 updated, 0 removed" in lines


def test_replies_nest_likes_and_reposts_are_named_like_bridgy_names_them(
    posted, run, fake_mastodon
):
    run()
    mentions = stored(posted)
    at_post = f"at://{OWNER_DID}/app.bsky.feed.post/{POST_RKEY}"
    # The owner's answer to Mira is a reply one level down the thread.
    assert mentions[f"bluesky:at://{OWNER_DID}/app.bsky.feed.post/3lcreplyowner"]["kind"] == "reply"
    like = mentions[f"bluesky:{at_post}#liked_by_did:plc:samnakamura5example"]
    assert like["url"].endswith(f"/post/{POST_RKEY}#liked_by_did:plc:samnakamura5example")
    assert like["published"] == "2026-02-04T12:00:00Z"
    favourite = mentions[f"mastodon:{fake_mastodon.post_url}#favorited-by-109000000000000011"]
    assert favourite["kind"] == "like"
    assert favourite["published"] == "2026-03-01T12:00:00Z"  # first seen: no date upstream
    quote = mentions["bluesky:at://did:plc:teolindqvist3example/app.bsky.feed.post/3lcquoteteo01"]
    assert quote["kind"] == "mention"


def test_mastodon_html_becomes_text_and_a_content_warning_hides_the_rest(posted, run):
    run()
    texts = {m["author_name"]: m["text"] for m in stored(posted).values() if m["kind"] == "reply"}
    assert texts["Inês Duarte"] == "Put the reminder in the calendar & it happens. Works for me."
    assert texts["Kofi Mensah"] == "Content warning: Long thread about my old job"
    assert "Quiet Person" not in texts  # a followers-only reply is never kept


def test_lists_are_read_page_by_page(posted, run, fake_appview, fake_mastodon):
    run()
    likes = [r for r in fake_appview.requests if "getLikes" in r]
    assert len(likes) == 2 and "cursor=2" in likes[1]
    favourites = [r for r in fake_mastodon.requests if "favourited_by" in r]
    assert len(favourites) == 2 and "offset=2" in favourites[1]


def test_a_second_sync_dates_nothing_anew_and_changes_no_file(posted, run):
    run()
    before = posted.snapshot()
    lines = run(now=datetime(2026, 4, 1, tzinfo=UTC))
    assert posted.snapshot() == before
    assert lines[-1] == "no changes"


def test_a_post_named_by_handle_is_read_under_its_did(posted, run, fake_appview):
    syndicate(posted, bluesky=f"https://bsky.app/profile/{OWNER_HANDLE}/post/{POST_RKEY}")
    run()
    assert any("resolveHandle" in r for r in fake_appview.requests)
    at_post = f"at://{OWNER_DID}/app.bsky.feed.post/{POST_RKEY}"
    assert f"bluesky:{at_post}#liked_by_did:plc:miraokafor2example" in stored(posted)
    assert not any(OWNER_HANDLE in r for r in fake_appview.requests if "resolveHandle" not in r)


def test_an_article_header_names_a_post_too(posted, run, fake_appview):
    (posted.store / "_syndication.json").unlink()
    article = posted.root / "content" / "articles" / f"{SLUG}.md"
    text = article.read_text(encoding="utf-8")
    article.write_text(text.replace("\n\n", f"\nBluesky: {fake_appview.post_url}\n\n", 1))
    run()
    assert {m["origin"] for m in stored(posted).values()} == {"bluesky"}


def test_deleted_upstream_stays_until_a_full_sync_removes_it(
    posted, run, fake_appview, fake_mastodon
):
    run()
    fake_appview.data["likes"].pop(0)  # Mira's like
    fake_appview.data["thread"]["replies"].pop()  # Teo's reply
    fake_mastodon.data["favourited_by"].pop()  # Lena's favourite
    assert "no changes" in run()
    lines = run(full=True)
    assert f"{SLUG}: 0 added, 0 updated, 3 removed" in lines
    ids = stored(posted)
    assert not any("liked_by_did:plc:miraokafor2example" in i for i in ids)
    assert not any("favorited-by-109000000000000013" in i for i in ids)


@pytest.mark.parametrize("network", ["bluesky", "mastodon"])
def test_a_deleted_post_is_one_warning_and_never_blocks_the_run(posted, run, network, request):
    run()
    before = posted.snapshot()
    request.getfixturevalue(f"fake_{'appview' if network == 'bluesky' else network}").deleted = True
    lines = run(full=True)
    assert posted.snapshot() == before  # not read, so nothing is known to be gone
    (warning,) = [line for line in lines if "/post/" in line or "/@owner/" in line]
    assert warning.startswith("warning: ")
    assert "skipped, nothing changed" in warning
    assert ("HTTP 400 (refused: NotFound)" if network == "bluesky" else "HTTP 404") in warning


def test_a_post_that_needs_a_login_is_skipped_with_one_line(posted, run, fake_mastodon):
    path = "/api/v1/statuses/113000000000000001/context"
    fake_mastodon.failures[path] = Response(
        '{"error":"This API requires an authenticated user"}', 401
    )
    lines = run()
    assert any("HTTP 401 (needs a login)" in line for line in lines)
    assert {m["origin"] for m in stored(posted).values()} == {"bluesky"}


FAILURES = {
    "500": lambda: Response("oops", status=500),
    "truncated JSON": lambda: Response('{"likes": [{"actor": {"did": "did:plc:x"', 200),
    "not JSON": lambda: Response("<html>maintenance</html>", 200, content_type="text/html"),
    "429 for an hour": lambda: Response("slow down", 429, headers={"Retry-After": "3600"}),
    "429 without a wait": lambda: Response("slow down", 429),
}
PATHS = {
    "bluesky thread": "/xrpc/app.bsky.feed.getPostThread",
    "bluesky likes": "/xrpc/app.bsky.feed.getLikes",
    "mastodon context": "/api/v1/statuses/113000000000000001/context",
    "mastodon favourites": "/api/v1/statuses/113000000000000001/favourited_by",
}


@pytest.mark.parametrize("failure", FAILURES)
@pytest.mark.parametrize("where", PATHS)
def test_an_unusable_answer_fails_the_sync_and_the_store_is_byte_identical(
    posted, run, fake_appview, fake_mastodon, where, failure
):
    run()
    fake_appview.data["likes"].pop()
    fake_mastodon.data["reblogged_by"].append(fake_mastodon.data["favourited_by"][2])
    before = posted.snapshot()
    fake = fake_appview if where.startswith("bluesky") else fake_mastodon
    fake.failures[PATHS[where]] = FAILURES[failure]
    with pytest.raises(SyncError):
        run(full=True)
    assert posted.snapshot() == before
    assert run.sleeps == []


def test_the_command_says_so_in_one_line_and_exits_2(posted, fake_appview, token, capsys):
    fake_appview.failures[PATHS["bluesky likes"]] = FAILURES["500"]
    before = posted.snapshot()
    assert main(["--settings", str(posted.settings), "sync"]) == 2
    err = capsys.readouterr().err.strip()
    assert err == "mentions sync: error: 127.0.0.1: HTTP 500: server error"
    assert posted.snapshot() == before


def test_a_short_retry_after_is_waited_once_then_the_page_is_read(posted, run, fake_appview):
    path = PATHS["bluesky likes"]
    fake_appview.queue[path] = [Response("slow down", 429, headers={"Retry-After": "3"})]
    run()
    assert run.sleeps == [3.0]
    assert len([m for m in stored(posted).values() if m["kind"] == "like"]) == 6


def test_a_second_429_in_a_row_fails(posted, run, fake_appview):
    path = PATHS["bluesky likes"]
    slow = Response("slow down", 429, headers={"Retry-After": "1"})
    fake_appview.queue[path] = [slow, slow]
    with pytest.raises(SyncError, match="HTTP 429"):
        run()
    assert run.sleeps == [1.0]
    assert not (posted.store / f"{SLUG}.json").exists()


def test_no_requests_remaining_waits_for_the_reset_before_the_next_one(posted, run, fake_mastodon):
    path = "/api/v1/statuses/113000000000000001/context"
    reset = "2026-03-01T12:00:20.000Z"  # NOW + 20 s
    body = json.dumps({"ancestors": [], "descendants": []})
    headers = {"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": reset}
    fake_mastodon.queue[path] = [Response(body, headers=headers, content_type="application/json")]
    run()
    assert run.sleeps == [20.0]


def test_a_reset_too_far_away_fails_before_asking_again(posted, run, fake_appview):
    path = "/xrpc/app.bsky.feed.getPostThread"
    reset = str(int(NOW.timestamp()) + 3600)
    answer = Response(
        json.dumps({"thread": fake_appview.data["thread"]}),
        headers={"RateLimit-Remaining": "0", "RateLimit-Reset": reset},
        content_type="application/json",
    )
    fake_appview.queue[path] = [answer]
    with pytest.raises(SyncError, match="collect_max_wait"):
        run()
    assert not [r for r in fake_appview.requests if "getLikes" in r]


def test_caps_leave_the_rest_for_later_and_a_capped_post_loses_nothing(posted, run, fake_appview):
    run()
    fake_appview.data["likes"].pop(0)
    fake_appview.page_size = 1
    posted.write_settings(bluesky_appview=fake_appview.base, collect_max_pages=1)
    before = posted.snapshot()
    lines = run(full=True)
    assert f"{fake_appview.post_url} likes: more than 1 pages, the rest not read" in lines
    assert posted.snapshot() == before  # not read in full: the like gone upstream stays


def test_a_write_failure_leaves_the_store_byte_identical(posted, run, monkeypatch):
    data = json.loads((posted.store / "_syndication.json").read_text())
    data["posts"]["reconnect-without-the-awkwardness"] = data["posts"][SLUG]
    (posted.store / "_syndication.json").write_text(json.dumps(data))
    before = posted.snapshot()
    fail_rename(monkeypatch, lambda number, _path: number == 2)
    with pytest.raises(OSError):
        run()
    assert posted.snapshot() == before


def test_turned_off_nothing_is_read(posted, run, fake_appview, fake_mastodon):
    posted.write_settings(bluesky_appview=fake_appview.base, collect_direct=False)
    run()
    assert fake_appview.requests == [] and fake_mastodon.requests == []


def test_a_broken_syndication_file_stops_the_command_before_any_request(
    posted, fake_appview, token
):
    (posted.store / "_syndication.json").write_text('{"posts": {"x": {"bluesky": "ftp://no"}}}')
    before = posted.snapshot()
    assert main(["--settings", str(posted.settings), "sync"]) == 3
    assert posted.snapshot() == before
    assert fake_appview.requests == []


def test_the_store_loads_and_reads_back_unchanged(posted, run):
    run()
    path = posted.store / f"{SLUG}.json"
    assert store.article_text(store.load_article(path)) == path.read_text(encoding="utf-8")


def test_an_instance_on_a_private_address_is_skipped_unless_tests_allow_it(
    posted, run, fake_appview
):
    posted.write_settings(bluesky_appview=fake_appview.base, collect_allow_private_hosts=False)
    lines = run()
    assert any(
        line.startswith("warning: http://127.0.0.1:") and "refused" in line for line in lines
    )
    assert {m["origin"] for m in stored(posted).values()} == {"bluesky"}


def test_an_edited_reply_is_updated_by_the_next_sync(posted, run, fake_appview, fake_mastodon):
    run()
    fake_appview.data["thread"]["replies"][0]["post"]["record"]["text"] = "Edited: weekly works."
    fake_mastodon.data["descendants"][0]["content"] = "<p>Edited <em>too</em>.</p>"
    lines = run()
    assert f"{SLUG}: 0 added, 2 updated, 0 removed" in lines
    texts = {m["author_name"]: m["text"] for m in stored(posted).values() if m["kind"] == "reply"}
    assert texts["Mira Okafor"] == "Edited: weekly works."
    assert texts["Inês Duarte"] == "Edited too."
