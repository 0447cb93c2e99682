"""The reader's whitespace, fenced-code, raw HTML and table of contents steps change nothing."""

from functools import cache
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from markdown import Markdown
from pelican.readers import MarkdownReader
from pelican.settings import read_settings

from tests.fast_markdown.markdown_strategies import documents, inline
from tests.fast_markdown.reader_markdown import reader_markdown

ROOT = Path(__file__).resolve().parents[2]


def test_the_reader_wraps_the_whitespace_fenced_code_html_block_and_toc_steps():
    # Under another Markdown release nothing is wrapped, and this fails to ask for a new analysis.
    md = reader_markdown()
    assert "run" in vars(md.preprocessors["normalize_whitespace"])
    assert "run" in vars(md.preprocessors["fenced_code_block"])
    assert "run" in vars(md.preprocessors["html_block"])
    assert "replace_marker" in vars(md.treeprocessors["toc"])
    assert "run" in vars(md.treeprocessors["toc"])


@cache
def markdown_settings() -> dict:
    # As Pelican's reader completes them: every configured extension enabled.
    return MarkdownReader(read_settings(str(ROOT / "pelicanconf.py"))).settings["MARKDOWN"]


@cache
def shared_markdown() -> Markdown:
    return reader_markdown()


def converted(md: Markdown, text: str) -> tuple[str, str, list]:
    md.reset()
    return md.convert(text), md.toc, md.toc_tokens


@settings(max_examples=300)
@given(
    text=documents
    | inline
    | documents.map(lambda text: text + "\n\n[TOC]\n")
    # What normalize_whitespace changes: other line ends, tabs, lines of spaces, a last space.
    | st.tuples(documents, st.sampled_from(["\r\n", "\r", "\t\n", " \n", "\n \n", "\x03\n"])).map(
        lambda parts: parts[0].replace("\n", parts[1])
    )
    | documents.map(lambda text: text.rstrip("\n") + " ")
)
def test_html_and_table_of_contents_are_what_a_stock_instance_makes(text):
    # The reader's HTML is compared in test_reader; the table of contents the toc
    # step leaves on the instance (md.toc, md.toc_tokens) is compared here, for
    # documents with and without headings, markers, raw HTML and fences.
    stock = Markdown(**markdown_settings())
    assert converted(shared_markdown(), text) == converted(stock, text)
