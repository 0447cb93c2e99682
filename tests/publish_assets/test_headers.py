"""Content-Type, Cache-Control and Content-Encoding of each kind of published file."""

import pytest
from publish_assets.headers import DAY, IMMUTABLE, SHORT, headers_for


@pytest.mark.parametrize(
    ("key", "content_type", "cache_control", "encoding"),
    [
        ("index.html", "text/html; charset=utf-8", SHORT, None),
        ("index.html.gz", "text/html; charset=utf-8", SHORT, "gzip"),
        ("index.html.br", "text/html; charset=utf-8", SHORT, "br"),
        ("theme/css/main.0a1b2c3d4e.css", "text/css; charset=utf-8", IMMUTABLE, None),
        ("theme/css/main.0a1b2c3d4e.css.br", "text/css; charset=utf-8", IMMUTABLE, "br"),
        ("theme/css/main.css", "text/css; charset=utf-8", DAY, None),
        ("theme/js/ics.js", "text/javascript; charset=utf-8", DAY, None),
        ("feeds/all.atom.xml", "application/atom+xml; charset=utf-8", SHORT, None),
        ("feeds/category/networking.rss.xml", "application/rss+xml; charset=utf-8", SHORT, None),
        ("feeds/all.json", "application/feed+json; charset=utf-8", SHORT, None),
        ("data/other.json", "application/json; charset=utf-8", SHORT, None),
        ("sitemap.xml", "application/xml; charset=utf-8", SHORT, None),
        ("reminders/every-6-months.ics", "text/calendar; charset=utf-8", SHORT, None),
        ("robots.txt", "text/plain; charset=utf-8", SHORT, None),
        ("images/photo.JPG", "image/jpeg", DAY, None),
        ("favicon.svg", "image/svg+xml", DAY, None),
        ("fonts/x.woff2", "font/woff2", DAY, None),
        ("files/notes.unknownext", "application/octet-stream", DAY, None),
    ],
)
def test_headers_by_kind_of_file(key, content_type, cache_control, encoding):
    headers = headers_for(key)
    assert headers.content_type == content_type
    assert headers.cache_control == cache_control
    assert headers.content_encoding == encoding
