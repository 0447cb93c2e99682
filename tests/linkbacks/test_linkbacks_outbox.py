"""The outbox rules (what is due when) and its file: deterministic, atomic, validated."""

import json
import os

import pytest
from linkbacks import outbox
from linkbacks.outbox import Due, SourceState, TargetState
from linkbacks.send import Outcome

A, B, C = "https://a.example/p", "https://b.example/p", "https://c.example/p"
TB = "https://tb.example/ping/1"


def state() -> SourceState:
    return SourceState("h1", {})


def sent(protocol="webmention") -> TargetState:
    return TargetState(protocol, "sent", 1, "202", "https://x.example/wm")


def pending(attempts=1, linked=True) -> TargetState:
    return TargetState(
        "webmention", "pending", attempts, "503", "https://x.example/wm", linked=linked
    )


def test_a_new_article_notifies_every_link_and_trackback():
    assert outbox.plan(None, "h1", [A, B], [TB]) == [Due(A), Due(B), Due(TB, trackback=True)]


def test_an_unchanged_article_only_retries_pending_targets():
    previous = SourceState("h1", {A: sent(), B: pending(), TB: sent("trackback")})
    assert outbox.plan(previous, "h1", [A, B], [TB]) == [Due(B)]


def test_an_edit_notifies_current_and_removed_targets_but_not_a_sent_trackback():
    previous = SourceState("h1", {A: sent(), B: sent(), TB: sent("trackback")})
    assert outbox.plan(previous, "h2", [A, C], [TB]) == [Due(A), Due(C), Due(B, linked=False)]


def test_removed_targets_that_never_heard_from_us_are_not_told():
    never = TargetState("none", "no-endpoint", 1, "no endpoint")
    previous = SourceState("h1", {A: sent(), B: never})
    assert outbox.plan(previous, "h2", [A], []) == [Due(A)]


def test_update_counts_attempts_and_gives_up_at_the_cap():
    previous = SourceState("h1", {A: pending(attempts=2)})
    busy = Outcome("webmention", "https://x.example/wm", "retry", "503")
    new = outbox.update(previous, "h1", [A], [], {Due(A): busy}, max_attempts=3)
    assert (new.targets[A].status, new.targets[A].attempts) == ("gave-up", 3)


def test_an_edit_starts_the_attempt_count_again():
    previous = SourceState("h1", {A: TargetState("webmention", "gave-up", 3, "503")})
    busy = Outcome("webmention", "https://x.example/wm", "retry", "503")
    new = outbox.update(previous, "h2", [A], [], {Due(A): busy}, max_attempts=3)
    assert (new.targets[A].status, new.targets[A].attempts) == ("pending", 1)


def test_a_delivered_removal_leaves_the_outbox_and_a_failed_one_waits():
    previous = SourceState("h1", {A: sent(), B: sent()})
    done = Outcome("webmention", "https://x.example/wm", "sent", "202")
    busy = Outcome("webmention", "https://x.example/wm", "retry", "503")
    results = {Due(A): done, Due(B, linked=False): done}
    assert set(outbox.update(previous, "h2", [A], [], results, 3).targets) == {A}
    results = {Due(A): done, Due(B, linked=False): busy}
    waiting = outbox.update(previous, "h2", [A], [], results, 3).targets[B]
    assert (waiting.status, waiting.linked) == ("pending", False)


def test_the_file_is_sorted_and_identical_for_the_same_state(tmp_path):
    one = {
        "https://s.example/2/": SourceState("h", {B: sent(), A: sent()}),
        "https://s.example/1/": state(),
    }
    two = dict(reversed(list(one.items())))
    assert outbox.dumps(one) == outbox.dumps(two)
    text = outbox.dumps(one)
    assert text.endswith("}\n")
    assert list(json.loads(text)["sources"]) == ["https://s.example/1/", "https://s.example/2/"]


def test_save_round_trips_and_skips_an_unchanged_file(tmp_path):
    path = tmp_path / "mentions" / "_outbox.json"
    sources = {"https://s.example/1/": SourceState("h", {A: sent(), B: pending()})}
    assert outbox.save(path, sources) is True
    assert outbox.load(path) == sources
    assert outbox.save(path, sources) is False
    assert [p.name for p in path.parent.iterdir()] == ["_outbox.json"]


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path, monkeypatch):
    path = tmp_path / "_outbox.json"
    outbox.save(path, {"https://s.example/1/": state()})
    before = path.read_bytes()

    def crash(*args):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(OSError, match="disk full"):
        outbox.save(path, {"https://s.example/2/": state()})
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["_outbox.json"]


def test_a_missing_file_is_an_empty_outbox(tmp_path):
    assert outbox.load(tmp_path / "none.json") == {}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{", "not valid JSON"),
        ('{"schema": 2, "sources": {}}', "schema must be 1"),
        ('{"schema": 1, "sources": []}', "sources must be an object"),
        (
            '{"schema": 1, "sources": {"https://s.example/": {"content_hash": "h", "targets": '
            '{"https://a.example/": {"protocol": "webmention", "status": "done", "attempts": 1, '
            '"detail": "", "endpoint": null, "location": null, "linked": true}}}}}',
            "sources['https://s.example/'].targets['https://a.example/'].status bad value 'done'",
        ),
    ],
)
def test_a_bad_file_is_an_error_naming_the_field(tmp_path, text, message):
    path = tmp_path / "_outbox.json"
    path.write_text(text)
    with pytest.raises(ValueError) as raised:
        outbox.load(path)
    assert str(path) in str(raised.value)
    assert message in str(raised.value)
