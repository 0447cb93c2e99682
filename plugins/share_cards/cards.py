"""Which card an article gets, and getting it into the output: drawn once, then from the cache.

A card is named in the cache by its key, the SHA-256 of everything its bytes
depend on: the texts it shows, the font file, DRAWING_VERSION and the size.
A build finds the card there, or draws it and keeps it, then puts it in the
output unless the same bytes are already there. The cache and the output can
always be made again, so both are written by a rename (never a half-written
file) without waiting for the disk (`common.files.write_atomic` syncs every
file: a thousand cards would wait longer than they take to draw).
"""

import hashlib
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from common.files import canonical_json

from .drawing import DRAWING_VERSION, FONT_PATH, HEIGHT, WIDTH, CardText, draw_card

# Every PNG ends with this chunk: a cached card without it was cut short and is drawn again.
_PNG_START = b"\x89PNG\r\n\x1a\n"
_PNG_END = b"\x00\x00\x00\x00IEND\xaeB`\x82"


@dataclass(frozen=True)
class ShareCard:
    """An article's card: what it shows, its path in the output (also its URL), size and alt text."""

    text: CardText
    path: str
    width: int = WIDTH
    height: int = HEIGHT

    @property
    def alt(self) -> str:
        return f"{self.text.title} ({self.text.category}, {self.text.site})"


def share_card(text: CardText, article_url: str, output_dir: str) -> ShareCard:
    """The card of the article at `article_url` ("slug/", "drafts/slug/", "slug-fr.html")."""
    name = article_url.strip("/").removesuffix(".html") or "index"
    return ShareCard(text=text, path=f"{output_dir.strip('/')}/{name}.png")


@lru_cache(maxsize=4)
def _file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def card_key(text: CardText, font: Path = FONT_PATH) -> str:
    """The hash of everything a card's bytes depend on."""
    inputs = {
        "title": text.title,
        "category": text.category,
        "site": text.site,
        "font": _file_digest(font),
        "version": DRAWING_VERSION,
        "size": [WIDTH, HEIGHT],
    }
    return hashlib.sha256(canonical_json(inputs).encode()).hexdigest()


def _read(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None


def _replace(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    try:
        temporary.write_bytes(data)
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


def put_card(
    card: ShareCard, output: Path, cache_dir: Path, draw: Callable[[CardText], bytes] = draw_card
) -> bool:
    """Put `card` at its path under `output`; True when it had to be drawn (not in the cache)."""
    cached = cache_dir / f"{card_key(card.text)}.png"
    data = _read(cached)
    drawn = data is None or not (data.startswith(_PNG_START) and data.endswith(_PNG_END))
    if drawn:
        data = draw(card.text)
        _replace(cached, data)
    destination = output / card.path
    if _read(destination) != data:
        _replace(destination, data)
    return drawn
