"""Draw an article's share card: a 1200×630 PNG with its category, title and the site name.

Pure: Pillow and zlib, never Pelican. The layout, from the top: an accent bar
down the left edge, the category in the accent colour, the title as large as
fits (72 px down to 48 px, wrapped on words, a word too long for a line broken
inside it, and at the smallest size cut with an ellipsis), and the site name.
Every text is drawn inside its own band of rows, so no pixel can land outside
its box, let alone the canvas.

Built for speed (a card must cost well under a millisecond and a half, a site
has thousands): three colours with eight shades each fit a 16-colour palette,
so the card is drawn in mode "L" with values 0-15 and written as a 4-bit
palette PNG, with no colour quantising; each glyph is rendered once per size
and pasted after that; the background and the category and site-name bands
are deflated once and only the title's rows are deflated per card
(`palette_png`).
"""

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from .palette_png import Segment, deflate, palette_png

WIDTH, HEIGHT = 1200, 630
# Part of every card's cache key: change it with any change here that changes a card's bytes.
DRAWING_VERSION = 1
FONT_PATH = Path(__file__).resolve().parent / "fonts" / "LiberationSans-Bold.ttf"

# The theme's light colours (theme/static/css/main.css: --bg, --fg, --accent).
BACKGROUND = (0xFD, 0xFC, 0xF9)
TEXT = (0x1F, 0x23, 0x28)
ACCENT = (0x0B, 0x5C, 0xAD)
SHADES = 8
# Pixel values: 0-7 background to text, 8-15 background to accent.
INK, ACCENT_PAPER, ACCENT_INK = SHADES - 1, SHADES, 2 * SHADES - 1
BITS = 4
# Run-length deflate (palette_png) makes the same bytes at every level: the fastest.
ZLIB_LEVEL = 1

BAR_WIDTH = 24
LEFT = 96
# Two blank pixels before each row of a band pack into the zero byte that starts every
# row of a PNG (filter type None), so a band's bytes are the PNG's rows as they are.
PAD = 8 // BITS
TEXT_WIDTH = WIDTH - 2 * LEFT
ELLIPSIS = "…"


@dataclass(frozen=True)
class Band:
    """A band of rows holding one line of text: its first row, the row after it, the font size."""

    top: int
    bottom: int
    size: int


CATEGORY = Band(top=56, bottom=116, size=34)
SITE = Band(top=528, bottom=594, size=38)
TITLE_TOP, TITLE_BOTTOM = 140, 504
# The title's sizes, largest first, each with its line height (1.2 × the size).
TITLE_SIZES = (72, 64, 56, 48)


@dataclass(frozen=True)
class CardText:
    """Everything a card shows; with the font and DRAWING_VERSION, everything its bytes depend on."""

    title: str
    category: str
    site: str


def _ramp(start: tuple, end: tuple) -> bytes:
    return bytes(
        round(a + (b - a) * step / (SHADES - 1))
        for step in range(SHADES)
        for a, b in zip(start, end, strict=True)
    )


PALETTE = _ramp(BACKGROUND, TEXT) + _ramp(BACKGROUND, ACCENT)


def line_height(size: int) -> int:
    return round(size * 1.2)


def max_lines(size: int) -> int:
    return (TITLE_BOTTOM - TITLE_TOP) // line_height(size)


# --- fitting text --------------------------------------------------------------

Measure = Callable[[str], float]


def _pieces(word: str, measure: Measure, width: float) -> list[str]:
    """`word` whole if it fits `width`, else cut into pieces that do: after its hyphens,
    and inside a part between hyphens only when that part alone is too wide."""
    if measure(word) <= width:
        return [word]
    parts = [
        unit
        for part in re.findall(r"[^-]+-*|-+", word)
        for unit in ([part] if measure(part) <= width else part)
    ]
    pieces, piece = [], ""
    for part in parts:
        if piece and measure(piece + part) > width:
            pieces.append(piece)
            piece = ""
        piece += part
    return [*pieces, piece]


