"""The parallel writer writes what Pelican's writer writes, and refuses what it refuses."""

import os

import pytest
from jinja2 import Template
from parallel_build.plugin import ParallelWriter
from pelican.writers import FileOverwriteFailedError, Writer

PAGE = Template("<h1>{{ title }}</h1><p>{{ SITENAME }}, {{ output_file }}</p>\n")
CONTEXT = {"SITENAME": "Reconnect", "localsiteurl": ""}


def settings(workers: int) -> dict:
    return {"PAGINATED_TEMPLATES": {}, "PARALLEL_BUILD": {"workers": workers}}


def write_pages(writer: Writer, count: int) -> None:
    for number in range(count):
        writer.write_file(f"p{number}/index.html", PAGE, CONTEXT, title=f"Page {number}")


def files(directory) -> dict[str, bytes]:
    return {p.relative_to(directory).as_posix(): p.read_bytes() for p in directory.rglob("*.html")}


def test_deferred_pages_are_the_pages_pelican_writes(tmp_path):
    write_pages(Writer(str(tmp_path / "plain"), settings=settings(1)), 25)
    writer = ParallelWriter(str(tmp_path / "parallel"), settings=settings(3))
    write_pages(writer, 25)
    assert files(tmp_path / "parallel") == {}  # deferred until the articles generator is done
    writer.stop_deferring()
    assert files(tmp_path / "parallel") == files(tmp_path / "plain")
    assert len(files(tmp_path / "plain")) == 25


def test_a_page_pelican_skips_keeps_the_queue_whole(tmp_path):
    # An empty *_SAVE_AS (the date archives) writes nothing: it must not
    # render the queue early, which would split it into smaller pools.
    writer = ParallelWriter(str(tmp_path), settings=settings(2))
    write_pages(writer, 5)
    writer.write_file("", PAGE, CONTEXT, title="Not written")
    assert files(tmp_path) == {}
    writer.stop_deferring()
    assert len(files(tmp_path)) == 5


def test_two_pages_at_one_path_fail_the_build_as_with_pelican(tmp_path):
    writer = ParallelWriter(str(tmp_path), settings=settings(2))
    write_pages(writer, 20)
    writer.write_file("p0/index.html", PAGE, CONTEXT, title="Again")
    with pytest.raises(FileOverwriteFailedError, match=r"p0/index\.html"):
        writer.stop_deferring()


def test_an_overriding_page_still_wins_over_the_page_it_overrides(tmp_path):
    writer = ParallelWriter(str(tmp_path), settings=settings(2))
    write_pages(writer, 20)
    writer.write_file("p3/index.html", PAGE, CONTEXT, override_output=True, title="Override")
    writer.stop_deferring()
    assert b"<h1>Override</h1>" in (tmp_path / "p3" / "index.html").read_bytes()


def test_one_worker_writes_at_once(tmp_path):
    writer = ParallelWriter(str(tmp_path), settings=settings(1))
    write_pages(writer, 3)
    assert len(files(tmp_path)) == 3


def test_a_page_with_the_same_bytes_is_not_rewritten(tmp_path):
    for workers in (1, 2):
        write_pages(ParallelWriter(str(tmp_path), settings=settings(workers)), 1)
        page = tmp_path / "p0" / "index.html"
        os.utime(page, ns=(1_000_000_000, 1_000_000_000))
        writer = ParallelWriter(str(tmp_path), settings=settings(workers))
        write_pages(writer, 1)
        writer.stop_deferring()
        assert page.stat().st_mtime_ns == 1_000_000_000


def test_a_changed_page_is_rewritten(tmp_path):
    write_pages(ParallelWriter(str(tmp_path), settings=settings(1)), 3)
    writer = ParallelWriter(str(tmp_path), settings=settings(1))
    writer.write_file("p1/index.html", PAGE, CONTEXT, title="Edited")
    assert b"<h1>Edited</h1>" in (tmp_path / "p1" / "index.html").read_bytes()
