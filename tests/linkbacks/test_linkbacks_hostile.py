"""The hostile corpus for `send`: no target can stop the run, wedge the next one or leak its text.

Each case of fixtures/hostile/*.json is served on 127.0.0.1 as one target of a
real two-article run (see fixtures/hostile/README.md). After the first run and
again after a second one, one invariant holds: the run completed, the outbox
loads and records the hostile target with a one-line reason of our own, every
good target of both articles was notified exactly once, and the second run
sent nothing that was already sent.
"""

import json
from pathlib import Path

import pytest
from common.terminal import printable
from linkbacks import outbox
from linkbacks.run import Article

from tests.linkbacks.runs import SITEURL, run
from tests.safe_http.loopback_server import Reply

FIXTURES = Path(__file__).parent / "fixtures"
CASES = [
    case
    for path in sorted((FIXTURES / "hostile").glob("*.json"))
    for case in json.loads(path.read_text(encoding="utf-8"))
]
GOOD = {"/good-before": "/wm-before", "/good-after": "/wm-after", "/good-other": "/wm-other"}
REMOTE_TEXT = "REMOTE-WORDS"


def _expand(text: str, case: dict) -> str:
    repeat = case.get("repeat")
    return text.replace("{repeat}", repeat["text"] * repeat["times"]) if repeat else text


def _route(answer: dict, case: dict):
    if "raw" in answer:
        raw = _expand(answer["raw"], case)

        def write(handler):
            handler.wfile.write(raw.replace("{base}", handler.server.owner.base).encode("latin-1"))

        return write
    return Reply(
        status=answer.get("status", 200),
        headers=tuple((name, _expand(value, case)) for name, value in answer.get("headers", [])),
        body=_expand(answer.get("body", ""), case).encode("utf-8"),
        content_type=answer.get("content_type", "text/html; charset=utf-8"),
    )


def _articles(tmp_path: Path, server, case: dict) -> list[Article]:
    articles = []
    for slug, fixture in (
        ("a-first", "hostile-run-first.html"),
        ("b-second", "hostile-run-second.html"),
    ):
        page = tmp_path / "output" / slug / "index.html"
        page.parent.mkdir(parents=True, exist_ok=True)
        html = (FIXTURES / "articles" / fixture).read_text(encoding="utf-8")
        page.write_text(html.replace("{base}", server.base), encoding="utf-8")
        trackbacks = (
            (server.url(case["target"]),) if case.get("trackback") and slug == "a-first" else ()
        )
        articles.append(Article(f"{SITEURL}/{slug}/", page, "A title", "An excerpt.", trackbacks))
    return articles


def _good_posts(server) -> list[str]:
    return sorted(p.path for p in server.posts() if p.path in GOOD.values())


def _check_outbox(settings, hostile: str) -> dict:
    """The outbox loads; every line of our own; returns the hostile target's state."""
    text = settings.outbox.read_text(encoding="utf-8")
    assert REMOTE_TEXT not in text
    sources = outbox.load(settings.outbox)
    states = {t: s for source in sources.values() for t, s in source.targets.items()}
    state = states[hostile]
    assert state.detail and printable(state.detail) == state.detail and len(state.detail) <= 120
    return {t: s.status for t, s in states.items()}


def test_the_corpus_has_at_least_forty_cases_with_distinct_names():
    assert len(CASES) >= 40
    assert len({case["name"] for case in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[case["name"] for case in CASES])
def test_a_hostile_target_is_recorded_and_everything_else_goes_on(
    tmp_path, server, settings, client, case
):
    for path, target in GOOD.items():
        server.routes[path] = Reply(headers=(("Link", f"<{target}>; rel=webmention"),))
    server.routes["/hostile"] = Reply(body=b"<p>nothing to see</p>")
    for path, answer in case["routes"].items():
        server.routes[path] = _route(answer, case)
    articles = _articles(tmp_path, server, case)
    hostile = server.url(case.get("target", "/hostile"))

    lines, _ = run(articles, settings, client)

    assert _good_posts(server) == sorted(GOOD.values())
    statuses = _check_outbox(settings, hostile)
    assert statuses[hostile] == case["status"]
    assert all(statuses[server.url(path)] == "sent" for path in GOOD)
    assert all(printable(line) == line and REMOTE_TEXT not in line for line in lines)
    # One line per target: the three good ones, the hostile one, and the plain
    # /hostile page the first article links to when the hostile one is a ping URL.
    assert len(lines) == (5 if case.get("trackback") else 4)

    server.requests.clear()
    lines, _ = run(articles, settings, client)

    assert _good_posts(server) == []
    assert not any(r.path in GOOD for r in server.requests)
    statuses_again = _check_outbox(settings, hostile)
    if case["status"] != "pending":
        assert server.requests == [] and lines == []
        assert statuses_again == statuses
    assert all(printable(line) == line and REMOTE_TEXT not in line for line in lines)
