"""The view model behind the partial: sentences, folding, replies, excerpts, safe links."""

from dataclasses import replace
from datetime import UTC, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from mentions import store
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
        zone=UTC,
        avatars_path="images/avatars",
        avatar_files=frozenset(),
    )
    return replace(base, **changes)


def twitter_mention(number: int, name: str, text: str | None = None):
    first = LAYOFF[0]
    return replace(
        first,
        id=f"import:twitter:{number}",
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
    assert [c.person.name for c in summary.replies][:2] == [
        "Katherine Johnson",
        "Hidden Person",
    ]
    assert summary.replies[0].published.isoformat() == "2026-01-05T05:00:00-05:00"
    assert [c.id for c in summary.excerpts] == ["manual:xss-blog"]


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
    cites = [*summary.replies, *summary.excerpts, *summary.reactions[0].shown]
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
