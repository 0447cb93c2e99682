"""Records the commands refused, kept in `_rejected.json` so the site owner can look.

One bad record never stops a sync or an import: it is skipped with one line
(`quarantined wm-id 4711: ...`) and remembered here, while everything else is
stored. The file is a bounded log, written with the store and all or nothing
with it:

    {
      "rejected": [
        {
          "excerpt": "{\"wm-id\": 4711, \"wm-source\": \"https://...",
          "first_seen": "2026-01-14T11:51:07Z",
          "id": "wm-id 4711",
          "origin": "webmention.io",
          "reason": "wm-source: expected an http(s) URL"
        }
      ],
      "schema": 1
    }

- `id`: `wm-id N` (or `page P entry I` when the entry has no readable id)
  for sync; the post URL (or `FILE row N`) for import.
- `origin`: `webmention.io` or `import`.
- `first_seen`: the record's own date as it arrived (`wm-received`, or the
  import row's `date`), never the clock, so re-running a command rewrites the
  same bytes; null when the record has none.
- `excerpt`: the start of the record as received.

Every string is shown escaped (`common.terminal.printable`) and cut short, so
the file is always valid UTF-8 and small: at most `MAX_ENTRIES` entries, the
newest kept. An entry goes away when a later run stores or blocks the same
record (after fixing `_moderation.json` or `_aliases.json`, run
`sync --full` or the import again); deleting entries by hand is fine too.
"""

import json
from dataclasses import asdict, dataclass
from pathlib import Path

from common.files import canonical_json
from common.terminal import short

SCHEMA = 1
MAX_ENTRIES = 200
MAX_ID = 120
MAX_REASON = 240
MAX_DATE = 40
MAX_EXCERPT = 240
_FIELDS = ("excerpt", "first_seen", "id", "origin", "reason")


@dataclass(frozen=True)
class Rejection:
    """One quarantined record; build it with `rejection` so every field is bounded."""

    id: str
    origin: str
    reason: str
    first_seen: str | None
    excerpt: str

    def line(self) -> str:
        """The one line a command prints for it."""
        return f"quarantined {self.id}: {self.reason}"


def rejection(
    origin: str, record_id: object, reason: object, first_seen: object, excerpt: object
) -> Rejection:
    """A Rejection with every field escaped and cut short, whatever was passed."""
    return Rejection(
        id=short(record_id, MAX_ID),
        origin=short(origin, 20),
        reason=short(reason, MAX_REASON),
        first_seen=short(first_seen, MAX_DATE) if isinstance(first_seen, str) else None,
        excerpt=short(excerpt, MAX_EXCERPT),
    )


def load(path: Path) -> tuple[list[Rejection], str | None]:
    """The entries of the rejected file, and a warning when it could not be read.

    The file is only a log: an unreadable one, or unreadable entries, are
    left out (and replaced at the next write) rather than stopping a command.
    """
    if not path.exists():
        return [], None
    try:
        data = json.loads(path.read_bytes().decode("utf-8"))
        records = data["rejected"]
        if not isinstance(records, list):
            raise TypeError
    except (OSError, ValueError, RecursionError, TypeError, KeyError):
        return [], f"warning: {path} is not a readable rejected list; it will be replaced"
    entries = []
    for record in records:
        if isinstance(record, dict) and set(record) == set(_FIELDS):
            fields = {k: record[k] for k in _FIELDS}
            if all(isinstance(v, str) for k, v in fields.items() if k != "first_seen"):
                entries.append(rejection(**_arguments(fields)))
    return entries, None


def updated(
    entries: list[Rejection], new: list[Rejection], cleared: set[tuple[str, str]]
) -> list[Rejection]:
    """`entries` without the `cleared` (origin, id) pairs, with `new` recorded, newest kept.

    A record quarantined again keeps its place, so a run that refuses the same
    records as the last one writes the same bytes.
    """
    # Ids are stored cut short: compare cleared ones in the same form.
    cleared = {(origin, short(name, MAX_ID)) for origin, name in cleared}
    result = {(e.origin, e.id): e for e in entries if (e.origin, e.id) not in cleared}
    for entry in new:
        result[(entry.origin, entry.id)] = entry
    return list(result.values())[-MAX_ENTRIES:]


def text(entries: list[Rejection]) -> str:
    """The text of the rejected file."""
    return canonical_json({"schema": SCHEMA, "rejected": [asdict(e) for e in entries]})


def _arguments(fields: dict) -> dict:
    return {
        "origin": fields["origin"],
        "record_id": fields["id"],
        "reason": fields["reason"],
        "first_seen": fields["first_seen"],
        "excerpt": fields["excerpt"],
    }
