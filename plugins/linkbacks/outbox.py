"""The outbox: what each article has told each target, kept in the repo.

File shape (keys sorted, two-space indent, one trailing newline, so an unchanged
state is byte-identical and a changed one is a readable diff):

    {"schema": 1,
     "sources": {"<article URL>": {
         "content_hash": "<sha256 of the article body>",
         "targets": {"<target URL>": {
             "protocol": "webmention" | "pingback" | "trackback" | "none",
             "status": "sent" | "failed" | "pending" | "gave-up" | "no-endpoint",
             "attempts": 1, "detail": "201", "endpoint": "<URL>" | null,
             "location": "<URL>" | null, "linked": true}}}}}

Rules (`plan` and `update`):
- A new or edited article (new body hash) notifies every target it links to,
  and every target it no longer links to that was notified or pending
  (`linked: false` until that removal notice is done, then the entry goes).
- An unchanged article only retries `pending` targets; `attempts` counts the
  tries of the current version and reaching `max_attempts` gives up.
- A Trackback ping URL is pinged once: Trackback has no updates and a second
  ping would add a duplicate, so edits do not re-ping a `sent` one.
"""

import json
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from common.files import canonical_json, write_atomic

from .send import Outcome

SCHEMA = 1
STATUSES = frozenset({"sent", "failed", "pending", "gave-up", "no-endpoint"})
PROTOCOLS = frozenset({"webmention", "pingback", "trackback", "none"})


@dataclass(frozen=True)
class TargetState:
    """The last result for one target of one article."""

    protocol: str
    status: str
    attempts: int
    detail: str
    endpoint: str | None = None
    location: str | None = None
    linked: bool = True


@dataclass(frozen=True)
class SourceState:
    """One article: the hash of the body last notified, and its targets."""

    content_hash: str
    targets: dict[str, TargetState]


@dataclass(frozen=True)
class Due:
    """A target to notify in this run; `linked` is False for a removed link."""

    target: str
    trackback: bool = False
    linked: bool = True


def plan(
    previous: SourceState | None,
    content_hash: str,
    links: Sequence[str],
    trackbacks: Sequence[str],
) -> list[Due]:
    """The targets one article must notify now, links first in document order."""
    changed = previous is None or previous.content_hash != content_hash
    old = previous.targets if previous else {}
    due = [
        Due(target)
        for target in links
        if changed or target not in old or old[target].status == "pending"
    ]
    due += [
        Due(target, trackback=True)
        for target in trackbacks
        if target not in old
        or old[target].status == "pending"
        or (changed and old[target].status != "sent")
    ]
    current = set(links) | set(trackbacks)
    for target, state in sorted(old.items()):
        if target in current or state.protocol == "trackback":
            continue
        if state.linked:
            removal = changed and state.status in ("sent", "pending")
        else:
            removal = state.status == "pending"
        if removal:
            due.append(Due(target, linked=False))
    return due


def update(
    previous: SourceState | None,
    content_hash: str,
    links: Sequence[str],
    trackbacks: Sequence[str],
    results: Mapping[Due, Outcome],
    max_attempts: int,
) -> SourceState:
    """The article's new state once the `results` of this run's `plan` are in."""
    changed = previous is None or previous.content_hash != content_hash
    old = previous.targets if previous else {}
    targets = {t: old[t] for t in (*links, *trackbacks) if t in old}
    for due, outcome in results.items():
        prior = old.get(due.target)
        continuing = not changed and prior is not None and prior.status == "pending"
        attempts = prior.attempts + 1 if continuing else 1
        status = outcome.status
        if status == "retry":
            status = "pending" if attempts < max_attempts else "gave-up"
        if not due.linked and status != "pending":
            targets.pop(due.target, None)
            continue
        targets[due.target] = TargetState(
            protocol=outcome.protocol,
            status=status,
            attempts=attempts,
            detail=outcome.detail,
            endpoint=outcome.endpoint,
            location=outcome.location,
            linked=due.linked,
        )
    return SourceState(content_hash=content_hash, targets=targets)


def load(path: Path) -> dict[str, SourceState]:
    """Read the outbox; a missing file is an empty outbox. Raise ValueError naming the field."""
    if not path.exists():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise ValueError(f"{path}: not valid JSON: {error}") from None
    _expect(isinstance(data, dict) and data.get("schema") == SCHEMA, path, "schema", "must be 1")
    sources = data.get("sources")
    _expect(isinstance(sources, dict), path, "sources", "must be an object")
    return {url: _source(path, url, raw) for url, raw in sources.items()}


def dumps(sources: Mapping[str, SourceState]) -> str:
    """The deterministic text of the outbox."""
    data = {
        "schema": SCHEMA,
        "sources": {
            url: {
                "content_hash": state.content_hash,
                "targets": {t: asdict(s) for t, s in state.targets.items()},
            }
            for url, state in sources.items()
        },
    }
    return canonical_json(data)


def save(path: Path, sources: Mapping[str, SourceState]) -> bool:
    """Write the outbox atomically if its text changed; return whether it was written."""
    return write_atomic(path, dumps(sources).encode("utf-8"))


def _source(path: Path, url: str, raw: object) -> SourceState:
    where = f"sources[{url!r}]"
    _expect(isinstance(raw, dict), path, where, "must be an object")
    _expect(
        isinstance(raw.get("content_hash"), str), path, f"{where}.content_hash", "must be a string"
    )
    targets = raw.get("targets")
    _expect(isinstance(targets, dict), path, f"{where}.targets", "must be an object")
    return SourceState(
        content_hash=raw["content_hash"],
        targets={t: _target(path, f"{where}.targets[{t!r}]", v) for t, v in targets.items()},
    )


def _target(path: Path, where: str, raw: object) -> TargetState:
    _expect(isinstance(raw, dict), path, where, "must be an object")
    checks = {
        "protocol": lambda v: v in PROTOCOLS,
        "status": lambda v: v in STATUSES,
        "attempts": lambda v: isinstance(v, int) and not isinstance(v, bool) and v >= 0,
        "detail": lambda v: isinstance(v, str),
        "endpoint": lambda v: v is None or isinstance(v, str),
        "location": lambda v: v is None or isinstance(v, str),
        "linked": lambda v: isinstance(v, bool),
    }
    for key, valid in checks.items():
        _expect(
            key in raw and valid(raw[key]), path, f"{where}.{key}", f"bad value {raw.get(key)!r}"
        )
    unknown = set(raw) - set(checks)
    _expect(not unknown, path, where, f"unknown key(s) {', '.join(sorted(unknown))}")
    return TargetState(**raw)


def _expect(condition: bool, path: Path, where: str, problem: str) -> None:
    if not condition:
        raise ValueError(f"{path}: {where} {problem}")
