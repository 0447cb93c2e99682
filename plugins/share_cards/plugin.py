"""Pelican glue: a share card for every article, drawn in threads while the build goes on.

- `article_generator_finalized`: each article that will be written gets
  `share_card` (a `cards.ShareCard`), which the theme's head turns into
  `og:image` and `twitter:card`.
- `article_writer_finalized`: the cards are put in the output by a thread pool
  while Pelican writes the other pages, the feeds and the finalized steps.
  Not sooner: parallel_build forks its workers up to this point (its receiver
  runs first, being listed first), and a fork must not copy running threads.
  zlib and Pillow's pasting run without the GIL, so the threads use the core
  the build's own Python leaves idle.
- `finalized` (listed before publish_assets): waits for every card; a card that
  failed stops the build with one line naming it.
"""

import logging
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from pelican import signals

from .cards import put_card, share_card
from .drawing import CardText
from .settings import load_settings

logger = logging.getLogger(__name__)
THREADS = 2

# The build's drawing: (pool, [(card, future)]), from article_writer_finalized to finalized.
_drawing: list = []


def check_settings(pelican) -> None:
    """Fail at start-up, naming the key, rather than halfway through a build."""
    load_settings(pelican.settings.get("SHARE_CARDS"))


def _written_articles(generator) -> list:
    every = (
        generator.articles,
        generator.translations,
        generator.drafts,
        generator.drafts_translations,
        generator.hidden_articles,
        generator.hidden_translations,
    )
    return [article for articles in every for article in articles if article.save_as]


def attach_cards(generator) -> None:
    options = load_settings(generator.settings.get("SHARE_CARDS"))
    if not options.enabled:
        return
    site = generator.settings["SITENAME"]
    for article in _written_articles(generator):
        text = CardText(title=article.title, category=article.category.name, site=site)
        article.share_card = share_card(text, options.output_dir)


def start_drawing(generator, writer) -> None:
    settings = generator.settings
    options = load_settings(settings.get("SHARE_CARDS"))
    # One job per file: articles that show the same texts share a card.
    cards = {getattr(a, "share_card", None) for a in _written_articles(generator)} - {None}
    cards = sorted(cards, key=lambda card: card.path)
    if not options.enabled or not cards:
        return
    output = Path(settings["OUTPUT_PATH"])
    cache = Path(settings["CACHE_PATH"]) / options.cache_dir.strip("/")
    pool = ThreadPoolExecutor(THREADS, thread_name_prefix="share-card")
    _drawing.append((pool, [(c, pool.submit(put_card, c, output, cache)) for c in cards]))


def finish_drawing(pelican) -> None:
    while _drawing:
        pool, jobs = _drawing.pop()
        drawn = 0
        try:
            for card, future in jobs:
                try:
                    drawn += future.result()
                except Exception as error:
                    where = f"share card {card.path} of {card.text.title!r}"
                    raise RuntimeError(f"{where}: {error}") from error
        finally:
            pool.shutdown(cancel_futures=True)
        logger.info("share_cards: %d cards, %d of them drawn", len(jobs), drawn)


def register() -> None:
    signals.initialized.connect(check_settings)
    signals.article_generator_finalized.connect(attach_cards)
    signals.article_writer_finalized.connect(start_drawing)
    signals.finalized.connect(finish_drawing)
