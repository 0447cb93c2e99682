"""Pelican glue: read the mentions store once per build and attach it to every article.

Each article gets `article.mentions` (its visible Mention objects, oldest
first) and `article.mention_summary` (the view model that
`partials/mentions.html` draws, or None when there are none). The store is
read here, after Pelican's content cache, so a change to mentions alone shows
up on the next build. Nothing here touches the network.
"""

import logging
from pathlib import Path
from zoneinfo import ZoneInfo

from pelican import signals

from . import store
from .model import Mention
from .moderation import Moderation
from .settings import load_settings
from .summary import Display, summarize
from .targets import TargetResolver

logger = logging.getLogger(__name__)


def attach_mentions(generator) -> None:
    """Attach mentions and their summary to every article, draft and translation."""
    config = generator.settings
    settings = load_settings(config.get("MENTIONS"))
    content = Path(config["PATH"])
    directory = content / settings.path
    avatars_dir = content / settings.avatars_dir
    articles = [
        *generator.articles,
        *generator.translations,
        *getattr(generator, "drafts", []),
        *getattr(generator, "drafts_translations", []),
    ]
    try:
        moderation = store.load_moderation(directory)
        aliases = store.load_aliases(directory)
    except store.StoreError as error:
        # Without the moderation file, blocked mentions could show: show none.
        logger.error("%s (no mentions shown)", error)
        by_slug = {}
    else:
        slugs = {a.slug for a in articles}
        by_slug = _load(directory, config, aliases, moderation, slugs)
    display = Display(
        max_names=settings.max_names,
        quote_length=settings.quote_length,
        fold_after=settings.fold_after,
        max_text=settings.max_text,
        networks_max=settings.networks_max,
        replies_shown=settings.replies_shown,
        replies_max=settings.replies_max,
        excerpts_shown=settings.excerpts_shown,
        excerpts_max=settings.excerpts_max,
        zone=ZoneInfo(config.get("TIMEZONE") or "UTC"),
        avatars_path=settings.avatars_dir.strip("/"),
        avatar_files=frozenset(p.name for p in avatars_dir.glob("*") if p.is_file()),
    )
    for article in articles:
        visible = by_slug.get(article.slug, [])
        article.mentions = visible
        article.mention_summary = summarize(visible, display)


def _load(
    directory: Path, config: dict, aliases: dict, moderation: Moderation, slugs: set[str]
) -> dict[str, list[Mention]]:
    """Visible mentions per article slug; a file named for an old slug follows its alias."""
    resolver = TargetResolver(config.get("SITEURL", ""), config["ARTICLE_URL"], aliases)
    by_slug: dict[str, dict] = {}
    for name, path in store.article_paths(directory).items():
        slug = name if name in slugs else resolver.follow(name)
        if slug not in slugs:
            logger.warning("%s: no article has the slug %r; its mentions are not shown", path, name)
            continue
        try:
            mentions = store.load_article(path)
        except store.StoreError as error:
            logger.error("%s", error)
            continue
        found = by_slug.setdefault(slug, {})
        found.update((m.id, m) for m in mentions if moderation.shows(m))
    return {slug: store.sort_mentions(found.values()) for slug, found in by_slug.items()}


def register() -> None:
    signals.article_generator_finalized.connect(attach_mentions)
