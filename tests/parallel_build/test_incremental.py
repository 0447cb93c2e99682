"""After any edits, a warm parallel build is the clean serial build of the same sources.

A warm build reads only the files Pelican's content cache does not hold, and
renders only the pages whose inputs changed (the rest stay in the output as
they are); neither may ever keep a stale result. Hypothesis picks sequences
of edits (body, title, tags, date, a new article, a deleted one) to a small
generated corpus; after each step, a warm build with workers into the same
output (caches kept from the step before) must hold every file a clean serial
build of the same sources writes, byte for byte. (Pages of deleted articles
stay behind, as with Pelican alone: a warm build deletes nothing.)
"""

import re
import tempfile
from datetime import datetime, timedelta
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from bench.corpus import generate
from tests.parallel_build.builds import build, files

ARTICLES = 12
KINDS = ("body", "title", "tags", "date", "new", "delete")
edits = st.tuples(st.sampled_from(KINDS), st.integers(0, 10_000))


def _header(path: Path, key: str, value: str) -> None:
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(rf"^{key}: .*$", f"{key}: {value}", text, count=1, flags=re.M), "utf-8")


def apply(corpus: Path, kind: str, number: int) -> None:
    """One edit, as a writer would make it, to the article `number` picks."""
    articles = sorted((corpus / "articles").glob("*.md"))
    path = articles[number % len(articles)]
    text = path.read_text(encoding="utf-8")
    if kind == "body":
        path.write_text(f"{text}\nAn edited paragraph, number {number}.\n", encoding="utf-8")
    elif kind == "title":
        _header(path, "Title", f"An edited title {number}")
    elif kind == "tags":
        _header(path, "Tags", f"edited-{number % 7}, networking")
    elif kind == "date":
        # Earlier, so a Modified date stays after it.
        date = re.search(r"^Date: (.*)$", text, flags=re.M).group(1)
        earlier = datetime.strptime(date, "%Y-%m-%d %H:%M") - timedelta(days=number % 40 + 1)
        _header(path, "Date", f"{earlier:%Y-%m-%d %H:%M}")
    elif kind == "new":
        new = corpus / "articles" / f"99999-new-{number}.md"
        new.write_text(text, encoding="utf-8")
        _header(new, "Slug", f"new-article-{number}")
        _header(new, "Title", f"A new article {number}")
    elif len(articles) > 3:  # delete, with its mentions
        slug = re.search(r"^Slug: (.*)$", text, flags=re.M).group(1)
        path.unlink()
        (corpus / "mentions" / f"{slug}.json").unlink(missing_ok=True)


@settings(
    max_examples=2,
    deadline=None,
    derandomize=True,
    # Each example is several whole builds: a failure is reported as found, not shrunk for minutes.
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=[HealthCheck.too_slow],
)
@given(steps=st.lists(st.lists(edits, min_size=1, max_size=3), min_size=1, max_size=2))
def test_a_warm_parallel_build_after_edits_is_the_clean_serial_build(steps):
    with tempfile.TemporaryDirectory(prefix="parallel-build-") as work:
        work = Path(work)
        corpus, cache = work / "content", work / "cache"
        generate(corpus, ARTICLES)
        build(corpus, work / "warm", "pelicanconf.py", 2, cache=cache, keep_output=True)
        for number, step in enumerate(steps):
            for kind, which in step:
                apply(corpus, kind, which)
            build(corpus, work / "warm", "pelicanconf.py", 2, cache=cache, keep_output=True)
            build(corpus, work / f"clean-{number}", "pelicanconf.py", 1)
            clean, warm = files(work / f"clean-{number}"), files(work / "warm")
            assert [name for name in clean if warm.get(name) != clean[name]] == []
