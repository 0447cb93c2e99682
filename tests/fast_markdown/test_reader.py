"""The fast reader gives exactly what Pelican's own Markdown reader gives, file after file."""

import tempfile
from functools import cache
from pathlib import Path

import pytest
from fast_markdown.plugin import FastMarkdownReader
from hypothesis import given, settings
from pelican.readers import MarkdownReader
from pelican.settings import read_settings

from bench.corpus import generate
from tests.fast_markdown.markdown_strategies import documents, inline

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).parent / "fixtures"


def test_every_file_reads_the_same_as_with_a_fresh_markdown_instance(tmp_path):
    generate(tmp_path, 12)
    settings = read_settings(str(ROOT / "pelicanconf.py"), override={"PATH": str(tmp_path)})
    files = [
        FIXTURES / "punctuation.md",
        *sorted((FIXTURES / "markdown").glob("*.md")),
        *sorted((tmp_path / "articles").glob("*.md")),
        *sorted((ROOT / "content" / "articles").glob("*.md")),
    ]
    # One reader for every file, as in a build: state left by one file (footnotes,
    # heading ids, metadata) must not leak into the next.
    fast = FastMarkdownReader(settings)
    for path in files:
        expected = MarkdownReader(settings).read(str(path))
        assert fast.read(str(path)) == expected, path.name


@cache
def shared_reader() -> tuple[dict, FastMarkdownReader, Path]:
    # One reader and one file for every example, as in a build.
    settings = read_settings(str(ROOT / "pelicanconf.py"))
    return settings, FastMarkdownReader(settings), Path(tempfile.mkdtemp()) / "article.md"


@settings(max_examples=300)
@given(summary=inline, body=documents)
def test_any_markdown_reads_the_same_as_with_a_fresh_markdown_instance(summary, body):
    settings, fast, path = shared_reader()
    header = f"Title: Generated\nSummary: {summary}\n\n" if summary.strip() else ""
    path.write_text(header + body, encoding="utf-8")
    assert fast.read(str(path)) == MarkdownReader(settings).read(str(path))


def outcome(reader, name, value):
    try:
        moment = reader.process_metadata(name, value)
    except ValueError:
        return "invalid"
    return moment, type(moment), moment.tzinfo is None


@pytest.mark.parametrize(
    "value",
    ["2026-03-18 08:00", "2026-03-18", "2026-03-18T08:00:00", "2026-03-18_08:00",
     "2026-03-18x08:00", "2026-02-30", "2026-03-18 08:00+02:00", "18 March 2026 8am"],
)  # fmt: skip
def test_dates_read_the_same_as_with_pelicans_parser(value):
    settings = read_settings(str(ROOT / "pelicanconf.py"))
    for name in ("date", "modified"):
        expected = outcome(MarkdownReader(settings), name, value)
        assert outcome(FastMarkdownReader(settings), name, value) == expected
