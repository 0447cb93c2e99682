"""`python -m mentions import FILE`: archived social posts (Twitter era) into the store."""

import re
from pathlib import Path

import pytest
from mentions.cli import main
from mentions.importer import profile_url

IMPORTS = Path(__file__).parent / "fixtures" / "import"


def run_import(project, name: str) -> int:
    return main(["--settings", str(project.settings), "import", str(IMPORTS / name)])


def test_json_import_normalises_archived_posts(project):
    assert run_import(project, "posts.json") == 0
    mentions = {m["id"]: m for m in project.read("reconnect-without-the-awkwardness")["mentions"]}
    # Twitter ids keep the status number; other networks get a hash of the post URL.
    ids = sorted(mentions)
    assert ids[1:] == ["import:twitter:1879000000000000101", "import:twitter:1879000000000000177"]
    assert re.fullmatch(r"import:mastodon:[0-9a-f]{16}", ids[0])
    priya = mentions["import:twitter:1879000000000000101"]
    assert priya["author_url"] == "https://twitter.com/priyaraman"
    assert priya["published"] == "2026-01-14T15:02:11Z"
    assert priya["origin"] == "import" and priya["kind"] == "mention"
    assert priya["network"] == "twitter" and priya["received"] is None
    jonah = mentions["import:twitter:1879000000000000177"]
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
    ("name", "message"),
    [
        (
            "bad-date.csv",
            "bad-date.csv row 2.date: 'last Tuesday' is not an ISO 8601 or Twitter date",
        ),
        ("unknown-target.json", "unknown-target.json row 2.target: "),
        ("javascript-url.json", "javascript-url.json row 1.url: expected an http(s) URL"),
    ],
)
def test_a_bad_row_stops_the_import_before_anything_is_written(project, capsys, name, message):
    before = project.snapshot()
    assert run_import(project, name) == 3
    assert project.snapshot() == before
    error = capsys.readouterr().err.strip()
    assert error.startswith(f"mentions import: error: {message}")
    assert len(error.splitlines()) == 1


@pytest.mark.parametrize(
    ("handle", "network", "expected"),
    [
        ("@dana", "twitter", "https://twitter.com/dana"),
        ("dana.bsky.social", "bluesky", "https://bsky.app/profile/dana.bsky.social"),
        ("@dana@Social.Example", "mastodon", "https://social.example/@dana"),
        ("@dana", "web", None),
        ("<script>", "twitter", None),
    ],
)
def test_profile_links_follow_from_handles(handle, network, expected):
    assert profile_url(handle, network) == expected
