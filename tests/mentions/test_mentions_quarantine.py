"""Quarantine and all-or-nothing writes, through the real commands.

A bad record is skipped with one line and kept in `_rejected.json` (bounded,
deterministic, cleared once the record is stored or blocked); a command that
fails at any stage, fetching, preparing or writing, leaves every byte as it was.
"""

import copy
import json
from pathlib import Path

import pytest
from mentions import commands, quarantine, store
from mentions.cli import main
from werkzeug import Response

from tests.mentions.faults import fail_rename

FIXTURES = Path(__file__).parent / "fixtures"
BAD_ENTRY = json.loads((FIXTURES / "quarantine" / "bad-date-entry.json").read_text())


def command(project, *args: str) -> int:
    return main(["--settings", str(project.settings), *args])


def rejected(project) -> list[dict]:
    return json.loads((project.store / store.REJECTED_FILE).read_text(encoding="utf-8"))["rejected"]


def bad_entries(count: int, first_id: int) -> list[dict]:
    entries = []
    for number in range(count):
        entry = copy.deepcopy(BAD_ENTRY)
        entry["wm-id"] = first_id + number
        entry["wm-received"] = f"2026-01-22T08:{number // 60:02d}:{number % 60:02d}Z"
        entries.append(entry)
    return entries


def test_a_bad_entry_is_quarantined_and_the_rest_stored(project, fake_api, token, capsys):
    fake_api.entries.append(copy.deepcopy(BAD_ENTRY))
    assert command(project, "sync") == 0
    out = capsys.readouterr().out
    # One line naming the entry and the field; the wording is the cleaning's own.
    [line] = [x for x in out.splitlines() if x.startswith("quarantined")]
    assert line.startswith("quarantined wm-id 300: published: ") and "999-06-01" in line
    assert json.loads((project.store / "_state.json").read_text()) == {"since_id": 300}
    [entry] = rejected(project)
    assert entry["id"] == "wm-id 300" and entry["origin"] == "webmention.io"
    # The date comes from the data, never the clock: a re-run writes the same bytes.
    assert entry["first_seen"] == "2026-01-22T08:00:00Z"
    assert entry["excerpt"].startswith("{") and len(entry["excerpt"]) <= quarantine.MAX_EXCERPT
    before = project.snapshot()
    assert command(project, "sync", "--full") == 0
    assert project.snapshot() == before
    # Every other entry of the fixture API is stored as before.
    for expected in sorted((FIXTURES / "api" / "expected").glob("*.json")):
        assert (project.store / expected.name).read_bytes() == expected.read_bytes()


def test_the_rejected_file_is_bounded_and_keeps_the_newest(project, fake_api, token, capsys):
    project.write_settings(per_page=100)
    fake_api.entries += bad_entries(quarantine.MAX_ENTRIES + 50, 1000)
    assert command(project, "sync") == 0
    lines = [x for x in capsys.readouterr().out.splitlines() if x.startswith("quarantined")]
    assert len(lines) == quarantine.MAX_ENTRIES + 50
    entries = rejected(project)
    assert len(entries) == quarantine.MAX_ENTRIES
    assert entries[0]["id"] == "wm-id 1050" and entries[-1]["id"] == "wm-id 1249"
    assert (project.store / store.REJECTED_FILE).stat().st_size < 1000 * quarantine.MAX_ENTRIES


def test_blocking_a_quarantined_sender_and_a_full_sync_clears_it(project, fake_api, token):
    fake_api.entries.append(copy.deepcopy(BAD_ENTRY))
    command(project, "sync")
    assert [e["id"] for e in rejected(project)] == ["wm-id 300"]
    moderation = json.loads((project.store / "_moderation.json").read_text())
    moderation["block_domains"].append("SAM.example.")
    (project.store / "_moderation.json").write_text(json.dumps(moderation))
    assert command(project, "sync", "--full") == 0
    assert not (project.store / store.REJECTED_FILE).exists()


