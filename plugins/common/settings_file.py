"""A Pelican settings file read the way Pelican reads it, for the commands that run without Pelican."""

import runpy
import sys
from pathlib import Path


def read_settings_file(path: Path) -> dict[str, object]:
    """The names `path` defines; ValueError when there is no such file.

    The file's own directory is on the import path while it runs, because
    publishconf.py imports pelicanconf.py from there.
    """
    path = Path(path).resolve()
    if not path.is_file():
        raise ValueError(f"{path}: no such settings file")
    sys.path.insert(0, str(path.parent))
    try:
        return runpy.run_path(str(path))
    finally:
        sys.path.remove(str(path.parent))
