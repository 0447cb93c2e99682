"""A store with old import ids (`import:twitter:…`) builds the same site as the migrated store.

Old ids are migrated as the store is read (mentions/store.py); a command that
rewrites a file writes the new ids. Both stores must give the same pages and
feeds, byte for byte: persisting the migration changes nothing a reader sees.
"""

import shutil

from mentions import store

from tests.mentions.old_ids import written_before_the_migration
from tests.site.test_mentions_render import DEMO_STORE, build_with_store


def test_persisting_the_id_migration_changes_no_built_file(tmp_path):
    old, migrated = tmp_path / "old", tmp_path / "migrated"
    shutil.copytree(DEMO_STORE, old)
    written_before_the_migration(old)
    shutil.copytree(old, migrated)
    for path in store.article_paths(migrated).values():
        path.write_bytes(store.article_bytes(store.load_article(path)))
    slug = "reconnect-without-the-awkwardness.json"
    assert '"import:twitter:1879000000000000101"' in (old / slug).read_text()
    assert '"import:1879000000000000101"' in (migrated / slug).read_text()
    before, after = tmp_path / "before", tmp_path / "after"
    build_with_store(before, old)
    build_with_store(after, migrated)
    files = sorted(p.relative_to(before) for p in before.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(after) for p in after.rglob("*") if p.is_file())
    for name in files:
        assert (before / name).read_bytes() == (after / name).read_bytes(), name
