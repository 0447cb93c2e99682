"""The hostile corpus: every crafted record, through the real commands, keeps one invariant.

fixtures/hostile/sync/*.json are single JF2 entries as raw bytes (not always
JSON), served between two good entries on a page of the loopback fake API;
fixtures/hostile/import/* are whole import files, a good post first.
cases.json says what each must become:

    stored       kept, and what is kept reads back unchanged
    quarantined  not kept; exactly one line "quarantined NAME: ..." and an
                 entry in _rejected.json
    blocked      dropped by moderation (fixtures/hostile/_moderation.json)
    skipped      not kept for a documented reason (private, RSVP, unknown target)
    either       stored (clean) or quarantined, whichever the cleaning decides

After every case: a failure injected into the write leaves the store
byte-identical, the same input again changes nothing, and the next sync and
import succeed and the store still loads.
"""

import json
import shutil
from pathlib import Path

import pytest
from mentions import store
from mentions.cli import main
from werkzeug import Response

from tests.mentions.faults import fail_rename

HOSTILE = Path(__file__).parent / "fixtures" / "hostile"
IMPORTS = Path(__file__).parent / "fixtures" / "import"
CASES = json.loads((HOSTILE / "cases.json").read_text(encoding="utf-8"))
GOOD_IDS = (150, 151)
GOOD_IMPORT = "import:7001"


def good_entry(wm_id: int) -> bytes:
    entry = {
        "type": "entry",
        "author": {"type": "card", "name": f"Good Neighbour {wm_id}", "url": None},
        "url": f"https://neighbour.example/{wm_id}",
        "wm-received": "2026-01-21T09:00:00Z",
        "wm-id": wm_id,
        "wm-source": f"https://neighbour.example/{wm_id}",
        "wm-target": "https://reconnect.example/keep-in-touch-on-a-schedule/",
        "wm-property": "like-of",
    }
    return json.dumps(entry).encode()


def hostile_page(case: str) -> Response:
    first, last = (good_entry(i) for i in GOOD_IDS)
    raw = (HOSTILE / case).read_bytes()
    body = b'{"type": "feed", "children": [' + first + b",\n" + raw + b",\n" + last + b"]}"
    return Response(body, content_type="application/json")


def command(project, *args: str) -> int:
    return main(["--settings", str(project.settings), *args])


def store_ids(project) -> set[str]:
    return {m.id for ms in store.load_all(project.store).values() for m in ms}


def rejected_ids(project) -> list[str]:
    path = project.store / store.REJECTED_FILE
    if not path.exists():
        return []
    return [e["id"] for e in json.loads(path.read_text(encoding="utf-8"))["rejected"]]


@pytest.fixture
def hostile_project(project):
    shutil.copy(HOSTILE / "_moderation.json", project.store / "_moderation.json")
    return project


def check_outcome(project, out: str, expect: str, name: str, record_id: str | None) -> None:
    lines = out.splitlines()
    quarantined = [line for line in lines if line.startswith("quarantined ")]
    if expect == "either":
        expect = "quarantined" if quarantined else "stored"
    ids = store_ids(project)
    if expect == "quarantined":
        assert len(quarantined) == 1, out
        assert quarantined[0].startswith(f"quarantined {name}"), quarantined[0]
        assert len(quarantined[0]) <= 400
        assert any(r.startswith(name.rstrip("…")) for r in rejected_ids(project))
        assert record_id not in ids
        return
    assert quarantined == [], out
    if expect == "stored":
        assert record_id in ids, out
        for mentions in store.load_all(project.store).values():
            for mention in mentions:
                store.check_storable(mention, mention.id)
                for value in (mention.author_name, mention.text):
                    assert value is None or value.isprintable(), value
    else:
        assert record_id not in ids
        if expect == "blocked":
            assert "dropped 1 blocked" in out, out


def check_next_commands_succeed(project, fake_api) -> None:
    fake_api.failures.clear()
    assert command(project, "sync") == 0
    assert command(project, "import", str(IMPORTS / "posts.csv")) == 0
    assert command(project, "sync", "--full") == 0
    store.load_all(project.store)


SYNC_CASES = sorted(c for c in CASES if c.startswith("sync/"))
IMPORT_CASES = sorted(c for c in CASES if c.startswith("import/"))


def test_the_corpus_has_at_least_100_cases_over_sync_and_import():
    assert len(SYNC_CASES) >= 60 and len(IMPORT_CASES) >= 40
    on_disk = {f"{p.parent.name}/{p.name}" for p in HOSTILE.glob("*/*")}
    assert on_disk == set(CASES)


@pytest.mark.parametrize("case", SYNC_CASES)
def test_a_hostile_entry_never_wedges_sync(
    hostile_project, fake_api, token, capsys, monkeypatch, case
):
    project, spec = hostile_project, CASES[case]
    fake_api.failures[0] = hostile_page(case)
    before = project.snapshot()

    with monkeypatch.context() as patch:
        fail_rename(patch, lambda call, _: call == 2)
        assert command(project, "sync") == 3
    assert project.snapshot() == before
    capsys.readouterr()

    assert command(project, "sync") == 0
    out = capsys.readouterr().out
    check_outcome(project, out, spec["expect"], spec["name"], f"wmio:{spec['wm_id']}")
    assert {f"wmio:{i}" for i in GOOD_IDS} <= store_ids(project)
    state = json.loads((project.store / store.STATE_FILE).read_text())
    assert state["since_id"] >= max(GOOD_IDS)

    written = project.snapshot()
    assert command(project, "sync") == 0
    assert project.snapshot() == written
    check_next_commands_succeed(project, fake_api)


@pytest.mark.parametrize("case", IMPORT_CASES)
def test_a_hostile_import_row_never_stops_the_others(
    hostile_project, fake_api, token, capsys, monkeypatch, case
):
    project, spec = hostile_project, CASES[case]
    path = HOSTILE / case
    before = project.snapshot()

    with monkeypatch.context() as patch:
        calls = fail_rename(patch, lambda call, _: call == 2)
        status = command(project, "import", str(path))
    if len(calls) >= 2:
        assert status == 3
        assert project.snapshot() == before
    else:  # a single file to write cannot be half-written; undo it by hand
        assert status == 0
        for name in set(project.snapshot()) - set(before):
            (project.root / "content" / name).unlink()
        for name, data in before.items():
            (project.root / "content" / name).write_bytes(data)
    capsys.readouterr()

    assert command(project, "import", str(path)) == 0
    out = capsys.readouterr().out
    if spec["expect"] == "skipped":  # nothing but a header
        assert out.strip().splitlines()[-1] == "no changes"
    else:
        assert GOOD_IMPORT in store_ids(project), out
        record_id = "import:7002"
        check_outcome(project, out, spec["expect"], spec["name"], record_id)

    written = project.snapshot()
    assert command(project, "import", str(path)) == 0
    assert project.snapshot() == written
    check_next_commands_succeed(project, fake_api)
