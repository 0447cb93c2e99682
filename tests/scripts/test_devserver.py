"""`make devserver`: an edited article is served at once, then the whole site catches up."""

import time

import pytest

from bench.corpus import article_filename, article_title, generate, slug_of
from bench.run import SITES, DevServer

OURS = next(site for site in SITES if site.key == "ours")
NEW_ARTICLE = """Title: A brand new article
Date: 2030-01-01 09:00
Category: Networking
Tags: networking
Slug: a-brand-new-article
Author: Maya Okafor
Summary: Written while the server runs.

Nothing here yet but a sentence or two about writing to people.
"""


def wait_for_text(server: DevServer, path: str, text: str) -> str:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        page = server.fetch(path)
        if text in page:
            return page
        time.sleep(0.05)
    pytest.fail(f"/{path} never showed {text!r}:\n{''.join(server.log)}")


@pytest.fixture
def server(tmp_path):
    generate(tmp_path / "content", 20)
    running = DevServer(OURS, tmp_path / "content", tmp_path / "output", tmp_path / "cache")
    running.wait_for_builds(1)
    yield running
    running.stop()


def test_an_edit_is_previewed_then_every_list_is_rebuilt(server, tmp_path):
    title = article_title(7)
    article = tmp_path / "content" / "articles" / article_filename(7, title)
    text = article.read_text(encoding="utf-8").replace(
        f"Title: {title}", "Title: Renamed in preview"
    )
    article.write_text(text + "\nA paragraph written a moment ago.\n", encoding="utf-8")
    page = wait_for_text(server, f"{slug_of(7, title)}/", "A paragraph written a moment ago.")
    assert "Renamed in preview" in page
    server.wait_for_builds(2)
    assert any(line.startswith(f"Preview: /{slug_of(7, title)}/") for line in server.log)
    assert "Renamed in preview" in server.fetch("archives/")


def test_a_new_article_gets_a_full_build(server, tmp_path):
    (tmp_path / "content" / "articles" / "99999-a-brand-new-article.md").write_text(NEW_ARTICLE)
    wait_for_text(server, "a-brand-new-article/", "a sentence or two about writing to people")
    server.wait_for_builds(2)
    assert not any(line.startswith("Preview:") for line in server.log)
    assert "A brand new article" in server.fetch("")


def test_the_server_never_lets_the_browser_cache_a_page(server):
    import urllib.request

    with urllib.request.urlopen(f"http://127.0.0.1:{server.port}/archives/") as response:
        assert response.headers["Cache-Control"] == "no-store"
