"""With relative URLs every list links to its articles from where the list is, though each
summary is rendered once per build: the way up to the site's root differs by page depth."""

import posixpath

from bs4 import BeautifulSoup

from bench.corpus import generate
from tests.parallel_build.builds import build


def test_every_list_links_to_its_articles_from_its_own_folder(tmp_path):
    corpus, output = tmp_path / "content", tmp_path / "output"
    generate(corpus, 12)
    build(corpus, output, "pelicanconf.py", 1, extra=("RELATIVE_URLS=true",))

    lists = [output / "index.html", *sorted(output.glob("tag/*/index.html"))]
    checked = 0
    for page in lists:
        folder = page.parent.relative_to(output).as_posix()
        for link in BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select(
            "article.summary a.u-url"
        ):
            target = posixpath.normpath(posixpath.join(folder, link["href"]))
            assert (output / target / "index.html").is_file(), (page, link["href"])
            checked += 1
    # The home page and the tag pages (at another depth) show the same articles.
    assert len(lists) > 2 and checked > len(lists)
