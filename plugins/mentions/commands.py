"""The `sync` and `import` commands: read, judge each record, then write everything or nothing.

A record that fails moderation is dropped; one that fails validation is
quarantined (one line, and an entry in `_rejected.json`); the rest is stored.
Every file the command changes (article files, `_state.json`,
`_rejected.json`, avatars, and any article file still holding old import
ids, see store.py) is prepared as bytes and read back first, then all are
written with `common.files.write_together`: a failure anywhere leaves the
store byte-for-byte as it was. Lines are printed after the write.

Sync reads webmention.io first, then the reactions to each article's
Bluesky and Mastodon posts (direct.py), then keeps one copy of what arrived
both ways; every answer is read before anything is written.
"""

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

from common.files import write_together
from syndication.posts import Post

from . import direct, quarantine, store
from .avatars import collect_avatars
from .downloads import api_fetcher, avatar_fetcher, direct_getter
from .importer import Row, read_rows, to_mention
from .model import Mention, format_time
from .moderation import Moderation
from .settings import MentionsSettings
from .sync import SyncError, fetch_entries, merge
from .targets import TargetResolver

Output = Callable[[str], None]


class CommandError(Exception):
    """The command cannot run or its input is unusable; nothing was written."""


@dataclass(frozen=True)
class Project:
    """What the commands need from the site's settings file."""

    store_dir: Path
    avatars_dir: Path
    site_url: str
    article_url: str
    slugs: frozenset[str]
    settings: MentionsSettings
    # slug -> network -> post, for direct collection (articles.syndicated_posts)
    posts: Mapping[str, Mapping[str, Post]] = field(default_factory=dict)


def _utc_now() -> datetime:
    return datetime.now(UTC)


def run_sync(
    project: Project,
    token: str,
    *,
    full: bool,
    avatars: bool,
    out: Output,
    sleep: Callable[[float], None] = time.sleep,
    now: Callable[[], datetime] = _utc_now,
) -> None:
    """Fetch from webmention.io and the syndicated posts, and update the store.

    See README "Mentions" and "Direct collection". `sleep` and `now` are
    what a rate limit waits with and what dates a reaction first seen.
    """
    settings = project.settings
    domain = settings.domain or urlsplit(project.site_url).hostname
    if not domain:
        raise CommandError("no webmention.io domain: set MENTIONS['domain'] or SITEURL")
    loaded = _load(project)
    current, lines = loaded.current, list(loaded.warnings)
    stored_since_id = store.load_since_id(project.store_dir)
    fetched = fetch_entries(
        api_fetcher(settings),
        settings.api_url,
        domain=domain,
        token=token,
        since_id=None if full else stored_since_id,
        per_page=settings.per_page,
        max_pages=settings.max_pages,
        max_text=settings.max_text,
        moderation=loaded.moderation,
    )
    stored = sum(m.origin == "webmention.io" for ms in current.values() for m in ms)
    answered = fetched.entries or fetched.rejected or fetched.blocked
    if full and not answered and stored:
        raise SyncError(
            f"the API returned no mentions at all but the store has {stored}: "
            f"refusing to delete them (is the domain {domain!r} right?)"
        )
    updated, report = merge(
        current,
        fetched.entries,
        resolver=loaded.resolver,
        known_slugs=set(project.slugs),
        full=full,
        unreadable={r.id.replace("wm-id ", "wmio:", 1) for r in fetched.rejected},
    )
    collected = direct.Collected()
    if settings.collect_direct and project.posts:
        get = direct_getter(settings, sleep=sleep, clock=now)
        collected = direct.collect(
            project.posts, current, get, settings=settings, moderation=loaded.moderation, now=now()
        )
        updated = direct.merge(updated, collected.posts, full=full)
        lines += collected.lines
    updated, bridged = direct.drop_bridged(updated)
    if bridged:
        lines.append(f"dropped {bridged} webmention.io copy(ies) of directly read reactions")
    held = _hold_back(loaded, updated, "webmention.io")
    files: dict[Path, bytes | None] = {}
    if avatars:
        result = collect_avatars(
            updated,
            project.avatars_dir,
            avatar_fetcher(settings),
            max_side=settings.avatar_max_side,
        )
        updated = result.store
        files.update((project.avatars_dir / name, data) for name, data in result.files.items())
        lines += [f"skipped {problem}" for problem in result.problems]
    for target in report.unknown_targets:
        lines.append(
            f"unknown target, not stored: {target} (add it to {store.ALIASES_FILE}, then --full)"
        )
    report.skipped["blocked"] += fetched.blocked + collected.blocked
    lines += [
        f"dropped {n} {reason} mention(s)" for reason, n in sorted(report.skipped.items()) if n
    ]
    cleared = {("webmention.io", name) for name in fetched.cleared} | collected.cleared
    new = fetched.rejected + collected.rejected + held
    lines += _quarantine(project, loaded.rejected, new, cleared, files)
    if fetched.since_id is not None:
        text = store.state_text(max(fetched.since_id, stored_since_id or 0))
        files[project.store_dir / store.STATE_FILE] = text.encode("utf-8")
    _write(project, loaded, updated, files, lines, out)