def wrap(text: str, measure: Measure, width: float) -> list[str]:
    """Greedy word wrap of `text` into lines no wider than `width`.

    A line's width grows by each word as W(line + " " + word) = W(line) +
    W(last char + " " + word) - W(last char), exact for kerned widths (each
    character's advance depends on the next one only) and cheaper than
    measuring the whole line again for every word.
    """
    lines, line, line_width = [], "", 0.0
    for word in text.split():
        for number, piece in enumerate(_pieces(word, measure, width)):
            # The pieces of a cut word start new lines.
            if line and number == 0:
                joined = line_width + measure(f"{line[-1]} {piece}") - measure(line[-1])
                if joined <= width:
                    line, line_width = f"{line} {piece}", joined
                    continue
            if line:
                lines.append(line)
            line, line_width = piece, measure(piece)
    return [*lines, line] if line else lines


def ellipsize(text: str, measure: Measure, width: float) -> str:
    """`text` if it fits `width`, else as much of it as fits with an ellipsis after."""
    if measure(text) <= width:
        return text
    words = text.split(" ")
    while len(words) > 1 and measure(" ".join(words) + ELLIPSIS) > width:
        words.pop()
    kept = " ".join(words)
    while kept and measure(kept + ELLIPSIS) > width:
        kept = kept[:-1]
    return kept.rstrip(" ,.;:-–—") + ELLIPSIS


def fit_title(title: str, measure_at: Callable[[int], Measure]) -> tuple[int, list[str]]:
    """The title's size and lines: the largest size at which it fits, else the smallest, cut."""
    for size in TITLE_SIZES:
        lines = wrap(title, measure_at(size), TEXT_WIDTH)
        if len(lines) <= max_lines(size):
            return size, lines
    count = max_lines(size)
    rest = " ".join(lines[count - 1 :])
    return size, [*lines[: count - 1], ellipsize(rest, measure_at(size), TEXT_WIDTH)]


# --- glyphs ----------------------------------------------------------------------


class Face:
    """The font at one size, each glyph rendered once and each pair's advance kept.

    A text's width is the sum of its characters' advances, each kerned against
    the next: what Pillow's `getlength` computes, here from cached pairs and word
    widths, since `getlength` lays out the whole string on every call.
    """

    def __init__(self, size: int):
        self.font = ImageFont.truetype(str(FONT_PATH), size, layout_engine=ImageFont.Layout.BASIC)
        self._glyphs: dict[str, tuple] = {}
        self._advances: dict[str, float] = {}
        self._words: dict[str, float] = {}

    def _advance(self, pair: str) -> float:
        # The first character's advance, kerned against the second one if any.
        advance = self._advances.get(pair)
        if advance is None:
            advance = self.font.getlength(pair) - (self.font.getlength(pair[1]) if pair[1:] else 0)
            self._advances[pair] = advance
        return advance

    def _word(self, word: str) -> float:
        width = self._words.get(word)
        if width is None:
            advance = self._advance
            width = sum(advance(word[i : i + 2]) for i in range(len(word)))
            self._words[word] = width
        return width

    def measure(self, text: str) -> float:
        """The width of `text` in pixels."""
        width, last = 0.0, ""
        # Words and spaces in turn, each joined to the text before it as
        # W(a + b) = W(a) - A(last of a) + A(last of a, first of b) + W(b).
        for part in re.split("( )", text):
            if part:
                if last:
                    width += self._advance(last + part[0]) - self._advance(last)
                width += self._word(part)
                last = part[-1]
        return width

    def _glyph(self, char: str) -> tuple:
        glyph = self._glyphs.get(char)
        if glyph is None:
            left, top, right, bottom = self.font.getbbox(char)
            mask = None
            if right > left and bottom > top:
                image = Image.new("L", (right - left, bottom - top))
                ImageDraw.Draw(image).text((-left, -top), char, font=self.font, fill=255)
                mask = image.im
            glyph = self._glyphs[char] = (mask, left, top, right - left, bottom - top)
        return glyph

    def draw(self, image: Image.Image, x: float, y: int, text: str, ink: int) -> None:
        """Blend `ink` into `image` through `text`'s glyphs, its top-left at (x, y)."""
        core, glyphs, advances = image.im, self._glyphs, self._advances
        for index, char in enumerate(text):
            mask, left, top, width, height = glyphs.get(char) or self._glyph(char)
            if mask is not None:
                x0, y0 = round(x) + left, y + top
                # What Image.paste ends in, without its per-call checks: a card pastes
                # a hundred glyphs. The core clips the box to the image.
                core.paste(ink, (x0, y0, x0 + width, y0 + height), mask)
            pair = text[index : index + 2]
            x += advances.get(pair) or self._advance(pair)


