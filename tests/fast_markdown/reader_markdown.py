"""The Markdown instance the fast reader reads with, set up as in a build (one file read)."""

from pathlib import Path

from fast_markdown.plugin import FastMarkdownReader
from markdown import Markdown
from pelican.settings import read_settings

ROOT = Path(__file__).resolve().parents[2]


def reader_markdown() -> Markdown:
    """A fresh FastMarkdownReader's Markdown instance, after it read one fixture."""
    reader = FastMarkdownReader(read_settings(str(ROOT / "pelicanconf.py")))
    reader.read(str(Path(__file__).parent / "fixtures" / "punctuation.md"))
    return reader._md
