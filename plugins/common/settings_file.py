"""A Pelican settings file read the way Pelican reads it, with its own folder importable.

The commands that run without Pelican (mentions, syndication) take its names
with `read_settings_file`; linkbacks, which needs Pelican's defaults, hands
the file to Pelican's `read_settings` inside `importable_settings`. Both give
the same one-line error for a missing file.
"""

import runpy
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def importable_settings(path: Path) -> Iterator[Path]:
    """`path` resolved, with its folder on the import path for the block; ValueError if missing.

    publishconf.py imports pelicanconf.py from its own folder; the folder is
    taken off the path again afterwards.
    """
    path = Path(path).resolve()
    if not path.is_file():
        raise ValueError(f"{path}: no such settings file")
    sys.path.insert(0, str(path.parent))
    try:
        yield path
    finally:
        sys.path.remove(str(path.parent))


def read_settings_file(path: Path) -> dict[str, object]:
    """The names `path` defines; ValueError when there is no such file."""
    with importable_settings(path) as resolved:
        return runpy.run_path(str(resolved))
