"""Writing files: one JSON form; atomic, all or nothing; never rewriting equal bytes.

A command that changes several files (a sync touches article files, avatars
and the state file) prepares every byte first and hands the lot to
`write_together`. Each file is first written beside its destination, then all
are renamed into place; if anything fails on the way, the files already
replaced are put back from their previous bytes, so a failed command leaves
the store byte-identical.

Built output (pages, feeds) goes through `write_if_changed` instead: no
temporary file and no fsync per page, but a file whose bytes are already
right keeps its modification time, so rsync and S3 uploads skip it. A build
that keeps what it wrote last time notes each file's `stamps` and checks them
with `unchanged` before it trusts the file is still as written.
"""

import json
import os
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path


def canonical_json(data: object) -> str:
    """The one JSON text form of every store file: sorted keys, two-space indent, newline."""
    return json.dumps(data, sort_keys=True, indent=2, ensure_ascii=False) + "\n"


def write_atomic(path: Path, data: bytes, *, mode: int | None = None) -> bool:
    """Write `data` to `path` through a temporary file and a rename; False when unchanged."""
    return bool(write_together({Path(path): data}, mode=mode))


def write_if_changed(path: Path, data: bytes) -> bool:
    """Write `data` to `path` unless it already holds exactly those bytes; True when written."""
    path = Path(path)
    try:
        same = path.stat().st_size == len(data) and path.read_bytes() == data
    except FileNotFoundError:
        same = False
    if not same:
        path.write_bytes(data)
    return not same


def stamps(paths: Iterable[str]) -> tuple[tuple[str, int, int], ...]:
    """Each of `paths` (files that exist) with its size and modification time in nanoseconds."""
    found = []
    for path in paths:
        stat = os.stat(path)
        found.append((path, stat.st_size, stat.st_mtime_ns))
    return tuple(found)


def unchanged(noted: Iterable[tuple[str, int, int]]) -> bool:
    """Whether every file `stamps` noted still has its size and modification time."""
    for path, size, mtime in noted:
        try:
            stat = os.stat(path)
        except OSError:
            return False
        if (stat.st_size, stat.st_mtime_ns) != (size, mtime):
            return False
    return True


def write_together(changes: Mapping[Path, bytes | None], *, mode: int | None = None) -> list[Path]:
    """Apply every change or none: bytes replace a file, None removes it.

    Returns the paths whose content changed. Files whose bytes are already
    right are left untouched (their modification time too).
    """
    pending = {Path(path): data for path, data in changes.items() if _current(Path(path)) != data}
    temporaries: dict[Path, Path] = {}
    try:
        for path, data in pending.items():
            if data is not None:
                temporaries[path] = _temporary(path, data, mode)
        _swap_in(pending, temporaries)
    finally:
        for temporary in temporaries.values():
            temporary.unlink(missing_ok=True)
    return sorted(pending)


def _current(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None


def _temporary(path: Path, data: bytes, mode: int | None) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    temporary = Path(name)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        if mode is not None:
            os.chmod(temporary, mode)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return temporary


def _swap_in(pending: Mapping[Path, bytes | None], temporaries: Mapping[Path, Path]) -> None:
    """Rename each temporary into place (or remove); on failure restore what was done."""
    done: list[tuple[Path, bytes | None]] = []
    try:
        for path, data in pending.items():
            previous = _current(path)
            if data is None:
                path.unlink(missing_ok=True)
            else:
                os.replace(temporaries[path], path)
            done.append((path, previous))
    except BaseException:
        for path, previous in reversed(done):
            if previous is None:
                path.unlink(missing_ok=True)
            else:
                path.write_bytes(previous)
        raise
