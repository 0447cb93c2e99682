from feeds.paths import feed_links, feed_path


def test_category_and_tag_feeds_live_in_separate_folders():
    assert feed_path("category/networking", "rss") == "feeds/category/networking.rss.xml"
    assert feed_path("tag/networking", "atom") == "feeds/tag/networking.atom.xml"


def test_feed_links_lists_every_feed_with_absolute_urls():
    links = feed_links("https://example.org", ["job-search"], ["referrals"])
    assert links == {
        "all": {
            "rss": "https://example.org/feeds/all.rss.xml",
            "atom": "https://example.org/feeds/all.atom.xml",
            "json": "https://example.org/feeds/all.json",
        },
        "category": {
            "job-search": {
                "rss": "https://example.org/feeds/category/job-search.rss.xml",
                "atom": "https://example.org/feeds/category/job-search.atom.xml",
            }
        },
        "tag": {
            "referrals": {
                "rss": "https://example.org/feeds/tag/referrals.rss.xml",
                "atom": "https://example.org/feeds/tag/referrals.atom.xml",
            }
        },
        "mentions": {
            "rss": "https://example.org/feeds/mentions.rss.xml",
            "atom": "https://example.org/feeds/mentions.atom.xml",
        },
    }