def test_an_alias_and_a_re_import_un_quarantine_a_post(project, capsys):
    path = FIXTURES / "quarantine" / "alias-needed.csv"
    assert command(project, "import", str(path)) == 0
    assert [e["id"] for e in rejected(project)] == ["https://twitter.com/old/status/8002"]
    aliases = {
        "aliases": {
            "https://old-blog.example/2019/reconnecting.html": "keep-in-touch-on-a-schedule"
        }
    }
    (project.store / "_aliases.json").write_text(json.dumps(aliases))
    capsys.readouterr()
    assert command(project, "import", str(path)) == 0
    assert "quarantined" not in capsys.readouterr().out
    assert not (project.store / store.REJECTED_FILE).exists()
    ids = {m["id"] for m in project.read("keep-in-touch-on-a-schedule")["mentions"]}
    assert "import:8002" in ids


def test_a_record_with_a_long_name_is_cleared_too():
    name = "https://twitter.com/" + "a" * 500
    entry = quarantine.rejection("import", name, "bad\ndate", "2026-01-01", b"\xff{")
    assert len(entry.id) == quarantine.MAX_ID and entry.reason == "bad\\x0adate"
    assert quarantine.updated([entry], [], {("import", name)}) == []
    assert quarantine.updated([entry], [], {("webmention.io", name)}) == [entry]


def test_a_full_sync_keeps_a_stored_mention_whose_entry_is_now_quarantined(
    project, fake_api, token, capsys
):
    assert command(project, "sync") == 0
    before = project.read("reconnect-without-the-awkwardness")
    next(e for e in fake_api.entries if e["wm-id"] == 101)["wm-received"] = "yesterday"
    capsys.readouterr()
    assert command(project, "sync", "--full") == 0
    [line] = [x for x in capsys.readouterr().out.splitlines() if x.startswith("quarantined")]
    assert line.startswith("quarantined wm-id 101: wm-received: 'yesterday' is not")
    assert project.read("reconnect-without-the-awkwardness") == before


def test_an_unreadable_article_file_is_left_alone_and_stops_nothing(
    project, fake_api, token, capsys
):
    """A file an older version wrote (year 999 as "999-06-01") or a bad hand edit."""
    broken = project.store / "keep-in-touch-on-a-schedule.json"
    broken.write_bytes((FIXTURES / "quarantine" / "written-by-an-old-version.json").read_bytes())
    before = broken.read_bytes()
    assert command(project, "sync") == 0
    assert command(project, "import", str(FIXTURES / "import" / "posts.json")) == 0
    out = capsys.readouterr().out.splitlines()
    assert broken.read_bytes() == before
    warnings = [x for x in out if "keep-in-touch-on-a-schedule.json" in x]
    assert len(warnings) == 2 and all(x.startswith("warning: ") for x in warnings)
    # Its new mention waits in quarantine; every other article is stored as usual.
    held = [x for x in out if x.startswith("quarantined")]
    assert "quarantined wm-id 105: the mentions file of 'keep-in-touch-on-a-schedule' " in held[0]
    assert len(held) == len({x.split(":")[0] for x in held}) >= 2
    assert all("'keep-in-touch-on-a-schedule' cannot be read: fix it" in x for x in held)
    expected = FIXTURES / "api" / "expected" / "networking-is-a-two-way-street.json"
    assert (project.store / expected.name).read_bytes() == expected.read_bytes()
    assert "import:1879000000000000101" in {
        m["id"] for m in project.read("reconnect-without-the-awkwardness")["mentions"]
    }


def test_a_rejected_file_that_cannot_be_read_is_replaced_with_a_warning(
    project, fake_api, token, capsys
):
    (project.store / store.REJECTED_FILE).write_text("{not json")
    fake_api.entries.append(copy.deepcopy(BAD_ENTRY))
    assert command(project, "sync") == 0
    assert "_rejected.json is not a readable rejected list" in capsys.readouterr().out
    assert [e["id"] for e in rejected(project)] == ["wm-id 300"]


def test_import_files_with_a_byte_order_mark_are_accepted(project, new_project, tmp_path):
    for name in ("posts.csv", "posts.json"):
        plain = FIXTURES / "import" / name
        marked = tmp_path / name
        marked.write_bytes(b"\xef\xbb\xbf" + plain.read_bytes())
        other = new_project(f"plain-{name}")
        assert command(other, "import", str(plain)) == 0
        assert command(project, "import", str(marked)) == 0
        assert project.snapshot() == other.snapshot()
        project = new_project(f"marked-{name}")


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"{}", "a.json", "a.json: expected a JSON list of objects"),
        (b'[{"url": "x"', "a.json", "a.json: not JSON"),
        (b"author,url\nA,https://a.example/\n", "a.csv", "a.csv: CSV header lacks date, target"),
        (b"", "a.json", "a.json: not JSON"),
    ],
)
def test_a_file_that_is_not_a_list_of_posts_is_refused_in_one_line(
    project, tmp_path, capsys, content, name, message
):
    path = tmp_path / name
    path.write_bytes(content)
    before = project.snapshot()
    assert command(project, "import", str(path)) == 3
    assert capsys.readouterr().err == f"mentions import: error: {message}\n"
    assert project.snapshot() == before


