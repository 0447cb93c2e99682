"""Share cards as a reader of a shared link sees them: size, weight, text that fits."""

import io
import json
import zlib
from pathlib import Path

import pytest
from common.markdown_header import read_header
from hypothesis import given
from hypothesis import strategies as st
from PIL import Image
from share_cards import drawing
from share_cards.drawing import (
    ACCENT_PAPER,
    BAR_WIDTH,
    CATEGORY,
    ELLIPSIS,
    HEIGHT,
    LEFT,
    SITE,
    TEXT_WIDTH,
    TITLE_SIZES,
    WIDTH,
    CardText,
    draw_card,
    ellipsize,
    face,
    fit_title,
    max_lines,
    measure_at,
    wrap,
)
from share_cards.palette_png import adler32_combine

from tests.conftest import ROOT

FIXTURES = Path(__file__).parent / "fixtures"
TITLES = json.loads((FIXTURES / "titles.json").read_text(encoding="utf-8"))
MAX_BYTES = 100 * 1024


def our_longest_title() -> str:
    headers = [read_header(p.read_text(encoding="utf-8")) for p in (ROOT / "content").rglob("*.md")]
    return max((h["title"] for h in headers if "title" in h), key=len)


def decoded(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


def ink_box(image: Image.Image) -> tuple[int, int, int, int] | None:
    """The box (in card coordinates) of every pixel that is not background, bar left out."""
    plain = image.crop((BAR_WIDTH, 0, WIDTH, HEIGHT)).point(
        lambda v: 0 if v in (0, ACCENT_PAPER) else 255
    )
    box = plain.getbbox()
    return None if box is None else (box[0] + BAR_WIDTH, box[1], box[2] + BAR_WIDTH, box[3])


CARDS = {
    "ours": CardText(our_longest_title(), "Job Search", "Reconnect"),
    **{name: CardText(title, "Reconnecting", "Reconnect") for name, title in TITLES.items()},
    "long everything": CardText(
        TITLES["two_hundred_characters"], TITLES["one_long_word"], "R" * 90
    ),
}


@pytest.mark.parametrize("name", CARDS)
def test_a_card_is_a_1200_by_630_png_of_at_most_100_kb(name):
    data = draw_card(CARDS[name])
    image = decoded(data)
    assert (image.format, image.size) == ("PNG", (WIDTH, HEIGHT))
    assert len(data) <= MAX_BYTES


@pytest.mark.parametrize("name", CARDS)
def test_no_text_is_drawn_outside_the_margins(name):
    left, top, right, bottom = ink_box(decoded(draw_card(CARDS[name])))
    # Glyphs may overhang their advance by a few pixels (a "J", an italic end), never more.
    assert left >= LEFT - 8 and right <= WIDTH - LEFT + 8
    assert top >= CATEGORY.top and bottom <= SITE.bottom


def test_a_card_shows_its_text():
    image = decoded(draw_card(CARDS["ours"])).convert("RGB")
    left, top, right, bottom = ink_box(decoded(draw_card(CARDS["ours"])))
    assert right - left > TEXT_WIDTH / 2 and bottom - top > HEIGHT / 2
    # The category is in the accent colour, the title and site name in the text colour.
    colours = {colour for _, colour in image.getcolors(maxcolors=64)}
    assert drawing.ACCENT in colours and drawing.TEXT in colours and drawing.BACKGROUND in colours


def test_our_longest_title_wraps_at_the_largest_size_without_cutting():
    title = our_longest_title()
    size, lines = fit_title(title, measure_at)
    assert size == TITLE_SIZES[0]
    assert " ".join(lines) == title
    assert all(measure_at(size)(line) <= TEXT_WIDTH for line in lines)


def test_a_200_character_title_shrinks_and_keeps_within_the_lines():
    title = TITLES["two_hundred_characters"]
    size, lines = fit_title(title, measure_at)
    assert size < TITLE_SIZES[0]
    assert 1 < len(lines) <= max_lines(size)
    assert all(measure_at(size)(line) <= TEXT_WIDTH for line in lines)
    shown = " ".join(lines)
    assert shown.removesuffix(ELLIPSIS) == title[: len(shown.removesuffix(ELLIPSIS))]


def test_a_title_too_long_for_the_smallest_size_ends_with_an_ellipsis():
    title = " ".join([TITLES["two_hundred_characters"]] * 3)
    size, lines = fit_title(title, measure_at)
    assert size == TITLE_SIZES[-1] and len(lines) == max_lines(size)
    assert lines[-1].endswith(ELLIPSIS)
    assert all(measure_at(size)(line) <= TEXT_WIDTH for line in lines)


def test_a_word_longer_than_a_line_is_cut_after_its_hyphens():
    word = "the-thirty-day-networking-plan-for-people-looking-for-work"
    lines = wrap(word, measure_at(72), TEXT_WIDTH)
    assert "".join(lines) == word and len(lines) > 1
    assert all(line.endswith("-") for line in lines[:-1])
    assert all(measure_at(72)(line) <= TEXT_WIDTH for line in lines)


def test_a_word_without_hyphens_longer_than_a_line_is_cut_anywhere():
    word = "W" * 60
    lines = wrap(word, measure_at(72), TEXT_WIDTH)
    assert "".join(lines) == word and len(lines) > 1
    assert all(measure_at(72)(line) <= TEXT_WIDTH for line in lines)


def test_ellipsize_keeps_what_fits_and_cuts_the_rest():
    measure = measure_at(38)
    assert ellipsize("Reconnect", measure, TEXT_WIDTH) == "Reconnect"
    cut = ellipsize("Reconnect " * 40, measure, TEXT_WIDTH)
    assert cut.endswith("Reconnect" + ELLIPSIS) and measure(cut) <= TEXT_WIDTH


@given(st.text(alphabet=st.sampled_from("AVWTo.,- “”’—–…éÆß fiy"), max_size=60))
def test_our_width_is_pillows_width(text):
    typeface = face(56)
    assert typeface.measure(text) == pytest.approx(typeface.font.getlength(text), abs=1e-6)


def test_the_same_text_gives_the_same_bytes_after_other_cards():
    text = CardText(TITLES["typography"], "Networking", "Reconnect")
    first = draw_card(text)
    assert draw_card(CardText("Another title", "Networking", "Reconnect")) != first
    assert draw_card(text) == first


def test_the_font_has_every_latin_1_character_and_the_typographic_ones():
    font = face(40).font
    missing = bytes(font.getmask("\ue000"))  # a private-use character: the font's "no glyph"
    characters = [chr(c) for c in (*range(0x21, 0x7F), *range(0xA1, 0x100)) if c != 0xAD]
    characters += list("‘’“”‚„–—…•‹›€")
    assert [c for c in characters if bytes(font.getmask(c)) == missing] == []


@given(st.binary(max_size=300), st.binary(max_size=300))
def test_adler32_combine_is_the_checksum_of_the_joined_bytes(first, second):
    combined = adler32_combine(zlib.adler32(first), zlib.adler32(second), len(second))
    assert combined == zlib.adler32(first + second)
