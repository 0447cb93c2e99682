"""Local copies of author photos, so pages never load an image from another host.

A photo is decoded with Pillow (PNG, JPEG, GIF or WebP only; never SVG, which
can carry script), checked before its pixels are decoded (the side limit and
MAX_PIXELS keep decompression bombs out), decoded in full, and drawn into a
fresh image that is encoded as WebP. Only those new bytes are stored, named by
their hash: the original bytes (a GIF/HTML polyglot, HTML after a PNG, EXIF
with a location) are never published. The download itself (public hosts only,
the byte limit) is `downloads.avatar_fetcher`.
"""

import hashlib
import io
import warnings
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError
from safe_http import FetchError, Response

from .model import Mention

FORMATS = ("PNG", "JPEG", "GIF", "WEBP")
EXTENSION = "webp"
# A ceiling whatever MENTIONS['avatar_max_side'] says: 16 Mpx is far beyond
# any avatar and decodes in well under a second.
MAX_PIXELS = 4096 * 4096
# Lossy WebP keeps a photo small; an avatar is shown at a few dozen pixels.
QUALITY = 85
_ALPHA_MODES = ("RGBA", "RGBa", "LA", "La", "PA")


@dataclass(frozen=True)
class AvatarResult:
    """The store with avatar names filled in, the new files, and what went wrong."""

    store: dict[str, list[Mention]]
    files: dict[str, bytes]
    problems: list[str]


def check_avatar(media_type: str, body: bytes, max_side: int) -> tuple[bytes, str]:
    """(re-encoded bytes, file extension) for a downloaded avatar; ValueError naming why it is refused.

    The result depends only on `body`: the same photo gives the same bytes.
    """
    if not media_type.startswith("image/") or "svg" in media_type:
        raise ValueError(f"content type {media_type!r} is not a raster image")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            # verify() checks the structure (PNG checksums among others) and
            # leaves the image unusable, hence the second open.
            with Image.open(io.BytesIO(body), formats=FORMATS) as image:
                image.verify()
            with Image.open(io.BytesIO(body), formats=FORMATS) as image:
                _check_size(image.size, max_side)
                image.load()
                pixels = _pixels_only(ImageOps.exif_transpose(image))
    except UnidentifiedImageError:
        raise ValueError("not a PNG, JPEG, GIF or WebP image") from None
    except _TooLarge as error:
        raise ValueError(str(error)) from None
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ValueError("too many pixels (a decompression bomb)") from None
    # Pillow's decoders raise many kinds of error on malformed input; each of
    # them only means this photo is refused.
    except Exception as error:
        raise ValueError(f"broken or truncated image ({type(error).__name__})") from None
    out = io.BytesIO()
    pixels.save(out, format="WEBP", quality=QUALITY)
    return out.getvalue(), EXTENSION


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
            data, extension = check_avatar(response.media_type, response.body, max_side)
        except (FetchError, ValueError) as error:
            problems.append(f"avatar {url}: {error}")
            continue
        name = f"{hashlib.sha256(data).hexdigest()[:32]}.{extension}"
        names[url] = name
        files[name] = data
    updated = {
        slug: [
            replace(m, author_avatar=names[m.author_photo]) if m.author_photo in names else m
            for m in mentions
        ]
        for slug, mentions in store.items()
    }
    return AvatarResult(updated, files, problems)


class _TooLarge(ValueError):
    """An image whose announced size we refuse before decoding it (none, too wide, too many pixels)."""


def _check_size(size: tuple[int, int], max_side: int) -> None:
    width, height = size
    if width < 1 or height < 1:
        raise _TooLarge("image has no pixels")
    if max(width, height) > max_side:
        raise _TooLarge(f"{width}x{height} is larger than {max_side}x{max_side}")
    if width * height > MAX_PIXELS:
        raise _TooLarge(f"{width}x{height} has more than {MAX_PIXELS} pixels")


def _pixels_only(image: Image.Image) -> Image.Image:
    """The first frame's pixels in a new RGB(A) image: no metadata, palette or profile."""
    alpha = image.mode in _ALPHA_MODES or "transparency" in image.info
    mode = "RGBA" if alpha else "RGB"
    return Image.frombytes(mode, image.size, image.convert(mode).tobytes())


def _present(avatars_dir: Path, name: str | None) -> bool:
    return bool(name) and (avatars_dir / name).is_file()
