"""The mentions directory: one JSON file per article plus `_`-prefixed side files.

Files are written deterministically (sorted keys and entries, two-space
indent, trailing newline). The commands prepare every file's bytes here and
hand them to `common.files.write_together`, which writes all of them or none,
and only those whose bytes change, so a sync that finds nothing new leaves
every file untouched (once any old ids below are written anew).

Old import ids are migrated as they are read. Before December 2026 an
imported post's id named its network (`import:twitter:123`), so a re-import
after a new network was recognised stored a second copy. Reading a file
(the build and every command) now gives such a record its current id,
`model.import_id` of its URL (`import:123`); two records that become one id
collapse into one, chosen by `_preferred` whatever their order in the file.
Every command (sync, import) writes each such file with the new ids, in
the same all-or-nothing write as its other changes, even when nothing
else in it changed; the next command finds nothing left to migrate.
"""

import io
import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import NamedTuple

from common.files import canonical_json as dumps

from .model import Mention, from_record, import_id, to_record
from .moderation import Moderation, parse_moderation
from .networks import WEB, network_for
from .targets import parse_aliases

SCHEMA = 1
MODERATION_FILE = "_moderation.json"
ALIASES_FILE = "_aliases.json"
STATE_FILE = "_state.json"
REJECTED_FILE = "_rejected.json"


class Readable(NamedTuple):
    """What `load_readable` found in the mentions directory."""

    mentions: dict[str, list[Mention]]  # slug -> its mentions, old ids migrated
    broken: dict[str, str]  # slug -> why its file cannot be read
    migrated: frozenset[str]  # slugs whose file still holds old import ids


class StoreError(ValueError):
    """A store file is unreadable or invalid; the message names the file and field."""


def read_json(path: Path) -> object:
    """Parse the JSON file at `path`, raising StoreError with the file and line on failure."""
    return parse_json(read_bytes(path), path)


def read_bytes(path: Path) -> bytes:
    """The bytes of the store file at `path`; StoreError naming it when it cannot be read."""
    try:
        return path.read_bytes()
    except OSError as error:
        raise StoreError(f"{path}: cannot read: {error}") from None


def parse_json(data: bytes, path: Path) -> object:
    """Parse the bytes read from `path` as `read_json` does, with the same messages."""
    try:
        # Decoded as Path.read_text decodes a file (newlines too), so a message
        # names the same line and position whichever way the bytes were read.
        return json.loads(io.TextIOWrapper(io.BytesIO(data), encoding="utf-8").read())
    except json.JSONDecodeError as error:
        raise StoreError(f"{path}: invalid JSON at line {error.lineno}: {error.msg}") from None
    except UnicodeDecodeError as error:
        raise StoreError(f"{path}: cannot read: {error}") from None
    except (ValueError, RecursionError):  # a number too long for Python, nesting too deep
        raise StoreError(f"{path}: invalid JSON: a value Python cannot read") from None


def sort_mentions(mentions: Iterable[Mention]) -> list[Mention]:
    """Oldest first, ties broken by id: the order of every file and every page."""
    return sorted(mentions, key=lambda m: (m.published, m.id))


def article_text(mentions: Iterable[Mention]) -> str:
    """The text of one article's mentions file."""
    records = [to_record(m) for m in sort_mentions(mentions)]
    return dumps({"schema": SCHEMA, "mentions": records})


def article_paths(directory: Path) -> dict[str, Path]:
    """Article slug -> mentions file, for every `*.json` not starting with `_` or `.`."""
    if not directory.is_dir():
        return {}
    return {
        path.stem: path
        for path in sorted(directory.glob("*.json"))
        if not path.name.startswith(("_", "."))
    }


def load_article(path: Path) -> list[Mention]:
    """Read and validate one article's mentions file."""
    return parse_article(read_json(path), path)


def parse_article(data: object, path: Path) -> list[Mention]:
    """Validate the JSON of one article's mentions file; StoreError names `path` and the field."""
    return migrate_ids(_parse_records(data, path))


def _parse_records(data: object, path: Path) -> list[Mention]:
    """The mentions of one file as written, old import ids and all."""
    if not isinstance(data, dict) or set(data) != {"schema", "mentions"}:
        raise StoreError(f'{path}: expected an object with "schema" and "mentions"')
    if data["schema"] != SCHEMA:
        raise StoreError(f"{path}: schema {data['schema']!r} is not {SCHEMA}")
    if not isinstance(data["mentions"], list):
        raise StoreError(f"{path}: mentions: expected a list")
    mentions = []
    seen = set()
    for index, record in enumerate(data["mentions"]):
        try:
            mention = from_record(record, f"mentions[{index}]")
        except ValueError as error:
            raise StoreError(f"{path}: {error}") from None
        if mention.id in seen:
            raise StoreError(f"{path}: mentions[{index}].id: duplicate id {mention.id!r}")
        seen.add(mention.id)
        mentions.append(mention)
    return mentions