def run_import(project: Project, path: Path, *, out: Output) -> None:
    """Add the archived posts in `path` (JSON or CSV, see importer.py) to the store."""
    loaded = _load(project)
    current, lines = loaded.current, list(loaded.warnings)
    try:
        rows = read_rows(path.read_bytes(), path.name)
    except OSError as error:
        raise CommandError(f"{path}: cannot read: {error.strerror or error}") from None
    except ValueError as error:
        raise CommandError(str(error)) from None
    updated = {slug: list(mentions) for slug, mentions in current.items()}
    blocked = 0
    new: list[quarantine.Rejection] = []
    cleared: set[tuple[str, str]] = set()
    for row in rows:
        name = _row_name(row)
        if _row_blocked(row.value, loaded.moderation):
            blocked += 1
            cleared.add(("import", name))
            continue
        try:
            slug, mention = _imported(row, project, loaded.resolver)
        except (ValueError, OverflowError, RecursionError) as error:
            new.append(_row_rejection(row, name, str(error)))
            continue
        except Exception as error:  # one post must never stop the others
            new.append(_row_rejection(row, name, f"unexpected {type(error).__name__}"))
            continue
        cleared.add(("import", name))
        # Ids are unique per article: one post may mention several articles.
        others = [m for m in updated.get(slug, []) if m.id != mention.id]
        updated[slug] = [*others, mention]
    if blocked:
        lines.append(f"dropped {blocked} blocked post(s)")
    new += _hold_back(loaded, updated, "import")
    files: dict[Path, bytes | None] = {}
    lines += _quarantine(project, loaded.rejected, new, cleared, files)
    _write(project, loaded, updated, files, lines, out)


def _imported(row: Row, project: Project, resolver: TargetResolver) -> tuple[str, Mention]:
    if row.problem:
        raise ValueError(row.problem)
    target, mention = to_mention(row.value, row.where, project.settings.max_text)
    slug = resolver.slug_for(target)
    if slug not in project.slugs:
        raise ValueError(
            f"{row.where}.target: {target!r} is not an article URL (add it to {store.ALIASES_FILE})"
        )
    store.check_storable(mention, row.where)
    return slug, mention


def _row_name(row: Row) -> str:
    """An imported post is named by its URL when it has one, else by its row."""
    url = row.value.get("url") if isinstance(row.value, dict) else None
    return url.strip() if isinstance(url, str) and url.strip() else row.where


def _row_blocked(value: object, moderation: Moderation) -> bool:
    if not isinstance(value, dict):
        return False
    return moderation.blocks_raw(
        sources=(value.get("url"),),
        author_urls=(value.get("author_url"),),
        author_names=(value.get("author"), value.get("handle")),
    )


def _row_rejection(row: Row, name: str, reason: str) -> quarantine.Rejection:
    date = row.value.get("date") if isinstance(row.value, dict) else None
    if name == row.where:  # named by its row already
        reason = reason.removeprefix(f"{row.where}: ")
    return quarantine.rejection("import", name, reason, date, row.excerpt)


@dataclass(frozen=True)
class _Store:
    """What the commands read before judging anything."""

    current: dict[str, list[Mention]]
    broken: dict[str, str]  # slug -> why its file cannot be read; the file is left alone
    migrated: frozenset[str]  # slugs whose file holds old import ids: written again
    resolver: TargetResolver
    moderation: Moderation
    rejected: list[quarantine.Rejection]
    warnings: list[str]


def _load(project: Project) -> _Store:
    directory = project.store_dir
    aliases = store.load_aliases(directory)
    resolver = TargetResolver(project.site_url, project.article_url, aliases)
    moderation = store.load_moderation(directory)
    current, broken, migrated = store.load_readable(directory)
    rejected, warning = quarantine.load(directory / store.REJECTED_FILE)
    warnings = [f"warning: {reason}; the file is left as it is" for reason in broken.values()]
    return _Store(
        current,
        broken,
        migrated,
        resolver,
        moderation,
        rejected,
        warnings + [warning] * bool(warning),
    )


def _hold_back(
    loaded: _Store, updated: dict[str, list[Mention]], origin: str
) -> list[quarantine.Rejection]:
    """Quarantine the new mentions of articles whose file cannot be read (never rewritten).

    `origin` is the command's ("import" or "webmention.io" for sync); a
    directly read reaction is quarantined under its own origin.
    """
    held = []
    for slug in loaded.broken:
        for mention in updated.pop(slug, []):
            name = mention.url if origin == "import" else mention.id.replace("wmio:", "wm-id ", 1)
            again = "import again" if origin == "import" else "run sync --full"
            reason = f"the mentions file of {slug!r} cannot be read: fix it, then {again}"
            where = mention.origin if mention.origin in direct.NETWORKS else origin
            held.append(
                quarantine.rejection(where, name, reason, format_time(mention.published), "")
            )
    return held


def _quarantine(
    project: Project,
    entries: list[quarantine.Rejection],
    new: list[quarantine.Rejection],
    cleared: set[tuple[str, str]],
    files: dict[Path, bytes | None],
) -> list[str]:
    """Record `new` in the rejected file (prepared into `files`); its lines."""
    result = quarantine.updated(entries, new, cleared)
    files[project.store_dir / store.REJECTED_FILE] = (
        quarantine.text(result).encode("utf-8") if result else None
    )
    return [entry.line() for entry in new]


def _write(
    project: Project,
    loaded: _Store,
    after: dict[str, list[Mention]],
    files: dict[Path, bytes | None],
    lines: list[str],
    out: Output,
) -> None:
    """Prepare the changed and the migrated article files, write everything at once, then report."""
    changes = store.diff(loaded.current, after)
    for slug, counts in changes.items():
        files[project.store_dir / f"{slug}.json"] = store.article_bytes(after.get(slug, []))
        lines.append(
            f"{slug}: {counts['added']} added, {counts['updated']} updated, "
            f"{counts['removed']} removed"
        )
    for slug in sorted(loaded.migrated - changes.keys()):
        files[project.store_dir / f"{slug}.json"] = store.article_bytes(after.get(slug, []))
        lines.append(f"{slug}: old import ids rewritten")
    if not changes and not loaded.migrated:
        lines.append("no changes")
    write_together(files)
    for line in lines:
        out(line)