@cache
def face(size: int) -> Face:
    """The face at `size`, loaded once per process (the cards are drawn in one thread)."""
    return Face(size)


def measure_at(size: int) -> Measure:
    return face(size).measure


# --- bands and the card ------------------------------------------------------------


@lru_cache(maxsize=2)
def _blank_card(paper: int) -> Image.Image:
    card = Image.new("L", (PAD + WIDTH, HEIGHT), paper)
    card.paste(0, (0, 0, PAD, HEIGHT))
    card.paste(ACCENT_INK, (PAD, 0, PAD + BAR_WIDTH, HEIGHT))
    return card


def _blank(height: int, paper: int) -> Image.Image:
    """A band of `height` rows: PAD columns of zeros (each row's PNG filter byte), then the card."""
    return _blank_card(paper).crop((0, 0, PAD + WIDTH, height))


def _deflate_band(band: Image.Image) -> Segment:
    band.putpalette(PALETTE)  # an "L" image becomes "P" in place: no conversion
    return deflate(band.tobytes("raw", f"P;{BITS}"), ZLIB_LEVEL)


@lru_cache(maxsize=64)
def _background(height: int) -> Segment:
    return _deflate_band(_blank(height, 0))


def _line_band(band: Band, text: str, paper: int, ink: int) -> Image.Image:
    image = _blank(band.bottom - band.top, paper)
    typeface = face(band.size)
    line = ellipsize(" ".join(text.split()), typeface.measure, TEXT_WIDTH)
    typeface.draw(image, PAD + LEFT, (image.height - band.size) // 2, line, ink)
    return image


@lru_cache(maxsize=256)
def _category_band(category: str) -> Segment:
    return _deflate_band(_line_band(CATEGORY, category, ACCENT_PAPER, ACCENT_INK))


@lru_cache(maxsize=16)
def _site_band(site: str) -> Segment:
    return _deflate_band(_line_band(SITE, site, 0, INK))


def title_band(title: str) -> Image.Image:
    """The title's rows, drawn (mode "L", values 0 to INK): as many rows as its lines need."""
    size, lines = fit_title(" ".join(title.split()), measure_at)
    step = line_height(size)
    image = _blank(len(lines) * step, 0)
    typeface = face(size)
    for number, line in enumerate(lines):
        typeface.draw(image, PAD + LEFT, number * step, line, INK)
    return image


def draw_card(text: CardText) -> bytes:
    """The card's PNG bytes; the same text always gives the same bytes."""
    title = title_band(text.title)
    segments = [
        _background(CATEGORY.top),
        _category_band(text.category),
        _background(TITLE_TOP - CATEGORY.bottom),
        _deflate_band(title),
        # Below the title's lines, down to the site name: background.
        _background(SITE.top - TITLE_TOP - title.height),
        _site_band(text.site),
        _background(HEIGHT - SITE.bottom),
    ]
    return palette_png(WIDTH, HEIGHT, BITS, PALETTE, segments)
