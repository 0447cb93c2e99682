"""Every list shows an article's current summary, though each summary is rendered once per build.

An article without a `Summary:` header gets its summary from its body, and parallel_build's page
cache renders a list page again when a body the page read has changed. `render_once` must leave
that read on every page that shows the summary, not only on the first: after the first paragraph
of such an article is edited, a warm parallel build writes what a clean serial build writes.
"""

import re

from bench.corpus import generate
from tests.parallel_build.builds import build, files

NEW_SENTENCE = "A first sentence written after the first build."


def test_a_summary_taken_from_the_body_is_current_in_every_list_after_an_edit(tmp_path):
    corpus, cache, warm = tmp_path / "content", tmp_path / "cache", tmp_path / "warm"
    generate(corpus, 12)
    article = next(
        path
        for path in sorted((corpus / "articles").glob("*.md"))[4:]
        if "Status: draft" not in path.read_text(encoding="utf-8")
    )
    header, body = article.read_text(encoding="utf-8").split("\n\n", 1)
    header = re.sub(r"^Summary: .*$\n?", "", header, flags=re.M)
    article.write_text(f"{header}\n\n{body}", encoding="utf-8")
    build(corpus, warm, "pelicanconf.py", 2, cache=cache, keep_output=True)

    article.write_text(f"{header}\n\n{NEW_SENTENCE}\n\n{body}", encoding="utf-8")
    build(corpus, warm, "pelicanconf.py", 2, cache=cache, keep_output=True)
    build(corpus, tmp_path / "clean", "pelicanconf.py", 1)

    clean, rebuilt = files(tmp_path / "clean"), files(warm)
    showing = [name for name, data in clean.items() if NEW_SENTENCE.encode() in data]
    # Its topic, its author and each of its tags (two or more) list it with the new summary.
    assert sum(name.startswith(("tag/", "category/", "author/")) for name in showing) >= 4
    assert [name for name in clean if rebuilt.get(name) != clean[name]] == []
