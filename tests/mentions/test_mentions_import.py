"""`python -m mentions import FILE`: archived social posts (Twitter era) into the store."""

import json
import re
from pathlib import Path

import pytest
from mentions.cli import main

IMPORTS = Path(__file__).parent / "fixtures" / "import"
MIGRATION = Path(__file__).parent / "fixtures" / "migration"


def run_import(project, name: str) -> int:
    return main(["--settings", str(project.settings), "import", str(IMPORTS / name)])


def test_json_import_normalises_archived_posts(project):
    assert run_import(project, "posts.json") == 0
    mentions = {m["id"]: m for m in project.read("reconnect-without-the-awkwardness")["mentions"]}
    # Twitter ids keep the status number; other networks get a hash of the post URL.
    tweets = {"import:1879000000000000101", "import:1879000000000000177"}
    assert tweets < set(mentions)
    (other,) = set(mentions) - tweets
    assert re.fullmatch(r"import:[0-9a-f]{16}", other)
    priya = mentions["import:1879000000000000101"]
    assert priya["author_url"] == "https://twitter.com/priyaraman"
    assert priya["published"] == "2026-01-14T15:02:11Z"
    assert priya["origin"] == "import" and priya["kind"] == "mention"
    assert priya["network"] == "twitter" and priya["received"] is None
    jonah = mentions["import:1879000000000000177"]
    assert (jonah["author_name"], jonah["kind"], jonah["text"]) == ("@jwhitfield", "repost", None)
    assert jonah["published"] == "2026-01-14T15:40:03Z"
    amara = next(m for m in mentions.values() if m["network"] == "mastodon")
    assert amara["author_url"] == "https://mastodon.example/@amara"
    assert amara["author_photo"] == "https://mastodon.example/avatars/amara.png"


def test_csv_and_json_imports_store_the_same_bytes(project, new_project):
    other = new_project("other")
    assert run_import(project, "posts.json") == 0
    assert run_import(other, "posts.csv") == 0
    assert project.snapshot() == other.snapshot()


def test_importing_the_same_file_again_changes_nothing(project, capsys):
    run_import(project, "posts.json")
    before = project.snapshot()
    capsys.readouterr()
    assert run_import(project, "posts.json") == 0
    assert project.snapshot() == before
    assert capsys.readouterr().out.strip().endswith("no changes")


@pytest.mark.parametrize(
    ("name", "line", "kept"),
    [
        (
            "bad-date.csv",
            "quarantined https://twitter.com/jwhitfield/status/2: "
            "bad-date.csv row 2.date: 'last Tuesday' is not an ISO 8601 or Twitter date",
            1,
        ),
        (
            "unknown-target.json",
            "quarantined https://twitter.com/lost/status/2: unknown-target.json row 2.target: "
            "'https://reconnect.example/no-such-article/' is not an article URL",
            1,
        ),
        (
            "javascript-url.json",
            "quarantined javascript:alert(1): javascript-url.json row 1.url: "
            "expected an http(s) URL",
            0,
        ),
    ],
)
def test_a_bad_row_is_quarantined_with_one_line_and_the_others_are_stored(
    project, capsys, name, line, kept
):
    assert run_import(project, name) == 0
    out = capsys.readouterr().out
    assert [x for x in out.splitlines() if x.startswith("quarantined ")] == [
        x for x in out.splitlines() if line in x
    ]
    assert len([x for x in out.splitlines() if x.startswith(line)]) == 1
    stored = project.read("reconnect-without-the-awkwardness")["mentions"] if kept else []
    assert [m["author_name"] for m in stored] == ["Priya Raman"][:kept]
    rejected = json.loads((project.store / "_rejected.json").read_text(encoding="utf-8"))
    [entry] = rejected["rejected"]
    assert entry["origin"] == "import" and line.startswith(f"quarantined {entry['id']}: ")
    # The same import again reports it again and writes the same bytes.
    before = project.snapshot()
    assert run_import(project, name) == 0
    assert project.snapshot() == before


def test_a_reimport_after_a_new_network_is_recognised_keeps_one_copy(project, capsys):
    """A store written when LinkedIn posts were "web" (`import:web:<key>`), imported again."""
    old = json.loads((MIGRATION / "duplicate-pair.json").read_text(encoding="utf-8"))
    old["mentions"] = [m for m in old["mentions"] if m["network"] != "linkedin"]
    (project.store / "reconnect-without-the-awkwardness.json").write_text(json.dumps(old))
    assert (
        main(["--settings", str(project.settings), "import", str(MIGRATION / "linkedin-post.json")])
        == 0
    )
    assert capsys.readouterr().out.splitlines()[-1] == (
        "reconnect-without-the-awkwardness: 0 added, 1 updated, 0 removed"
    )
    mentions = project.read("reconnect-without-the-awkwardness")["mentions"]
    # One record of the post, now on LinkedIn; the untouched tweet is written with its new id.
    assert [(m["id"], m["network"]) for m in mentions] == [
        ("import:1879000000000000999", "twitter"),
        ("import:a9e7f4d557a0e1ae", "linkedin"),
        ("manual:alumni-newsletter", "web"),
    ]
    assert mentions[1]["author_url"] == "https://www.linkedin.com/in/dana-okafor"
    written = project.snapshot()
    assert (
        main(["--settings", str(project.settings), "import", str(MIGRATION / "linkedin-post.json")])
        == 0
    )
    assert project.snapshot() == written
