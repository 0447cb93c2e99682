"""What a plugin keeps from one build to the next: one pickle file in Pelican's CACHE_PATH.

It follows Pelican's content cache: written only with CACHE_CONTENT on, read
only with LOAD_CONTENT_CACHE on too (a publish build turns both off and
starts clean). A cache of another `version`, or one that cannot be read,
counts as empty: it only costs the work it would have saved.
"""

import hashlib
import pickle
from collections.abc import Hashable, Iterable
from pathlib import Path

from .files import write_atomic


class BuildCache:
    """The cache file `name` of one plugin; `previous` is what the last build saved."""

    def __init__(self, settings: dict, name: str, version: Hashable):
        self.version = version
        self.path = Path(settings["CACHE_PATH"], name) if settings.get("CACHE_CONTENT") else None
        self.previous: dict = {}
        if self.path is not None and settings.get("LOAD_CONTENT_CACHE"):
            try:
                data = pickle.loads(self.path.read_bytes())
                if data.get("version") == version:
                    self.previous = data["entries"]
            except Exception:  # missing, unreadable or foreign
                self.previous = {}

    @property
    def enabled(self) -> bool:
        """Whether this build saves what it computes."""
        return self.path is not None

    def save(self, entries: dict) -> None:
        """Keep `entries` for the next build (nothing without the content cache)."""
        if self.path is not None:
            data = {"version": self.version, "entries": entries}
            write_atomic(self.path, pickle.dumps(data, pickle.HIGHEST_PROTOCOL))


def source_digest(directories: Iterable[Path], versions: str = "") -> bytes:
    """A digest of the Python files directly in `directories` and of `versions`.

    Part of a cache's version, so that a change of the code that computed
    what it holds empties it.
    """
    digest = hashlib.sha256(versions.encode())
    for directory in directories:
        for path in sorted(Path(directory).glob("*.py")):
            digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.digest()
