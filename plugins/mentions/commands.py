"""The `sync` and `import` commands: read, merge, then write only what changed.

Everything that can fail (settings, local files, every API page, every
imported row) is checked before the first write, so a failed command leaves
the store byte-for-byte as it was.
"""

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from . import store
from .avatars import collect_avatars
from .downloads import api_fetcher, avatar_fetcher
from .importer import read_rows, to_mention
from .model import Mention
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


def run_sync(project: Project, token: str, *, full: bool, avatars: bool, out: Output) -> None:
    """Fetch from webmention.io and update the store (see README "Mentions")."""
    settings = project.settings
    domain = settings.domain or urlsplit(project.site_url).hostname
    if not domain:
        raise CommandError("no webmention.io domain: set MENTIONS['domain'] or SITEURL")
    current, resolver, moderation = _load(project)
    stored_since_id = store.load_since_id(project.store_dir)
    since_id = None if full else stored_since_id
    entries = fetch_entries(
        api_fetcher(settings),
        settings.api_url,
        domain=domain,
        token=token,
        since_id=since_id,
        per_page=settings.per_page,
        max_pages=settings.max_pages,
        max_text=settings.max_text,
    )
    stored = sum(m.origin == "webmention.io" for ms in current.values() for m in ms)
    if full and not entries and stored:
        raise SyncError(
            f"the API returned no mentions at all but the store has {stored}: "
            f"refusing to delete them (is the domain {domain!r} right?)"
        )
    updated, report = merge(
        current,
        entries,
        resolver=resolver,
        known_slugs=set(project.slugs),
        moderation=moderation,
        full=full,
    )
    files: dict[str, bytes] = {}
    if avatars:
        result = collect_avatars(
            updated,
            project.avatars_dir,
            avatar_fetcher(settings),
            max_side=settings.avatar_max_side,
        )
        updated, files = result.store, result.files
        for problem in result.problems:
            out(f"skipped {problem}")
    for target in report.unknown_targets:
        out(f"unknown target, not stored: {target} (add it to {store.ALIASES_FILE}, then --full)")
    for reason, count in sorted(report.skipped.items()):
        out(f"dropped {count} {reason} mention(s)")
    for name, data in sorted(files.items()):
        store.write_atomic(project.avatars_dir / name, data)
    _write(project, current, updated, out)
    if report.since_id is not None:
        text = store.state_text(max(report.since_id, stored_since_id or 0))
        store.write_atomic(project.store_dir / store.STATE_FILE, text.encode("utf-8"))


def run_import(project: Project, path: Path, *, out: Output) -> None:
    """Add the archived posts in `path` (JSON or CSV, see importer.py) to the store."""
    current, resolver, moderation = _load(project)
    try:
        rows = read_rows(path.read_text(encoding="utf-8"), path.name)
    except (OSError, UnicodeDecodeError) as error:
        raise CommandError(f"{path}: cannot read: {error}") from None
    except ValueError as error:
        raise CommandError(str(error)) from None
    updated = {slug: list(mentions) for slug, mentions in current.items()}
    blocked = 0
    for number, row in enumerate(rows, start=1):
        where = f"{path.name} row {number}"
        try:
            target, mention = to_mention(row, where, project.settings.max_text)
        except ValueError as error:
            raise CommandError(str(error)) from None
        slug = resolver.slug_for(target)
        if slug not in project.slugs:
            raise CommandError(
                f"{where}.target: {target!r} is not an article URL (add it to {store.ALIASES_FILE})"
            )
        if moderation.blocks(mention):
            blocked += 1
            continue
        # Ids are unique per article: one post may mention several articles.
        others = [m for m in updated.get(slug, []) if m.id != mention.id]
        updated[slug] = [*others, mention]
    if blocked:
        out(f"dropped {blocked} blocked post(s)")
    _write(project, current, updated, out)


def _load(
    project: Project,
) -> tuple[dict[str, list[Mention]], TargetResolver, Moderation]:
    directory = project.store_dir
    aliases = store.load_aliases(directory)
    resolver = TargetResolver(project.site_url, project.article_url, aliases)
    return store.load_all(directory), resolver, store.load_moderation(directory)


def _write(
    project: Project,
    before: dict[str, list[Mention]],
    after: dict[str, list[Mention]],
    out: Output,
) -> None:
    changes = store.diff(before, after)
    for slug, counts in changes.items():
        store.save_article(project.store_dir, slug, after.get(slug, []))
        out(
            f"{slug}: {counts['added']} added, {counts['updated']} updated, "
            f"{counts['removed']} removed"
        )
    if not changes:
        out("no changes")
