"""Which card an article gets, and getting it into the output: drawn once, then from the cache.

A card is named in the cache by its key, the SHA-256 of everything its bytes
depend on: the texts it shows, the font file, DRAWING_VERSION and the size.
A card's file name in the output is the start of its key, so a build that
finds it there has nothing to do (one listing of the folder tells); else it
takes the card from the cache, or draws it and keeps it there.

The output's card is a hard link to the cache's: one file written per card,
not two, which at thousands of cards costs more than a third of drawing them.
Nothing writes a card in place: the cache's is replaced through a rename, so
the output's keeps its bytes. Where the two folders cannot share a file
(another file system) the card is written again. No build ever finds half a
card: the cache's is written beside it and renamed, and a link points to a
whole file; a cached card cut short anyway (a crash) lacks PNG's closing
chunk and is drawn again. Nothing waits for the disk
(`common.files.write_atomic` syncs every file: a thousand cards would wait
longer than they take to draw), since every card can be made again.
"""

import hashlib
import json
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .drawing import DRAWING_VERSION, FONT_PATH, HEIGHT, WIDTH, CardText, draw_card

# Every PNG ends with this chunk: a cached card without it was cut short and is drawn again.
_PNG_START = b"\x89PNG\r\n\x1a\n"
_PNG_END = b"\x00\x00\x00\x00IEND\xaeB`\x82"


@dataclass(frozen=True)
class ShareCard:
    """An article's card: what it shows, its path in the output (its URL too), size and alt text."""

    text: CardText
    path: str
    width: int = WIDTH
    height: int = HEIGHT

    @property
    def alt(self) -> str:
        # The title is what the card is for; the category and site name frame it.
        return self.text.title


def share_card(text: CardText, output_dir: str) -> ShareCard:
    """The card showing `text`, named by the start of its key.

    A changed card gets a new URL, so the networks, which keep a copy of each
    image URL, show the new one; a card already in the output is known to be
    right without reading it; and the URL stays short (the page weight budget).
    """
    # 48 bits: two different cards of one site never share a name.
    return ShareCard(text, f"{output_dir.strip('/')}/{card_key(text)[:12]}.png")


@lru_cache(maxsize=4)
def _file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def card_key(text: CardText, font: Path = FONT_PATH) -> str:
    """The hash of everything a card's bytes depend on."""
    # A JSON list: unambiguous whatever the texts hold, and quick to make for every article.
    inputs = [
        text.title,
        text.category,
        text.site,
        _file_digest(font),
        DRAWING_VERSION,
        WIDTH,
        HEIGHT,
    ]
    return hashlib.sha256(json.dumps(inputs).encode()).hexdigest()


def _read(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None


def _replace(path: Path, data: bytes) -> None:
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        temporary.write_bytes(data)
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def cards_to_put(cards: Iterable[ShareCard], output: Path, cache_dir: Path) -> list[ShareCard]:
    """The cards not in `output` yet, in order, with the folders made that `put_card` writes in."""
    cards = list(cards)
    cache_dir.mkdir(parents=True, exist_ok=True)
    present: set[str] = set()
    for folder in {os.path.dirname(card.path) for card in cards}:
        # A file named by its key and written whole is that card.
        (output / folder).mkdir(parents=True, exist_ok=True)
        present.update(
            f"{folder}/{name}" if folder else name for name in os.listdir(output / folder)
        )
    return [card for card in cards if card.path not in present]


def put_card(
    card: ShareCard, output: Path, cache_dir: Path, draw: Callable[[CardText], bytes] = draw_card
) -> bool:
    """Put one of the `cards_to_put` in `output`; True when it had to be drawn (not in the cache)."""
    cached = cache_dir / f"{card_key(card.text)}.png"
    data = _read(cached)
    drawn = data is None or not (data.startswith(_PNG_START) and data.endswith(_PNG_END))
    if drawn:
        data = draw(card.text)
        _replace(cached, data)
    try:
        os.link(cached, output / card.path)
    except OSError:  # another file system, or one without hard links
        _replace(output / card.path, data)
    return drawn
