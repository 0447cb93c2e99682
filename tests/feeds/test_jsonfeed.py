"""JSON Feed 1.1 documents (no site build)."""

import json

from feeds.jsonfeed import build_json

from tests.feeds.feedchecks import FeedFile, run_checks
from tests.feeds.samples import SITEURL, ZONE, entry, info

ENTRIES = [entry("newest", 20, updated=entry("x", 25).updated), entry("oldest", 3)]


def _document(**changes) -> dict:
    return json.loads(build_json(info(suffix=".json", **changes), ENTRIES))


def test_the_json_feed_passes_every_feed_check():
    data = build_json(info(suffix=".json"), ENTRIES)
    feed = FeedFile(data, f"{SITEURL}/feeds/all.json", f"{SITEURL}/", SITEURL, zone=ZONE)
    run_checks(feed, skip=("links_resolve",))


def test_items_carry_what_a_reader_shows():
    item = _document()["items"][0]
    assert item == {
        "id": f"{SITEURL}/newest/",
        "url": f"{SITEURL}/newest/",
        "title": "Title of newest",
        "content_html": ENTRIES[0].content_html,
        "summary": "Summary of newest.",
        "date_published": "2026-05-20T09:00:00-04:00",
        "date_modified": "2026-05-25T09:00:00-04:00",
        "authors": [{"name": "Maya Okafor"}],
        "tags": ["Networking", "referrals"],
    }


def test_the_feed_names_itself_its_site_and_language():
    document = _document()
    assert document["version"] == "https://jsonfeed.org/version/1.1"
    assert document["feed_url"] == f"{SITEURL}/feeds/all.json"
    assert document["home_page_url"] == f"{SITEURL}/"
    assert document["language"] == "en"
    assert "hubs" not in document


def test_a_websub_hub_is_listed():
    assert _document(hub="https://hub.example.org/")["hubs"] == [
        {"type": "WebSub", "url": "https://hub.example.org/"}
    ]


def test_non_ascii_text_is_written_as_utf8_not_escapes():
    data = build_json(info(suffix=".json"), [entry("a", 3, title="Tomás and “tips”")])
    assert "Tomás and “tips”".encode() in data
