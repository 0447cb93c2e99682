"""A plugin's cache between builds follows Pelican's content cache settings."""

from common.build_cache import BuildCache, source_digest


def _settings(tmp_path, **changes):
    return {
        "CACHE_PATH": str(tmp_path),
        "CACHE_CONTENT": True,
        "LOAD_CONTENT_CACHE": True,
        **changes,
    }


def test_the_next_build_finds_what_the_last_one_saved(tmp_path):
    BuildCache(_settings(tmp_path), "x.pickle", 1).save({"a": 1})
    assert BuildCache(_settings(tmp_path), "x.pickle", 1).previous == {"a": 1}


def test_another_version_or_an_unreadable_file_counts_as_empty(tmp_path):
    BuildCache(_settings(tmp_path), "x.pickle", 1).save({"a": 1})
    assert BuildCache(_settings(tmp_path), "x.pickle", 2).previous == {}
    (tmp_path / "x.pickle").write_bytes(b"not a pickle")
    assert BuildCache(_settings(tmp_path), "x.pickle", 1).previous == {}


def test_without_the_content_cache_nothing_is_read_or_written(tmp_path):
    BuildCache(_settings(tmp_path), "x.pickle", 1).save({"a": 1})
    assert BuildCache(_settings(tmp_path, LOAD_CONTENT_CACHE=False), "x.pickle", 1).previous == {}
    off = BuildCache(_settings(tmp_path, CACHE_CONTENT=False), "y.pickle", 1)
    off.save({"b": 2})
    assert not off.enabled and not (tmp_path / "y.pickle").exists()


def test_the_source_digest_changes_with_any_python_file(tmp_path):
    (tmp_path / "a.py").write_text("A = 1\n")
    before = source_digest([tmp_path], "v1")
    assert source_digest([tmp_path], "v1") == before
    assert source_digest([tmp_path], "v2") != before
    (tmp_path / "a.py").write_text("A = 2\n")
    assert source_digest([tmp_path], "v1") != before
