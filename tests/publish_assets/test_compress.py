"""Precompressed copies: what gets one, that it decodes to the file, that it is reproducible."""

import gzip
import random

import brotli
from publish_assets.compress import compress_tree

TEXT = "<p>" + "Keep in touch on a schedule, not on a whim. " * 40 + "</p>\n"


def test_text_files_get_copies_that_decode_to_them(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text(TEXT)
    (tmp_path / "feed.xml").write_text(TEXT)
    written = compress_tree(tmp_path, (".html", ".xml"), 100, ("gz", "br"), 6)
    assert sorted(p.relative_to(tmp_path).as_posix() for p in written) == [
        "a/index.html.br", "a/index.html.gz", "feed.xml.br", "feed.xml.gz",
    ]  # fmt: skip
    page = (tmp_path / "a" / "index.html").read_bytes()
    assert gzip.decompress((tmp_path / "a" / "index.html.gz").read_bytes()) == page
    assert brotli.decompress((tmp_path / "a" / "index.html.br").read_bytes()) == page


def test_small_files_other_types_and_incompressible_data_get_none(tmp_path):
    (tmp_path / "tiny.html").write_text("<p>hi</p>")
    (tmp_path / "photo.png").write_bytes(TEXT.encode())
    (tmp_path / "random.js").write_bytes(random.Random(7).randbytes(4000))
    assert compress_tree(tmp_path, (".html", ".js"), 100, ("gz", "br"), 6) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["photo.png", "random.js", "tiny.html"]


def test_two_builds_write_identical_copies(tmp_path):
    for build in ("one", "two"):
        (tmp_path / build).mkdir()
        (tmp_path / build / "index.html").write_text(TEXT)
        compress_tree(tmp_path / build, (".html",), 0, ("gz", "br"), 6)
    for suffix in (".gz", ".br"):
        one = (tmp_path / "one" / f"index.html{suffix}").read_bytes()
        assert one == (tmp_path / "two" / f"index.html{suffix}").read_bytes()
