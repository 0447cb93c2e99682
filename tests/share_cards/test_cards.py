"""The cache: a card is drawn once; a warm build links it; a broken cache entry is drawn again."""

import errno
import os
import shutil

import pytest
from share_cards.cards import card_key, cards_to_put, put_card, share_card
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


def put(card, output, cache, draw=draw_card) -> list[bool]:
    """What a build does for `card`: whether it was drawn, [] when it was in the output already."""
    return [put_card(c, output, cache, draw) for c in cards_to_put([card], output, cache)]


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
    assert put(CARD, tmp_path / "out", tmp_path / "cache", draw) == [True]
    data = (tmp_path / "out" / CARD.path).read_bytes()
    assert draw.calls == 1 and data == draw_card(TEXT)
    assert [p.name for p in (tmp_path / "cache").iterdir()] == [f"{card_key(TEXT)}.png"]


def test_a_warm_build_takes_the_card_from_the_cache_without_drawing(tmp_path):
    put(CARD, tmp_path / "first", tmp_path / "cache")
    assert put(CARD, tmp_path / "second", tmp_path / "cache", never) == [False]
    assert (tmp_path / "second" / CARD.path).read_bytes() == draw_card(TEXT)


def test_the_output_and_the_cache_share_one_file_on_disk(tmp_path):
    put(CARD, tmp_path / "out", tmp_path / "cache")
    entry = tmp_path / "cache" / f"{card_key(TEXT)}.png"
    assert os.path.samefile(entry, tmp_path / "out" / CARD.path)


def test_where_they_cannot_share_a_file_the_card_is_written_twice(tmp_path, monkeypatch):
    def other_file_system(source, destination):
        raise OSError(errno.EXDEV, "Invalid cross-device link")

    monkeypatch.setattr("os.link", other_file_system)
    assert put(CARD, tmp_path / "out", tmp_path / "cache") == [True]
    assert put(CARD, tmp_path / "again", tmp_path / "cache", never) == [False]
    for output in ("out", "again"):
        assert (tmp_path / output / CARD.path).read_bytes() == draw_card(TEXT)


def test_a_cut_short_cache_entry_is_drawn_again(tmp_path):
    put(CARD, tmp_path / "out", tmp_path / "cache")
    entry = tmp_path / "cache" / f"{card_key(TEXT)}.png"
    cut_short = entry.read_bytes()[:500]
    entry.unlink()
    entry.write_bytes(cut_short)
    (tmp_path / "out" / CARD.path).unlink()
    assert put(CARD, tmp_path / "out", tmp_path / "cache") == [True]
    assert entry.read_bytes() == (tmp_path / "out" / CARD.path).read_bytes() == draw_card(TEXT)


def test_a_card_already_in_the_output_is_left_alone_without_the_cache(tmp_path):
    put(CARD, tmp_path / "out", tmp_path / "cache")
    written = tmp_path / "out" / CARD.path
    before = written.stat().st_mtime_ns
    shutil.rmtree(tmp_path / "cache")
    assert put(CARD, tmp_path / "out", tmp_path / "cache", never) == []
    assert written.stat().st_mtime_ns == before


def test_only_the_cards_missing_from_the_output_are_put_in_order(tmp_path):
    others = [
        share_card(CardText(f"Title {n}", "Networking", "Reconnect"), "cards") for n in range(4)
    ]
    put(others[1], tmp_path / "out", tmp_path / "cache")
    missing = cards_to_put(others, tmp_path / "out", tmp_path / "cache")
    assert missing == [others[0], others[2], others[3]]


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
