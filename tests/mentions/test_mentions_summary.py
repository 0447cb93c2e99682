"""The view model behind the partial: sentences, folding, replies, excerpts, safe links."""

from dataclasses import replace
from datetime import UTC, timedelta
from html import escape
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from mentions import store
from mentions.normalize import MAX_NAME_LENGTH
from mentions.summary import Display, initials, summarize

SITE_STORE = Path(__file__).parent / "fixtures" / "site-store"
LAYOFF = store.load_article(SITE_STORE / "networking-after-a-layoff.json")
HOSTILE = store.load_article(SITE_STORE / "weak-ties-and-where-jobs-come-from.json")
QUOTE = "Networking tip: reconnect with people you lost touch with …"


def display(**changes) -> Display:
    base = Display(
        max_names=5,
        quote_length=280,
        fold_after=8,
        max_text=2000,
        networks_max=6,
        replies_shown=10,
        replies_max=30,
        excerpts_shown=5,
        excerpts_max=20,
        zone=UTC,
        avatars_path="images/avatars",
        avatar_files=frozenset(),
    )
    return replace(base, **changes)


def twitter_mention(number: int, name: str, text: str | None = None):
    first = LAYOFF[0]
    return replace(
        first,
        id=f"import:{number}",
        author_name=name,
        author_url=None,
        url=f"https://twitter.com/x/status/{number}",
        published=first.published + timedelta(minutes=number),
        text=text,
    )


def test_the_sentence_lists_names_once_in_order_and_quotes_the_newest_text():
    (sentence,) = summarize(LAYOFF, display()).sentences
    assert sentence.text == (
        "This post was mentioned on Twitter by Ada Lovelace, Grace Hopper and Alan Turing. "
        f"Alan Turing said: “{QUOTE}”"
    )


def test_a_single_name_has_no_separator():
    (sentence,) = summarize([LAYOFF[1]], display()).sentences
    assert sentence.text == "This post was mentioned on Twitter by Grace Hopper."


@pytest.mark.parametrize(
    ("people", "ending"),
    [
        (5, "by P0, P1, P2, P3 and P4."),
        (6, "by P0, P1, P2, P3, P4 and 1 other."),
        (9, "by P0, P1, P2, P3, P4 and 4 others."),
    ],
)
def test_at_most_five_names_then_and_n_others(people, ending):
    mentions = [twitter_mention(n, f"P{n}") for n in range(people)]
    (sentence,) = summarize(mentions, display()).sentences
    assert sentence.text.endswith(ending)


def test_the_quote_is_cut_near_the_quote_length():
    long_text = "Reconnecting " * 40
    mentions = [twitter_mention(1, "Ada", long_text)]
    quote = summarize(mentions, display()).sentences[0].quote.text
    assert 250 < len(quote) <= 280
    assert quote.endswith("Reconnecting…")


def test_one_sentence_per_social_network_in_order_of_first_appearance():
    mastodon = replace(LAYOFF[0], id="m1", network="mastodon", published=LAYOFF[0].published)
    twitter = replace(LAYOFF[1], published=LAYOFF[0].published + timedelta(days=1))
    sentences = summarize([twitter, mastodon], display()).sentences
    assert [s.label for s in sentences] == ["Mastodon", "Twitter"]


def test_a_like_does_not_put_its_network_first():
    early_like = replace(LAYOFF[-1], published=LAYOFF[0].published - timedelta(days=1))
    repost = replace(LAYOFF[-1], id="wmio:9", kind="repost", published=LAYOFF[-2].published)
    sentences = summarize([early_like, repost, *LAYOFF[:4]], display()).sentences
    assert [s.label for s in sentences] == ["Twitter", "Mastodon"]


def test_likes_fold_after_eight_with_a_count_of_the_rest():
    (likes,) = summarize(LAYOFF, display()).reactions
    assert likes.label == "10 likes"
    assert [c.person.name for c in likes.shown][:2] == ["Annie Easley", "Mary Jackson"]
    assert (len(likes.shown), likes.more) == (8, 2)


def test_exactly_eight_likes_do_not_fold():
    likes = [m for m in LAYOFF if m.kind == "like"][:8]
    (row,) = summarize(likes, display()).reactions
    assert (len(row.shown), row.more) == (8, 0)


def test_one_person_liking_twice_shows_once():
    like = next(m for m in LAYOFF if m.kind == "like")
    again = replace(like, id="wmio:999", network="bluesky")
    (row,) = summarize([like, again], display()).reactions
    assert (row.label, len(row.shown)) == ("1 like", 1)


def test_replies_are_comments_in_date_order_and_blog_mentions_are_excerpts():
    summary = summarize([*LAYOFF, *HOSTILE], display(zone=ZoneInfo("America/New_York")))
    assert [c.person.name for c in summary.replies.shown][:2] == [
        "Katherine Johnson",
        "Hidden Person",
    ]
    assert summary.replies.shown[0].published.isoformat() == "2026-01-05T05:00:00-05:00"
    assert [c.id for c in summary.excerpts.shown] == ["manual:xss-blog"]


