"""`make devserver`: an edited article is served at once, then the whole site catches up."""

import dataclasses
import http.client
import threading
import time
from pathlib import Path

import pytest

from bench.corpus import article_filename, article_title, generate, slug_of
from bench.run import SERVER_TIMEOUT, SITES, DevServer
from scripts.devserver import serve

OURS = next(site for site in SITES if site.key == "ours")
# Our site plus a plugin that makes every preview fail (and no full build).
FAILING_PREVIEW = dataclasses.replace(
    OURS, settings=Path(__file__).parent / "fixtures" / "failing_preview_conf.py"
)
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
    # Generous: a bound on a busy machine, never a measure.
    deadline = time.monotonic() + SERVER_TIMEOUT
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            pytest.fail(f"the server stopped:\n{''.join(server.log)}")
        page = server.fetch(path)
        if text in page:
            return page
        time.sleep(0.05)
    pytest.fail(f"/{path} never showed {text!r}:\n{''.join(server.log)}")


def start(site, tmp_path) -> DevServer:
    generate(tmp_path / "content", 20)
    running = DevServer(site, tmp_path / "content", tmp_path / "output", tmp_path / "cache")
    running.wait_for_builds(1)
    return running


def edit_article(tmp_path, index: int, paragraph: str) -> str:
    """Add `paragraph` to article `index`; its page path."""
    title = article_title(index)
    article = tmp_path / "content" / "articles" / article_filename(index, title)
    article.write_text(article.read_text(encoding="utf-8") + f"\n{paragraph}\n", encoding="utf-8")
    return f"{slug_of(index, title)}/"


@pytest.fixture
def server(tmp_path):
    running = start(OURS, tmp_path)
    yield running
    running.stop()


@pytest.fixture
def server_with_failing_preview(tmp_path):
    running = start(FAILING_PREVIEW, tmp_path)
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


def test_a_failing_preview_is_one_line_then_the_full_build_serves_the_edit(
    server_with_failing_preview, tmp_path
):
    server = server_with_failing_preview
    page = edit_article(tmp_path, 7, "Written while the preview is broken.")
    wait_for_text(server, page, "Written while the preview is broken.")
    failures = [line for line in server.log if "Preview failed" in line]
    assert failures, "".join(server.log)
    # The error's two lines, joined into the one line logged.
    assert all("broken on purpose by tests/scripts/fixtures/" in line for line in failures)
    assert "Traceback" not in "".join(server.log)
    assert not any(line.startswith("Preview:") for line in server.log)
    # Still running and still watching: the next edit is built too.
    page = edit_article(tmp_path, 8, "A second edit after the failure.")
    wait_for_text(server, page, "A second edit after the failure.")
    assert server.process.poll() is None


def test_a_page_rewritten_while_it_is_served_arrives_whole(tmp_path):
    """Pelican rewrites pages in place; a reader must never get fewer bytes than announced."""
    page = tmp_path / "page.html"
    versions = [b"<p>short</p>", b"<p>" + b"long " * 20000 + b"</p>"]
    page.write_bytes(versions[1])
    server = serve(str(tmp_path), "127.0.0.1", 0)
    stop = threading.Event()

    def rewrite() -> None:
        # Truncate, then write, as Pelican's writer does, as fast as possible.
        while not stop.is_set():
            for data in versions:
                with page.open("wb") as out:
                    out.write(data[:7])
                    out.flush()
                    out.write(data[7:])

    writer = threading.Thread(target=rewrite)
    writer.start()
    try:
        for _ in range(200):
            connection = http.client.HTTPConnection("127.0.0.1", server.server_address[1])
            connection.request("GET", "/page.html")
            response = connection.getresponse()
            body = response.read()  # raises IncompleteRead if fewer bytes came than announced
            assert len(body) == int(response.headers["Content-Length"])
            connection.close()
    finally:
        stop.set()
        writer.join()
        server.shutdown()
