from datetime import datetime, timedelta, timezone

from lxml import etree
from sitemap.render import SitemapUrl, render_robots, render_sitemap

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
WHEN = datetime(2026, 3, 1, 9, 0, tzinfo=timezone(timedelta(hours=-5)))


def test_sitemap_is_valid_xml_with_escaped_unique_locations():
    text = render_sitemap(
        [
            SitemapUrl("https://reconnect.example/", WHEN),
            SitemapUrl("https://reconnect.example/tag/q&a/", None),
            SitemapUrl("https://reconnect.example/", WHEN),
        ]
    )
    tree = etree.fromstring(text.encode())
    assert tree.xpath("//s:loc/text()", namespaces=NS) == [
        "https://reconnect.example/",
        "https://reconnect.example/tag/q&a/",
    ]
    assert tree.xpath("//s:lastmod/text()", namespaces=NS) == ["2026-03-01T09:00:00-05:00"]


def test_robots_allows_all_and_names_the_sitemap():
    assert render_robots("https://reconnect.example/sitemap.xml").splitlines() == [
        "User-agent: *",
        "Allow: /",
        "",
        "Sitemap: https://reconnect.example/sitemap.xml",
    ]
