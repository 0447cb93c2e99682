"""Local copies of author photos, so pages never load an image from another host.

Only complete PNG, JPEG, GIF and WebP files within the size limits are kept
(never SVG, which can carry script), named by a hash of their bytes. The
download itself (public hosts only, the byte limit) is `downloads.avatar_fetcher`.
"""

import hashlib
import struct
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from safe_http import FetchError, Response

from .model import Mention

_SOF_MARKERS = set(range(0xC0, 0xD0)) - {0xC4, 0xC8, 0xCC}


@dataclass(frozen=True)
class AvatarResult:
    """The store with avatar names filled in, the new files, and what went wrong."""

    store: dict[str, list[Mention]]
    files: dict[str, bytes]
    problems: list[str]


def image_info(data: bytes) -> tuple[str, int, int]:
    """(extension, width, height) of a complete PNG, JPEG, GIF or WebP; ValueError otherwise."""
    try:
        if data.startswith(b"\x89PNG\r\n\x1a\n") and data[12:16] == b"IHDR":
            width, height = struct.unpack(">II", data[16:24])
            return _complete("png", width, height, data.endswith(b"IEND\xaeB`\x82"))
        if data[:6] in (b"GIF87a", b"GIF89a"):
            width, height = struct.unpack("<HH", data[6:10])
            return _complete("gif", width, height, data.endswith(b";"))
        if data.startswith(b"\xff\xd8\xff"):
            width, height = _jpeg_size(data)
            return _complete("jpg", width, height, data.endswith(b"\xff\xd9"))
        if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
            width, height = _webp_size(data)
            complete = struct.unpack("<I", data[4:8])[0] + 8 == len(data)
            return _complete("webp", width, height, complete)
    except (struct.error, IndexError):
        raise ValueError("truncated image") from None
    raise ValueError("not a PNG, JPEG, GIF or WebP image")


def check_avatar(media_type: str, body: bytes, max_side: int) -> str:
    """The file extension for a downloaded avatar; ValueError naming why it is refused."""
    if not media_type.startswith("image/") or "svg" in media_type:
        raise ValueError(f"content type {media_type!r} is not a raster image")
    extension, width, height = image_info(body)
    if max(width, height) > max_side:
        raise ValueError(f"{width}x{height} is larger than {max_side}x{max_side}")
    return extension


def collect_avatars(
    store: dict[str, list[Mention]],
    avatars_dir: Path,
    download: Callable[[str], Response],
    *,
    max_side: int,
) -> AvatarResult:
    """Download each author photo that has no local copy yet, once per URL.

    `download` returns a complete 2xx response within the byte limit or raises
    FetchError. A refused or failed photo is reported and left without a copy
    (the page shows initials); it never fails the sync.
    """
    wanted = sorted(
        {
            m.author_photo
            for mentions in store.values()
            for m in mentions
            if m.author_photo and not _present(avatars_dir, m.author_avatar)
        }
    )
    names: dict[str, str] = {}
    files: dict[str, bytes] = {}
    problems = []
    for url in wanted:
        try:
            response = download(url)
            extension = check_avatar(response.media_type, response.body, max_side)
        except (FetchError, ValueError) as error:
            problems.append(f"avatar {url}: {error}")
            continue
        name = f"{hashlib.sha256(response.body).hexdigest()[:32]}.{extension}"
        names[url] = name
        files[name] = response.body
    updated = {
        slug: [
            replace(m, author_avatar=names[m.author_photo]) if m.author_photo in names else m
            for m in mentions
        ]
        for slug, mentions in store.items()
    }
    return AvatarResult(updated, files, problems)


def _present(avatars_dir: Path, name: str | None) -> bool:
    return bool(name) and (avatars_dir / name).is_file()


def _complete(extension: str, width: int, height: int, complete: bool) -> tuple[str, int, int]:
    if not complete:
        raise ValueError("truncated image")
    if width < 1 or height < 1:
        raise ValueError("image has no pixels")
    return extension, width, height


def _jpeg_size(data: bytes) -> tuple[int, int]:
    position = 2
    while position < len(data):
        if data[position] != 0xFF:
            raise ValueError("corrupt JPEG")
        marker = data[position + 1]
        if marker == 0xFF:
            position += 1
            continue
        if marker in _SOF_MARKERS:
            height, width = struct.unpack(">HH", data[position + 5 : position + 9])
            return width, height
        (length,) = struct.unpack(">H", data[position + 2 : position + 4])
        position += 2 + length
    raise ValueError("JPEG without a frame header")


def _webp_size(data: bytes) -> tuple[int, int]:
    chunk = data[12:16]
    if chunk == b"VP8 ":
        width, height = struct.unpack("<HH", data[26:30])
        return width & 0x3FFF, height & 0x3FFF
    if chunk == b"VP8L":
        bits = int.from_bytes(data[21:25], "little")
        return (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1
    if chunk == b"VP8X":
        return int.from_bytes(data[24:27], "little") + 1, int.from_bytes(data[27:30], "little") + 1
    raise ValueError("unknown WebP chunk")