def migrate_ids(mentions: Iterable[Mention]) -> list[Mention]:
    """`mentions` with old import ids (`import:<network>:<key>`) made current, one per id.

    An id that holds a second colon after `import:` is an old one: current
    keys (a tweet number, a hex hash) have none.
    """
    by_id: dict[str, Mention] = {}
    for mention in mentions:
        if mention.origin == "import" and mention.id.count(":") > 1:
            mention = replace(mention, id=import_id(mention.url))
        other = by_id.get(mention.id)
        by_id[mention.id] = mention if other is None else _preferred(mention, other)
    return list(by_id.values())


def _preferred(one: Mention, other: Mention) -> Mention:
    """Of two stored records of one imported post, the one a re-import today would resemble most.

    First the one whose network is what its URL is recognised as now (the
    later import, once a new network is known), then one naming a network at
    all, then the one knowing more fields, then the greater record text: the
    choice never depends on the order in the file.
    """

    def rank(mention: Mention) -> tuple:
        record = to_record(mention)
        return (
            mention.network == network_for(mention.url),
            mention.network != WEB,
            sum(value is not None for value in record.values()),
            dumps(record),
        )

    return max(one, other, key=rank)


def load_all(directory: Path) -> dict[str, list[Mention]]:
    """Every article's mentions, keyed by slug."""
    return {slug: load_article(path) for slug, path in article_paths(directory).items()}


def load_readable(directory: Path) -> Readable:
    """Every article's mentions that can be read, why each other file cannot, and which hold old ids.

    The commands use this so that one broken file (hand-edited, or written by
    an older version) does not stop every later run; they leave it untouched.
    A file with old import ids is one they write again (with `article_bytes`
    of its mentions), so that a store converges to the current ids.
    """
    readable: dict[str, list[Mention]] = {}
    broken: dict[str, str] = {}
    migrated: set[str] = set()
    for slug, path in article_paths(directory).items():
        try:
            written = _parse_records(read_json(path), path)
        except StoreError as error:
            broken[slug] = str(error)
            continue
        readable[slug] = migrate_ids(written)
        if readable[slug] != written:
            migrated.add(slug)
    return Readable(readable, broken, frozenset(migrated))


def article_bytes(mentions: list[Mention]) -> bytes | None:
    """The bytes of one article's file, None when it has no mentions (the file goes).

    The bytes are read back as every command and the build will read them;
    a StoreError here means the caller must not write them.
    """
    if not mentions:
        return None
    data = article_text(mentions).encode("utf-8")
    parse_article(json.loads(data), Path("(prepared file)"))
    return data


def check_storable(mention: Mention, where: str) -> None:
    """Raise ValueError unless `mention` is stored and read back unchanged.

    Whatever the cleaning upstream let through (a year before 1000 written
    with three digits, a lone surrogate that UTF-8 cannot encode), a record
    that would not read back must never reach the store: once written, it
    would stop every later command.
    """
    try:
        record = to_record(mention)
        data = dumps(record).encode("utf-8")
        back = to_record(from_record(json.loads(data), where))
    except UnicodeEncodeError:
        raise ValueError(f"{where}: holds text UTF-8 cannot encode (a lone surrogate)") from None
    except (OverflowError, RecursionError):
        raise ValueError(f"{where}: a date or value out of range") from None
    if back != record:
        raise ValueError(f"{where}: does not read back as it would be stored")


def load_moderation(directory: Path) -> Moderation:
    """The moderation file, or no moderation when there is none."""
    path = directory / MODERATION_FILE
    if not path.exists():
        return Moderation()
    try:
        return parse_moderation(read_json(path), str(path))
    except ValueError as error:
        raise StoreError(str(error)) from None


def load_aliases(directory: Path) -> dict[str, str]:
    """Old URL -> slug from the aliases file (empty when there is none)."""
    path = directory / ALIASES_FILE
    if not path.exists():
        return {}
    try:
        return parse_aliases(read_json(path), str(path))
    except ValueError as error:
        raise StoreError(str(error)) from None


def load_since_id(directory: Path) -> int | None:
    """The highest webmention.io id seen by the last sync, if any."""
    path = directory / STATE_FILE
    if not path.exists():
        return None
    data = read_json(path)
    since_id = data.get("since_id") if isinstance(data, dict) else None
    if not isinstance(since_id, int) or isinstance(since_id, bool):
        raise StoreError(f"{path}: since_id: expected an integer")
    return since_id


def state_text(since_id: int) -> str:
    """The text of the sync state file."""
    return dumps({"since_id": since_id})


def diff(before: dict[str, list[Mention]], after: dict[str, list[Mention]]) -> dict[str, Counter]:
    """Per slug with any change: how many mentions were added, updated and removed."""
    changes = {}
    for slug in sorted(before.keys() | after.keys()):
        old = {m.id: m for m in before.get(slug, [])}
        new = {m.id: m for m in after.get(slug, [])}
        counts = Counter(
            added=len(new.keys() - old.keys()),
            updated=sum(1 for i in new.keys() & old.keys() if new[i] != old[i]),
            removed=len(old.keys() - new.keys()),
        )
        if +counts:
            changes[slug] = counts
    return changes
