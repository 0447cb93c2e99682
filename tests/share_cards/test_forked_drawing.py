"""The cards drawn in a child process are the cards a serial build puts, whatever the child does."""

import os
import signal

import pytest
from share_cards.cards import share_card
from share_cards.drawing import CardText, draw_card
from share_cards.forked_drawing import CardDrawing

CALLER = os.getpid()
CARDS = [share_card(CardText(f"Title {n}", "Networking", "Reconnect"), "cards") for n in range(6)]


class Drawn:
    """draw_card, counting the cards drawn in this (the calling) process."""

    def __init__(self):
        self.here = 0

    def __call__(self, text: CardText) -> bytes:
        if os.getpid() == CALLER:
            self.here += 1
        return draw_card(text)


class KilledAtThird(Drawn):
    """In the child, the process is killed as it starts its third card."""

    def __init__(self):
        super().__init__()
        self.in_child = 0

    def __call__(self, text: CardText) -> bytes:
        if os.getpid() != CALLER:
            self.in_child += 1
            if self.in_child == 3:
                os.kill(os.getpid(), signal.SIGKILL)
        return super().__call__(text)


def failing_on(title: str):
    def draw(text: CardText) -> bytes:
        if text.title == title:
            raise OSError("No space left on device")
        return draw_card(text)

    return draw


def files(folder) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def put(tmp_path, name, *, fork, draw) -> int:
    return CardDrawing(
        CARDS, tmp_path / name / "out", tmp_path / name / "cache", fork=fork, draw=draw
    ).finish()


def test_the_child_puts_every_card_and_the_caller_draws_none(tmp_path):
    draw = Drawn()
    assert put(tmp_path, "build", fork=True, draw=draw) == 6
    assert draw.here == 0
    assert files(tmp_path / "build" / "out") == {c.path: draw_card(c.text) for c in CARDS}


def test_without_a_child_the_same_files_are_put_here(tmp_path):
    draw = Drawn()
    put(tmp_path, "forked", fork=True, draw=Drawn())
    assert put(tmp_path, "serial", fork=False, draw=draw) == 6
    assert draw.here == 6
    assert files(tmp_path / "serial") == files(tmp_path / "forked")


def test_a_child_killed_midway_loses_no_card_and_its_cards_are_kept(tmp_path):
    draw = KilledAtThird()
    assert put(tmp_path, "build", fork=True, draw=draw) == 4
    assert draw.here == 4  # the two the child put are not drawn again
    assert files(tmp_path / "build" / "out") == {c.path: draw_card(c.text) for c in CARDS}


def test_when_the_system_refuses_a_process_every_card_is_put_here(tmp_path, monkeypatch):
    def refuse(self):
        raise OSError("Resource temporarily unavailable")

    monkeypatch.setattr("multiprocessing.process.BaseProcess.start", refuse)
    draw = Drawn()
    assert put(tmp_path, "build", fork=True, draw=draw) == draw.here == 6


@pytest.mark.parametrize("fork", [True, False], ids=["forked", "serial"])
def test_a_card_that_fails_stops_the_build_with_one_line_naming_it(tmp_path, fork):
    with pytest.raises(RuntimeError) as failure:
        put(tmp_path, "build", fork=fork, draw=failing_on("Title 2"))
    assert str(failure.value) == f"share card {CARDS[2].path} of 'Title 2': No space left on device"
    # The child goes on past it; serially the build stops there.
    kept = CARDS[:2] + CARDS[3:] if fork else CARDS[:2]
    assert set(files(tmp_path / "build" / "out")) == {c.path for c in kept}
