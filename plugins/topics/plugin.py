"""Pelican glue: give category templates `TOPIC_GUIDES[category.slug]` (intro and start-here articles)."""

import logging
from pathlib import Path

from markdown import Markdown
from pelican import signals

from .guides import is_start_here, read_intros, topic_guides
from .settings import load_settings

logger = logging.getLogger(__name__)


def check_settings(pelican) -> None:
    """Fail at start-up, naming the key, rather than halfway through a build."""
    load_settings(pelican.settings.get("TOPICS"))


def add_guides(generator) -> None:
    settings = generator.settings
    options = load_settings(settings.get("TOPICS"))
    categories = [(category.slug, articles) for category, articles in generator.categories]
    # The articles' own Markdown settings, so an intro reads like an article.
    markdown = settings["MARKDOWN"]
    renderer = Markdown(
        extensions=list(markdown.get("extension_configs", {})),
        extension_configs=markdown.get("extension_configs", {}),
        output_format=markdown.get("output_format", "html5"),
    )
    content = Path(settings["PATH"])
    intros, problems = read_intros(
        content / options.path,
        (slug for slug, _ in categories),
        lambda text: renderer.reset().convert(text),
        root=content.parent,
    )
    for problem in problems:
        logger.warning("topics: %s", problem)
    generator.context["TOPIC_GUIDES"] = topic_guides(
        categories, intros, lambda article: is_start_here(getattr(article, "start_here", None))
    )


def register() -> None:
    signals.initialized.connect(check_settings)
    signals.article_generator_finalized.connect(add_guides)
