"""Pelican glue: a share card for every article, drawn in a child process while the build goes on.

- `article_generator_finalized`: each article that will be written gets
  `share_card` (a `cards.ShareCard`), which the theme's head turns into
  `og:image` and `twitter:card`; then the cards not in the output yet are
  put there by one forked child (`forked_drawing`) while Pelican goes on.
  Why then: a card needs only the article's title and category, final once
  the articles are read, and the steps that follow (the other receivers,
  the page and static generators) run on one core, leaving the second to
  the child; while parallel_build renders, three processes share the two
  cores, and the child is done before the build's last steps instead of
  after them (a 4,000-article cold build used to end with 5 s of the child
  drawing alone). Not sooner: parallel_build reads the articles on every
  core (its receiver runs first, being listed first, and closes its pool).
  With `PARALLEL_BUILD["workers"]` 1 there is no child.
- `finalized` (listed before publish_assets): waits for the child and puts
  every card it did not (all of them without a child); a card that fails
  stops the build with one line naming it.
"""

import logging
from pathlib import Path

from parallel_build.settings import load_settings as load_parallel_settings
from pelican import signals

from .cards import share_card
from .drawing import CardText
from .forked_drawing import CardDrawing
from .settings import load_settings

logger = logging.getLogger(__name__)

# The build's drawing: (CardDrawing, number of cards), from article_generator_finalized to finalized.
_drawing: list = []


def check_settings(pelican) -> None:
    """Fail at start-up, naming the key, rather than halfway through a build."""
    load_settings(pelican.settings.get("SHARE_CARDS"))


def _every_article(generator) -> list:
    every = (
        generator.articles,
        generator.translations,
        generator.drafts,
        generator.drafts_translations,
        generator.hidden_articles,
        generator.hidden_translations,
    )
    return [article for articles in every for article in articles]


def attach_cards(generator) -> None:
    """Give every article that will be written its card, and start putting the cards in the output."""
    settings = generator.settings
    options = load_settings(settings.get("SHARE_CARDS"))
    if not options.enabled:
        return
    site = settings["SITENAME"]
    cards = set()
    # Only articles that will be written get a card; `save_as` formats a URL, so it is asked once.
    for article in (a for a in _every_article(generator) if a.save_as):
        text = CardText(title=article.title, category=article.category.name, site=site)
        article.share_card = share_card(text, options.output_dir)
        cards.add(
            article.share_card
        )  # one job per file: articles that show the same texts share one
    if not cards:
        return
    output = Path(settings["OUTPUT_PATH"])
    cache = Path(settings["CACHE_PATH"]) / options.cache_dir.strip("/")
    fork = load_parallel_settings(settings.get("PARALLEL_BUILD")).workers > 1
    drawing = CardDrawing(sorted(cards, key=lambda card: card.path), output, cache, fork=fork)
    _drawing.append((drawing, len(cards)))


def finish_drawing(pelican) -> None:
    while _drawing:
        drawing, count = _drawing.pop()
        logger.info("share_cards: %d cards, %d of them drawn", count, drawing.finish())


def register() -> None:
    signals.initialized.connect(check_settings)
    signals.article_generator_finalized.connect(attach_cards)
    signals.finalized.connect(finish_drawing)