# --- all or nothing --------------------------------------------------------------------


@pytest.fixture
def busy_sync(project, fake_api, token):
    """A first sync, then one that adds, updates, quarantines, saves an avatar and moves since_id."""
    assert command(project, "sync") == 0
    photo = fake_api.serve_photo("amara.png", "avatar.png", "image/png")
    next(e for e in fake_api.entries if e["wm-id"] == 101)["author"]["photo"] = photo
    next(e for e in fake_api.entries if e["wm-id"] == 105)["content"] = {"text": "Edited."}
    extra = copy.deepcopy(next(e for e in fake_api.entries if e["wm-id"] == 110))
    extra.update(
        {"wm-id": 120, "wm-target": "https://reconnect.example/keep-in-touch-on-a-schedule/"}
    )
    fake_api.entries += [extra, copy.deepcopy(BAD_ENTRY)]
    return project


def sync_writes(project) -> set[str]:
    before = project.snapshot()
    assert command(project, "sync", "--full", "--avatars") == 0
    after = project.snapshot()
    return {n for n in before.keys() | after.keys() if before.get(n) != after.get(n)}


def test_the_busy_sync_writes_five_files_at_once(busy_sync, new_project):
    assert sync_writes(busy_sync) == {
        "mentions/_rejected.json",
        "mentions/_state.json",
        "mentions/keep-in-touch-on-a-schedule.json",
        "mentions/reconnect-without-the-awkwardness.json",
        f"images/avatars/{next(busy_sync.avatars.iterdir()).name}",
    }


@pytest.mark.parametrize("failing", [1, 2, 3, 4, 5])
def test_a_failed_rename_at_any_file_leaves_every_byte_as_it_was(
    busy_sync, monkeypatch, capsys, failing
):
    before = busy_sync.snapshot()
    capsys.readouterr()
    fail_rename(monkeypatch, lambda call, _: call == failing)
    assert command(busy_sync, "sync", "--full", "--avatars") == 3
    assert busy_sync.snapshot() == before
    output = capsys.readouterr()
    # Nothing is reported as done when nothing was written.
    assert output.out.count("added") == 0
    assert output.err == "mentions sync: error: injected: disk full\n"
    assert not list(busy_sync.root.rglob(".*.tmp"))


@pytest.mark.parametrize(
    ("target", "name"),
    [
        (store, "article_bytes"),
        (quarantine, "text"),
        (store, "state_text"),
        (commands, "collect_avatars"),
    ],
)
def test_a_failure_while_preparing_any_file_leaves_every_byte_as_it_was(
    busy_sync, monkeypatch, target, name
):
    real = getattr(target, name)

    def broken(*args, **kwargs):
        result = real(*args, **kwargs)
        if isinstance(result, str):  # encoding it fails, as a lone surrogate would
            return result + "\ud800"
        raise ValueError("injected while preparing")

    monkeypatch.setattr(target, name, broken)
    before = busy_sync.snapshot()
    assert command(busy_sync, "sync", "--full", "--avatars") in (1, 3)
    assert busy_sync.snapshot() == before


def test_a_page_failing_after_others_leaves_every_byte_as_it_was(busy_sync, fake_api):
    fake_api.failures[2] = Response("no", status=502)
    before = busy_sync.snapshot()
    assert command(busy_sync, "sync", "--full", "--avatars") == 2
    assert busy_sync.snapshot() == before


def test_an_import_failing_at_its_second_file_leaves_every_byte_as_it_was(project, monkeypatch):
    path = FIXTURES / "quarantine" / "alias-needed.csv"
    before = project.snapshot()
    fail_rename(monkeypatch, lambda _, target: target.name == store.REJECTED_FILE)
    assert command(project, "import", str(path)) == 3
    assert project.snapshot() == before
