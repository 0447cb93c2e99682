"""Content-hash names for assets that may be cached forever: `main.css` -> `main.1a2b3c4d5e.css`."""

import hashlib
import re
from pathlib import PurePosixPath

HASH_LENGTH = 10
# A name with a fingerprint: "<stem>.<10 hex digits>.<ext>", as fingerprinted() makes.
_FINGERPRINTED = re.compile(rf"\.[0-9a-f]{{{HASH_LENGTH}}}\.[A-Za-z0-9]+$")


def fingerprinted(path: str, data: bytes) -> str:
    """`path` with the hash of `data` before its extension: a new name whenever `data` changes."""
    digest = hashlib.sha256(data).hexdigest()[:HASH_LENGTH]
    pure = PurePosixPath(path)
    return str(pure.with_name(f"{pure.stem}.{digest}{pure.suffix}"))


def is_fingerprinted(path: str) -> bool:
    """True for a name fingerprinted() made (its content never changes under that name)."""
    return _FINGERPRINTED.search(path) is not None
