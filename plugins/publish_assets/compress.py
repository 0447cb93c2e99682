"""Precompressed copies (`.gz`, `.br`) of the text files of a built site.

A static server that knows about them (nginx `gzip_static` and `brotli_static`,
Caddy `precompressed`, a CDN rule) sends the copy to a reader whose browser
accepts it, with no compression work per request. The bytes depend only on
the file, so two builds of the same site write identical copies.
"""

import gzip
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import brotli

SUFFIXES = {"gz": ".gz", "br": ".br"}


def compressed(data: bytes, fmt: str, brotli_quality: int) -> bytes:
    """`data` compressed as `fmt` ("gz" or "br"); gzip without a time stamp or file name."""
    if fmt == "gz":
        return gzip.compress(data, compresslevel=9, mtime=0)
    return brotli.compress(data, quality=brotli_quality)


def candidates(root: Path, extensions: Iterable[str], min_bytes: int) -> list[Path]:
    """Files under `root` worth a compressed copy, sorted."""
    wanted = tuple(extensions)
    return sorted(
        path
        for path in root.rglob("*")
        if path.suffix in wanted and path.is_file() and path.stat().st_size >= min_bytes
    )


def write_copies(path: Path, formats: Iterable[str], brotli_quality: int) -> list[Path]:
    """Write each format's copy of `path` beside it, unless it would not be smaller."""
    data = path.read_bytes()
    written = []
    for fmt in formats:
        packed = compressed(data, fmt, brotli_quality)
        if len(packed) < len(data):
            target = path.with_name(path.name + SUFFIXES[fmt])
            target.write_bytes(packed)
            written.append(target)
    return written


def compress_tree(
    root: Path,
    extensions: Iterable[str],
    min_bytes: int,
    formats: Iterable[str],
    brotli_quality: int,
) -> list[Path]:
    """Write the copies for every candidate under `root`; return the files written."""
    formats = tuple(formats)
    # zlib and brotli release the GIL, so threads use every core.
    with ThreadPoolExecutor() as pool:
        batches = pool.map(
            lambda path: write_copies(path, formats, brotli_quality),
            candidates(root, extensions, min_bytes),
        )
        return [path for batch in batches for path in batch]
