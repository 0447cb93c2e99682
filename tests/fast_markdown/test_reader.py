"""The fast reader gives exactly what Pelican's own Markdown reader gives, file after file."""

from pathlib import Path

import pytest
from fast_markdown.plugin import FastMarkdownReader
from pelican.readers import MarkdownReader
from pelican.settings import read_settings

from bench.corpus import generate

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).parent / "fixtures"


def test_every_file_reads_the_same_as_with_a_fresh_markdown_instance(tmp_path):
    generate(tmp_path, 12)
    settings = read_settings(str(ROOT / "pelicanconf.py"), override={"PATH": str(tmp_path)})
    files = [
        FIXTURES / "punctuation.md",
        *sorted((tmp_path / "articles").glob("*.md")),
        *sorted((ROOT / "content" / "articles").glob("*.md")),
    ]
    # One reader for every file, as in a build: state left by one file (footnotes,
    # heading ids, metadata) must not leak into the next.
    fast = FastMarkdownReader(settings)
    for path in files:
        expected = MarkdownReader(settings).read(str(path))
        assert fast.read(str(path)) == expected, path.name


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
