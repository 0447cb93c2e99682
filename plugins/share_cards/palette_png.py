"""A palette PNG assembled from horizontal bands that were deflated separately.

A share card is mostly empty background: only the title's rows differ from
one card to the next. Deflating the whole image costs more than drawing it,
so each band of rows is deflated on its own (the background and the bands
every card shares once per build, the title per card) and the pieces are
joined into one zlib stream. That is valid deflate because each piece comes
from a fresh compressor (no reference reaches back into an earlier piece) and
ends with a sync flush (on a byte boundary, no final block); one empty final
block closes the stream, and the pieces' Adler-32 checksums are combined.
"""

import struct
import zlib
from typing import NamedTuple

SIGNATURE = b"\x89PNG\r\n\x1a\n"
# An empty final block with fixed Huffman codes: BFINAL=1, BTYPE=01, end-of-block.
_FINAL_BLOCK = b"\x03\x00"
# zlib header: deflate, 32 KiB window, "fastest" level flag; (0x78 << 8 | 0x01) % 31 == 0.
_ZLIB_HEADER = b"\x78\x01"
_ADLER_BASE = 65521


class Segment(NamedTuple):
    """Some rows, filter bytes included, deflated: the bytes, their Adler-32 and length."""

    deflated: bytes
    adler: int
    length: int


def deflate(data: bytes, level: int) -> Segment:
    """`data` (PNG rows, each with its filter byte) as one independent piece of a zlib stream."""
    # Run-length matching only: as small as the default on these flat rows, and faster.
    compressor = zlib.compressobj(level, zlib.DEFLATED, -zlib.MAX_WBITS, 8, zlib.Z_RLE)
    deflated = compressor.compress(data) + compressor.flush(zlib.Z_SYNC_FLUSH)
    return Segment(deflated, zlib.adler32(data), len(data))


def adler32_combine(first: int, second: int, second_length: int) -> int:
    """The Adler-32 of two byte strings joined, from theirs (zlib's adler32_combine)."""
    remainder = second_length % _ADLER_BASE
    sum1 = first & 0xFFFF
    sum2 = (remainder * sum1) % _ADLER_BASE
    sum1 = (sum1 + (second & 0xFFFF) + _ADLER_BASE - 1) % _ADLER_BASE
    sum2 = (sum2 + (first >> 16) + (second >> 16) + _ADLER_BASE - remainder) % _ADLER_BASE
    return (sum2 << 16) | sum1


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def palette_png(
    width: int, height: int, bits: int, palette: bytes, segments: list[Segment]
) -> bytes:
    """The PNG file of `segments` (top to bottom) as a `bits`-per-pixel palette image."""
    adler = 1  # the Adler-32 of no bytes
    for segment in segments:
        adler = adler32_combine(adler, segment.adler, segment.length)
    stream = (
        _ZLIB_HEADER
        + b"".join(segment.deflated for segment in segments)
        + _FINAL_BLOCK
        + struct.pack(">I", adler)
    )
    header = struct.pack(">IIBBBBB", width, height, bits, 3, 0, 0, 0)
    return (
        SIGNATURE
        + _chunk(b"IHDR", header)
        + _chunk(b"PLTE", palette)
        + _chunk(b"IDAT", stream)
        + _chunk(b"IEND", b"")
    )
