"""The cache: a card is drawn once; a warm build copies it; a broken cache entry is drawn again."""

import shutil

import pytest
from share_cards.cards import card_key, put_card, share_card
from share_cards.drawing import CardText, draw_card

TEXT = CardText("Networking Is a Two-Way Street", "Networking", "Reconnect")
CARD = share_card(TEXT, "cards")


class Counting:
    """draw_card, counting its calls."""

    def __init__(self):
        self.calls = 0

    def __call__(self, text: CardText) -> bytes:
        self.calls += 1
        return draw_card(text)


def never(text: CardText) -> bytes:
    raise AssertionError(f"drawn again: {text}")


def test_a_card_is_named_by_the_start_of_its_key():
    assert share_card(TEXT, "cards/").path == f"cards/{card_key(TEXT)[:12]}.png"


def test_a_changed_card_gets_a_new_url():
    changed = CardText(TEXT.title + "?", TEXT.category, TEXT.site)
    assert share_card(changed, "cards").path != CARD.path


def test_the_alt_text_is_the_title_the_card_shows():
    assert CARD.alt == "Networking Is a Two-Way Street"
    assert (CARD.width, CARD.height) == (1200, 630)


def test_an_empty_cache_draws_the_card_into_the_cache_and_the_output(tmp_path):
    draw = Counting()
    assert put_card(CARD, tmp_path / "out", tmp_path / "cache", draw) is True
    data = (tmp_path / "out" / CARD.path).read_bytes()
    assert draw.calls == 1 and data == draw_card(TEXT)
    assert [p.name for p in (tmp_path / "cache").iterdir()] == [f"{card_key(TEXT)}.png"]


def test_a_warm_build_takes_the_card_from_the_cache_without_drawing(tmp_path):
    put_card(CARD, tmp_path / "first", tmp_path / "cache")
    assert put_card(CARD, tmp_path / "second", tmp_path / "cache", never) is False
    assert (tmp_path / "second" / CARD.path).read_bytes() == draw_card(TEXT)


def test_a_cut_short_cache_entry_is_drawn_again(tmp_path):
    put_card(CARD, tmp_path / "out", tmp_path / "cache")
    entry = tmp_path / "cache" / f"{card_key(TEXT)}.png"
    entry.write_bytes(entry.read_bytes()[:500])
    (tmp_path / "out" / CARD.path).unlink()
    assert put_card(CARD, tmp_path / "out", tmp_path / "cache") is True
    assert entry.read_bytes() == (tmp_path / "out" / CARD.path).read_bytes() == draw_card(TEXT)


def test_a_card_already_in_the_output_is_left_alone_without_the_cache(tmp_path):
    put_card(CARD, tmp_path / "out", tmp_path / "cache")
    written = tmp_path / "out" / CARD.path
    before = written.stat().st_mtime_ns
    shutil.rmtree(tmp_path / "cache")
    assert put_card(CARD, tmp_path / "out", tmp_path / "cache", never) is False
    assert written.stat().st_mtime_ns == before


@pytest.mark.parametrize(
    "other",
    [
        CardText("Networking Is a Two-Way Street!", "Networking", "Reconnect"),
        CardText("Networking Is a Two-Way Street", "Job Search", "Reconnect"),
        CardText("Networking Is a Two-Way Street", "Networking", "Reconnect Blog"),
    ],
)
def test_any_change_in_what_a_card_shows_changes_its_key(other):
    assert card_key(other) != card_key(TEXT)
    assert card_key(CardText(TEXT.title, TEXT.category, TEXT.site)) == card_key(TEXT)


def test_the_key_depends_on_the_font_file(tmp_path):
    font = tmp_path / "other.ttf"
    font.write_bytes(b"another font")
    assert card_key(TEXT, font) != card_key(TEXT)
