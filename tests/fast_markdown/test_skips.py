"""The reader's fenced-code and [TOC] steps are wrapped (the fixtures show they change nothing)."""

from tests.fast_markdown.reader_markdown import reader_markdown


def test_the_reader_wraps_the_fenced_code_search_and_the_toc_marker():
    # Under another Markdown release nothing is wrapped, and this fails to ask for a new analysis.
    md = reader_markdown()
    assert "run" in vars(md.preprocessors["fenced_code_block"])
    assert "replace_marker" in vars(md.treeprocessors["toc"])
