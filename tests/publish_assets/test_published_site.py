"""The real site as `make publish` builds it: fingerprinted stylesheet, precompressed copies."""

import gzip
import re

import brotli
from publish_assets.fingerprint import is_fingerprinted

from tests.conftest import ROOT


def stylesheets(site, html):
    soup = site.soup("/" + html.relative_to(site.output).as_posix())
    return [link["href"] for link in soup.find_all("link", rel="stylesheet")]


def test_every_page_links_the_one_fingerprinted_minified_stylesheet(site):
    hrefs = {href for html in site.html_files() for href in stylesheets(site, html)}
    assert len(hrefs) == 1
    href = hrefs.pop()
    assert re.fullmatch(re.escape(site.siteurl) + r"/theme/css/main\.[0-9a-f]{10}\.css", href)
    published = site.path_for(href)
    source = (ROOT / "theme" / "static" / "css" / "main.css").read_bytes()
    assert is_fingerprinted(published.name)
    assert len(published.read_bytes()) < len(source)
    assert b"/*" not in published.read_bytes()
    # Only the fingerprinted name is published: nothing can link the uncacheable one.
    assert not (site.output / "theme" / "css" / "main.css").exists()


def test_every_text_file_has_gzip_and_brotli_copies_of_its_exact_bytes(site):
    for path in [*site.html_files(), *site.output.glob("feeds/*.xml"), site.output / "sitemap.xml"]:
        data = path.read_bytes()
        if len(data) < 512:
            continue
        assert gzip.decompress(path.with_name(path.name + ".gz").read_bytes()) == data, path
        assert brotli.decompress(path.with_name(path.name + ".br").read_bytes()) == data, path