def test_the_count_covers_every_mention():
    summary = summarize(LAYOFF, display())
    assert (summary.count, summary.count_label) == (17, "17 mentions")
    assert summarize(LAYOFF[:1], display()).count_label == "1 mention"


def test_no_mentions_means_no_summary():
    assert summarize([], display()) is None


def test_only_http_urls_become_links():
    # The store refuses these (model.clean_mention); the view model does not rely on it.
    bad = (
        "javascript:alert(2)",
        'https://evil.example/"onmouseover="alert(1)',
        "JaVaScRiPt:alert(6)",
        "data:text/html,<script>alert(11)</script>",
    )
    hostile = [
        replace(m, url=url, source_url=url, author_url=url)
        for m, url in zip(HOSTILE, bad, strict=True)
    ]
    summary = summarize(hostile, display())
    cites = [*summary.replies.shown, *summary.excerpts.shown, *summary.reactions[0].shown]
    assert [c.url for c in cites] == [None, None, None]
    # A URL holding markup characters would break out of its attribute: not linked.
    assert [c.person.url for c in cites] == [None, None, None]


def test_avatars_are_local_files_only():
    like = next(m for m in LAYOFF if m.kind == "like")
    with_file = replace(like, author_avatar="0123456789abcdef.png")
    assert summarize([with_file], display()).reactions[0].shown[0].person.avatar is None
    shown = summarize([with_file], display(avatar_files=frozenset({"0123456789abcdef.png"})))
    assert shown.reactions[0].shown[0].person.avatar == "images/avatars/0123456789abcdef.png"


@pytest.mark.parametrize(
    ("name", "letters"),
    [
        ("Ada Lovelace", "AL"),
        ("Karen Spärck Jones", "KJ"),
        ("grace", "G"),
        ("@dana", "D"),
        ("!!", "?"),
    ],
)
def test_initials_stand_in_for_missing_avatars(name, letters):
    assert initials(name) == letters


def reply(number: int, text: str = "Thanks, this helped.", **changes):
    first = LAYOFF[0]
    values = {
        "id": f"wmio:{number}",
        "kind": "reply",
        "network": "mastodon",
        "author_name": f"Reader {number}",
        "published": first.published + timedelta(minutes=number),
        "text": text,
    }
    return replace(first, **{**values, **changes})


def test_replies_fold_after_the_shown_ones_into_a_bounded_list_then_a_count():
    replies = [reply(n, "word " * 400) for n in range(5000)]
    fold = summarize(replies, display(replies_shown=3, replies_max=7, quote_length=50)).replies
    assert [c.id for c in fold.shown] == ["wmio:0", "wmio:1", "wmio:2"]
    assert [c.id for c in fold.folded] == ["wmio:3", "wmio:4", "wmio:5", "wmio:6"]
    assert fold.folded_label == "4 more replies"
    assert fold.hidden_label == "…and 4,993 more replies, not shown here."
    assert all(len(c.text) > 1000 for c in fold.shown)
    assert all(len(c.text) <= 50 for c in fold.folded)


@pytest.mark.parametrize(
    ("count", "folded", "hidden"),
    [
        (3, "", ""),
        (4, "1 more reply", ""),
        (8, "4 more replies", "…and 1 more reply, not shown here."),
    ],
)
def test_short_lists_have_nothing_to_fold(count, folded, hidden):
    fold = summarize([reply(n) for n in range(count)], display(replies_shown=3, replies_max=7))
    assert (fold.replies.folded_label, fold.replies.hidden_label) == (folded, hidden)


def test_web_excerpts_fold_like_replies():
    web = [reply(n, kind="mention", network="web") for n in range(30)]
    excerpts = summarize(web, display(excerpts_shown=2, excerpts_max=5)).excerpts
    assert (len(excerpts.shown), len(excerpts.folded)) == (2, 3)
    assert excerpts.hidden_label == "…and 25 more mentions, not shown here."


def test_networks_past_the_cap_are_only_counted():
    shares = [reply(n, kind="repost", network=f"net{chr(97 + n % 26)}{n}") for n in range(40)]
    summary = summarize(shares, display(networks_max=6))
    assert len(summary.sentences) == 6
    assert summary.other_networks == "It was also mentioned on 34 other networks."
    assert summarize(shares[:6], display(networks_max=6)).other_networks == ""


def test_text_and_names_are_cut_by_their_escaped_size():
    loud = reply(1, "&" * 2000, author_name="&" * 100)
    summary = summarize([loud], display(max_text=2000))
    (shown,) = summary.replies.shown
    assert len(escape(shown.text).encode()) <= 2000 and shown.text.endswith("…")
    assert len(escape(shown.person.name).encode()) <= MAX_NAME_LENGTH


def test_an_overlong_url_is_shown_unlinked():
    long_url = "https://social.example/x?" + "&" * 200
    short = reply(1, url="https://social.example/@a/1", author_url="https://social.example/@a")
    long = reply(2, url=long_url, source_url=long_url, author_url=long_url)
    shown = summarize([short, long], display()).replies.shown
    assert [c.url for c in shown] == ["https://social.example/@a/1", None]
    assert [c.person.url for c in shown] == ["https://social.example/@a", None]
