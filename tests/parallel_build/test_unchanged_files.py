"""A rebuild into the same output renders and rewrites only the pages whose inputs changed.

What rsync and the S3 upload see: after one article's text is edited, its
page gets a new modification time and every page that did not change keeps
its old one. What the writer waits for: only that page is rendered again.
"""

import re

from bench.corpus import generate
from tests.parallel_build.builds import build, files

RENDERED = re.compile(r"of (\d+) page jobs rendered by workers, (\d+) unchanged")


def times(output) -> dict[str, int]:
    return {name: (output / name).stat().st_mtime_ns for name in files(output)}


def test_a_rebuild_after_one_edit_leaves_unchanged_files_alone(tmp_path):
    corpus, output, cache = tmp_path / "content", tmp_path / "output", tmp_path / "cache"
    generate(corpus, 12)
    build(corpus, output, "pelicanconf.py", 2, cache=cache, keep_output=True)
    before = times(output)
    edited = sorted((corpus / "articles").glob("*.md"))[5]
    slug = next(line[6:] for line in edited.read_text().splitlines() if line.startswith("Slug: "))
    with edited.open("a", encoding="utf-8") as handle:
        handle.write("\nA paragraph added after the first build.\n")
    log = build(corpus, output, "pelicanconf.py", 2, cache=cache, keep_output=True)
    jobs, unchanged = map(int, RENDERED.search(log).groups())
    assert unchanged == jobs - 1
    after = times(output)
    pages = [name for name in after if name.endswith(".html")]
    touched = [name for name in pages if after[name] != before[name]]
    # Its neighbours and the lists show its title and summary, which did not change.
    assert touched == [f"{slug}/index.html"]
    assert "A paragraph added" in (output / slug / "index.html").read_text(encoding="utf-8")
    assert len(pages) > 30
