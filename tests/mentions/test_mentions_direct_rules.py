"""The pure rules of direct collection: which reactions are the same, waits, paging, the time budget."""

import itertools
from datetime import UTC, datetime
from email.message import Message
from functools import partial

from mentions import bluesky, direct
from mentions.downloads import _rate_limit_reset, _retry_after
from mentions.model import Mention
from mentions.moderation import Moderation
from mentions.reactions import Harvest, Limits, Page, pages
from mentions.settings import load_settings
from safe_http import Response
from syndication.posts import parse_post

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
POST = "https://bsky.app/profile/did:plc:ownerreconnect4example/post/3lcpostreconn2"


def mention(origin: str, url: str, identifier: str = "wmio:1") -> Mention:
    return Mention(
        id=identifier,
        origin=origin,
        kind="like",
        source_url=url,
        url=url,
        published=NOW,
        received=NOW,
        author_name="Teo",
        author_url=None,
        author_photo=None,
        author_avatar=None,
        text=None,
        network="bluesky",
    )


def test_a_bridgy_like_named_by_handle_is_the_direct_like_named_by_did():
    fragment = "#liked_by_did:plc:teo"
    bridged = mention(
        "webmention.io", POST.replace("did:plc:ownerreconnect4example", "owner.example") + fragment
    )
    read = mention(
        "bluesky",
        POST + fragment,
        "bluesky:at://did:plc:o/app.bsky.feed.post/3lcpostreconn2" + fragment,
    )
    assert direct.reaction_keys(bridged) & direct.reaction_keys(read)


def test_a_like_and_a_repost_by_the_same_person_are_different_reactions():
    like = mention("webmention.io", POST + "#liked_by_did:plc:teo")
    repost = mention("bluesky", POST + "#reposted_by_did:plc:teo", "bluesky:x")
    assert not direct.reaction_keys(like) & direct.reaction_keys(repost)


def test_a_mastodon_reply_is_the_same_by_its_url_or_its_activitypub_uri():
    bridged = mention("webmention.io", "https://fedi.example/@ines/113000000000000101")
    uri = "https://fedi.example/users/ines/statuses/113000000000000101"
    read = mention("mastodon", "https://other.example/@ines/5", f"mastodon:{uri}")
    assert direct.reaction_keys(bridged) & direct.reaction_keys(read)


def test_favourites_of_different_accounts_differ():
    post = "https://social.example/@owner/113000000000000001"
    one = mention("webmention.io", post + "#favorited-by-11")
    two = mention("mastodon", post + "#favorited-by-12", f"mastodon:{post}#favorited-by-12")
    assert not direct.reaction_keys(one) & direct.reaction_keys(two)


def response(**headers: str) -> Response:
    message = Message()
    for name, value in headers.items():
        message[name.replace("_", "-")] = value
    return Response("https://x.example/", 429, message, b"", False)


def test_retry_after_in_seconds_or_as_an_http_date():
    assert _retry_after(response(Retry_After="7"), NOW) == 7.0
    assert _retry_after(response(Retry_After="Sun, 01 Mar 2026 12:00:45 GMT"), NOW) == 45.0
    assert _retry_after(response(Retry_After="soon"), NOW) is None


def test_rate_limit_reset_as_posix_seconds_a_delay_or_a_date():
    epoch = str(int(NOW.timestamp()) + 30)
    assert _rate_limit_reset(response(RateLimit_Remaining="0", RateLimit_Reset=epoch), NOW) == 30.0
    assert _rate_limit_reset(response(RateLimit_Remaining="0", RateLimit_Reset="12"), NOW) == 12.0
    reset = "2026-03-01T12:01:00Z"
    assert (
        _rate_limit_reset(response(X_RateLimit_Remaining="0", X_RateLimit_Reset=reset), NOW) == 60.0
    )
    assert (
        _rate_limit_reset(response(X_RateLimit_Remaining="3", X_RateLimit_Reset=reset), NOW) is None
    )


def test_posts_not_started_within_the_time_budget_wait_for_the_next_run():
    posts = {
        slug: {"mastodon": parse_post("mastodon", f"https://{slug}.example/@o/1")}
        for slug in ("a", "b")
    }
    asked = []

    def get(url):
        asked.append(url)
        raise direct.PostGone("HTTP 404 (not found)")

    clock = itertools.count(0, 400).__next__  # 0 at the start, 400 s per look
    collected = direct.collect(
        posts,
        {},
        get,
        settings=load_settings({"collect_time_budget": 600.0}),
        moderation=Moderation(),
        now=NOW,
        monotonic=clock,
    )
    assert asked == ["https://a.example/api/v1/statuses/1/context"]
    assert collected.lines[-1] == (
        "not read this time (collect_time_budget): https://b.example/@o/1; the next sync will"
    )


def test_a_cursor_that_comes_back_stops_the_list_unread_in_full():
    asked = []

    def get(url):
        asked.append(url)
        return Page(b'{"likes": [{"n": 1}], "cursor": "same"}')

    harvest = Harvest()
    limits = Limits(max_pages=10, max_reactions=100, reply_depth=6)
    follow = partial(bluesky._next_url, "https://appview.example/xrpc/q?uri=x")
    read = list(
        pages(
            get, "https://appview.example/xrpc/q?uri=x", "likes", limits, harvest, "likes", follow
        )
    )
    assert len(asked) == 2 and len(read) == 2
    assert not harvest.complete
    assert harvest.notes == ["likes: the same page came back, the rest not read"]
