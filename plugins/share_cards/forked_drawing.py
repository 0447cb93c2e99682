"""A build's cards put in the output by one forked child while the build goes on; the rest at the end.

Why a process and not threads: drawing a card is mostly Python, so threads
fight the build's own thread for the GIL and cost more than they draw. One
child process (`common.forking.ForkedCall`) draws on the core the build
leaves idle and writes every file itself; it reports once, at the end, how
many it drew and which cards failed.

`finish` waits for it, then puts here, in order, whatever it did not: the
cards that failed there (done again here, so the error is this process's and
names the card), or, if it died without reporting (killed, out of memory),
every card not in the output yet. A card is only ever in the output whole,
so nothing it did is lost or done twice. Without a child (asked for none,
no fork, the system refused a process) `finish` puts every card itself: the
same files, the same bytes.
"""

from collections.abc import Callable, Sequence
from pathlib import Path

from common.forking import ForkedCall

from .cards import ShareCard, cards_to_put, put_card
from .drawing import CardText, draw_card


class CardDrawing:
    """Putting `cards` in `output`, from the cache in `cache_dir` or drawn; in a child if `fork`."""

    def __init__(
        self,
        cards: Sequence[ShareCard],
        output: Path,
        cache_dir: Path,
        *,
        fork: bool,
        draw: Callable[[CardText], bytes] = draw_card,
    ):
        self._output, self._cache_dir, self._draw = output, cache_dir, draw
        self._cards = cards_to_put(cards, output, cache_dir)
        self._call = ForkedCall(self._put_all, fork=fork and bool(self._cards), here=self._put_left)

    def _put_all(self) -> tuple[int, list[ShareCard]]:
        """In the child: put every card, go on past failures; how many were drawn, which failed."""
        drawn, failed = 0, []
        for card in self._cards:
            try:
                drawn += put_card(card, self._output, self._cache_dir, self._draw)
            except Exception:  # done again by the caller, which reports it
                failed.append(card)
        return drawn, failed

    def _put_left(self) -> tuple[int, list]:
        """Without the child's report: every card not in the output yet, put here."""
        return self._put_here(cards_to_put(self._cards, self._output, self._cache_dir)), []

    def _put_here(self, cards: Sequence[ShareCard]) -> int:
        drawn = 0
        for card in cards:
            try:
                drawn += put_card(card, self._output, self._cache_dir, self._draw)
            except Exception as error:
                raise RuntimeError(
                    f"share card {card.path} of {card.text.title!r}: {error}"
                ) from error
        return drawn

    def finish(self) -> int:
        """Put every card the child did not; how many cards were drawn (not in the cache).

        Raises RuntimeError naming the first card that cannot be put.
        """
        drawn, failed = self._call.result()
        return drawn + self._put_here(failed)
