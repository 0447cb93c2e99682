import os

import pytest
from common import files
from common.files import canonical_json, write_atomic, write_if_changed, write_together


def test_canonical_json_is_sorted_indented_and_keeps_unicode():
    assert canonical_json({"b": 1, "a": "Zoë"}) == '{\n  "a": "Zoë",\n  "b": 1\n}\n'


def test_write_atomic_reports_change_and_leaves_equal_bytes_untouched(tmp_path):
    path = tmp_path / "deep" / "file.json"
    assert write_atomic(path, b"one") is True
    stamp = path.stat().st_mtime_ns
    assert write_atomic(path, b"one") is False
    assert path.stat().st_mtime_ns == stamp
    assert [p.name for p in path.parent.iterdir()] == ["file.json"]


def test_write_atomic_sets_the_mode(tmp_path):
    path = tmp_path / "example.ics"
    write_atomic(path, b"x", mode=0o644)
    assert path.stat().st_mode & 0o777 == 0o644


def test_write_together_writes_and_removes(tmp_path):
    keep, gone, new = tmp_path / "keep", tmp_path / "gone", tmp_path / "new"
    keep.write_bytes(b"same")
    gone.write_bytes(b"old")
    changed = write_together({keep: b"same", gone: None, new: b"fresh"})
    assert changed == sorted([gone, new])
    assert keep.read_bytes() == b"same" and new.read_bytes() == b"fresh"
    assert not gone.exists()


def test_a_failure_half_way_restores_every_file(tmp_path, monkeypatch):
    first, second, third = (tmp_path / name for name in ("a", "b", "c"))
    first.write_bytes(b"first before")
    third.write_bytes(b"third before")
    real_replace = os.replace
    calls = []

    def failing_replace(source, destination):
        calls.append(destination)
        if len(calls) == 2:
            raise OSError("disk full")
        real_replace(source, destination)

    monkeypatch.setattr(files.os, "replace", failing_replace)
    with pytest.raises(OSError, match="disk full"):
        write_together({first: b"first after", second: b"second after", third: None})
    assert first.read_bytes() == b"first before"
    assert not second.exists()
    assert third.read_bytes() == b"third before"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a", "c"]


def test_a_failure_while_preparing_writes_nothing(tmp_path):
    path = tmp_path / "a"
    path.write_bytes(b"before")
    blocker = tmp_path / "file"
    blocker.write_bytes(b"")
    with pytest.raises(OSError):
        write_together({path: b"after", blocker / "child": b"x"})
    assert path.read_bytes() == b"before"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a", "file"]


def test_write_if_changed_keeps_a_file_with_the_same_bytes_and_its_time(tmp_path):
    path = tmp_path / "page.html"
    assert write_if_changed(path, b"<p>one</p>") is True
    os.utime(path, ns=(1_000_000_000, 1_000_000_000))
    assert write_if_changed(path, b"<p>one</p>") is False
    assert path.stat().st_mtime_ns == 1_000_000_000
    assert write_if_changed(path, b"<p>two</p>") is True
    assert path.read_bytes() == b"<p>two</p>"
    assert path.stat().st_mtime_ns != 1_000_000_000
