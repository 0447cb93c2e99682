"""Which feeds a warm build need not write again: same inputs, files as the last build left them.

A feed's bytes are a function of this code (and feedgen's, lxml's), the
feed's description in each format (`FeedInfo`) and its entries; an article's
entry is a function of its outline (title, dates, URL, ...), its content and
its summary, as Pelican rendered them. `feed_key` digests all of that, and
a build with the content cache on keeps (common.build_cache) each feed's key with the size and
modification time of the files it wrote (`Written`). The next build that
computes the same key, while those files are untouched, skips the feed:
serializing (feedgen and lxml, entry by entry) is what a feed costs. Any
edit to a listed article, to the set of articles a feed lists or to this
code changes the key, and the feed is written again.

Pickle bytes are a digest here, never loaded: equal values give equal
bytes, and anything that differs only costs a rewrite.
"""

import hashlib
import pickle
import sys
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

import common
from common.build_cache import source_digest

FILE = "feeds.pickle"
# Bump when what a key covers or what the cache file holds changes.
VERSION = 1


@dataclass(frozen=True)
class Written:
    """One feed as a build wrote it: its key, the entries kept under the size limit, its files."""

    key: bytes
    kept: tuple[int, int] | None  # (kept, listed) when an outside feed dropped entries
    files: tuple[tuple[str, int, int], ...]  # path, size, mtime_ns (common.files.stamps)


def code_digest() -> bytes:
    """A digest of the code a feed's bytes come from: this package, `common`, and the versions."""
    versions = " ".join([sys.version, *(version(p) for p in ("feedgen", "lxml", "markupsafe"))])
    return source_digest((Path(__file__).parent, Path(common.__file__).parent), versions)


def feed_key(code: bytes, *inputs) -> bytes:
    """The digest of `code` and of every value a feed is made from."""
    return hashlib.sha256(code + pickle.dumps(inputs, pickle.HIGHEST_PROTOCOL)).digest()
