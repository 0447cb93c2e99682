"""Pelican glue: give each article the posts it was syndicated as, for "Reply on …" links.

Reads `_syndication.json` in the mentions directory and each article's
`Bluesky:`/`Mastodon:` metadata (Pelican lower-cases the keys; content_check
has already refused a header value that names no post). Each article gets
`article.syndication`, a list of (label, post URL) pairs in network order,
empty when it was posted nowhere. Nothing here touches the network: posting is
`make syndicate`, after the upload.
"""

import json
import logging
from pathlib import Path

from mentions.settings import load_settings as load_mentions_settings
from pelican import signals

from .posts import NETWORKS, STORE_NAME, article_posts, parse_store

logger = logging.getLogger(__name__)


def attach_posts(generator) -> None:
    """Set `article.syndication` on every article, draft and translation."""
    config = generator.settings
    mentions = load_mentions_settings(config.get("MENTIONS"))
    path = Path(config["PATH"]) / mentions.path / STORE_NAME
    try:
        store = parse_store(json.loads(path.read_bytes()), STORE_NAME) if path.exists() else {}
    except (OSError, ValueError) as error:
        logger.error("%s: %s (no Reply links shown)", path, error)
        store = {}
    articles = [
        *generator.articles,
        *generator.translations,
        *getattr(generator, "drafts", []),
        *getattr(generator, "drafts_translations", []),
    ]
    for article in articles:
        try:
            posts = article_posts(store, article.slug, article.metadata)
        except ValueError as error:  # content_check stops the build first; kept for safety
            logger.error("%s: %s", article.source_path, error)
            posts = {}
        article.syndication = [
            (network.capitalize(), posts[network].url) for network in NETWORKS if network in posts
        ]


def register() -> None:
    signals.article_generator_finalized.connect(attach_posts)
