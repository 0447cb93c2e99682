""" "Reply on Bluesky / Mastodon": plain u-syndication links under the articles that were posted."""

import json
from pathlib import Path

import mf2py

ROOT = Path(__file__).resolve().parents[2]
DEMO_POSTS = json.loads((ROOT / "content" / "mentions" / "_syndication.json").read_text())["posts"]
POSTED = "keep-in-touch-on-a-schedule"


def test_the_demo_store_names_the_posts_of_one_article():
    assert set(DEMO_POSTS) == {POSTED}
    assert set(DEMO_POSTS[POSTED]) == {"bluesky", "mastodon"}


def test_a_posted_article_links_to_its_posts_as_plain_links(site):
    links = site.soup(f"/{POSTED}/").select("a.u-syndication")
    assert [(a.get_text(), a["href"]) for a in links] == [
        ("Reply on Bluesky", DEMO_POSTS[POSTED]["bluesky"]),
        ("Reply on Mastodon", DEMO_POSTS[POSTED]["mastodon"]),
    ]


def test_microformats_readers_see_the_posts_as_syndicated_copies_of_the_entry(site):
    path = site.path_for(f"/{POSTED}/")
    parsed = mf2py.parse(doc=path.read_text(encoding="utf-8"), url=f"{site.siteurl}/")
    (entry,) = [i for i in parsed["items"] if "h-entry" in i["type"]]
    assert entry["properties"]["syndication"] == [
        DEMO_POSTS[POSTED]["bluesky"],
        DEMO_POSTS[POSTED]["mastodon"],
    ]


def test_an_article_posted_nowhere_has_no_reply_links(site):
    soup = site.soup("/asking-for-a-referral-without-using-people/")
    assert soup.select(".u-syndication, .syndication") == []


def test_the_reactions_read_back_from_the_posts_show_under_the_article(site):
    """The demo store holds what direct collection stores (mentions/direct.py) for these posts."""
    store = ROOT / "content" / "mentions" / f"{POSTED}.json"
    stored = json.loads(store.read_text(encoding="utf-8"))["mentions"]
    direct = [m for m in stored if m["origin"] in DEMO_POSTS[POSTED]]
    assert {(m["network"], m["kind"]) for m in direct} == {
        ("bluesky", "reply"),
        ("bluesky", "like"),
        ("mastodon", "reply"),
        ("mastodon", "like"),
    }
    section = site.soup(f"/{POSTED}/").select_one("#mentions")
    links = {a["href"] for a in section.select(".h-cite a.u-url")}
    text = section.get_text(" ", strip=True)
    for mention in direct:
        assert mention["url"] in links, mention["id"]
        assert mention["author_name"] in text, mention["id"]
        if mention["text"]:
            assert mention["text"] in text, mention["id"]
