"""What an upload decides to send, keep and delete (no store needed)."""

import hashlib
from datetime import UTC, datetime, timedelta
from pathlib import Path

from publish_assets.s3 import GRACE, LocalFile, RemoteObject, make_plan

NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)


def local(key, body=b"x"):
    return LocalFile(key, Path(key), hashlib.md5(body).hexdigest())


def remote(key, body=b"x", age=timedelta(days=30)):
    return RemoteObject(key, hashlib.md5(body).hexdigest(), NOW - age)


def test_only_new_and_changed_files_are_sent():
    plan = make_plan(
        [local("index.html"), local("about/index.html", b"new"), local("feeds/all.json")],
        [remote("index.html"), remote("about/index.html", b"old")],
        NOW,
    )
    assert [item.key for item in plan.upload] == ["feeds/all.json", "about/index.html"]
    assert plan.unchanged == 1


def test_force_sends_unchanged_files_too():
    plan = make_plan([local("index.html")], [remote("index.html")], NOW, force=True)
    assert [item.key for item in plan.upload] == ["index.html"]


def test_pages_and_their_copies_go_last():
    keys = ["a/index.html", "a/index.html.br", "theme/css/main.0a1b2c3d4e.css", "feeds/all.json"]
    plan = make_plan([local(k) for k in keys], [], NOW)
    assert [item.key for item in plan.upload] == [
        "feeds/all.json", "theme/css/main.0a1b2c3d4e.css", "a/index.html", "a/index.html.br",
    ]  # fmt: skip


def test_old_objects_go_but_young_fingerprinted_assets_stay_for_the_grace_period():
    young = GRACE - timedelta(hours=1)
    plan = make_plan(
        [local("index.html")],
        [
            remote("index.html"),
            remote("gone/index.html", age=timedelta(minutes=5)),
            remote("theme/css/main.1111111111.css", age=young),
            remote("theme/css/main.1111111111.css.br", age=young),
            remote("theme/css/main.2222222222.css", age=GRACE + timedelta(hours=1)),
        ],
        NOW,
    )
    assert plan.delete == ["gone/index.html", "theme/css/main.2222222222.css"]
    assert plan.kept == ["theme/css/main.1111111111.css", "theme/css/main.1111111111.css.br"]
