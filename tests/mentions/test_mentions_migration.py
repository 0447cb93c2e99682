"""Every command writes files still holding old import ids with the new ids, once.

A file whose only difference is its old ids (`import:<network>:<key>`) is
written by the next sync or import in the same all-or-nothing write as the
rest; the command after that finds nothing to write.
"""

from pathlib import Path

import pytest
from mentions.cli import main
from werkzeug import Response

from tests.mentions.old_ids import written_before_the_migration

POSTS = Path(__file__).parent / "fixtures" / "import" / "posts.json"
COMMANDS = {"sync": ["sync"], "import": ["import", str(POSTS)]}


def run(project, command: str) -> int:
    return main(["--settings", str(project.settings), *COMMANDS[command]])


@pytest.mark.parametrize("command", COMMANDS)
def test_a_command_bringing_nothing_new_writes_the_migrated_files_once(
    project, fake_api, token, capsys, command
):
    assert run(project, command) == 0
    current = project.snapshot()
    old = written_before_the_migration(project.store)
    assert old, "the store must hold imported mentions for this test to mean anything"
    capsys.readouterr()

    assert run(project, command) == 0
    # The same bytes as a store written with the new ids from the start.
    assert project.snapshot() == current
    lines = capsys.readouterr().out.splitlines()
    assert sorted(line for line in lines if "old import ids" in line) == [
        f"{Path(name).stem}: old import ids rewritten" for name in sorted(old)
    ]
    assert "no changes" not in lines

    times = {p: p.stat().st_mtime_ns for p in project.store.iterdir()}
    assert run(project, command) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "no changes"
    assert {p: p.stat().st_mtime_ns for p in project.store.iterdir()} == times


def test_a_failed_sync_leaves_the_old_ids_as_they_were(project, fake_api, token, capsys):
    assert run(project, "sync") == 0
    written_before_the_migration(project.store)
    before = project.snapshot()
    fake_api.failures[0] = Response("upstream down", status=500)
    assert run(project, "sync") == 2
    assert project.snapshot() == before
    assert capsys.readouterr().err.startswith("mentions sync: error: ")
