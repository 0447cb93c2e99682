"""Pelican glue: index the built site for /search/ once every page is written.

From the `finalized` signal, so every build path (make html, make publish, the
uploads, regenerate and the dev server's full rebuild) gets an index that
matches its pages. Listed before publish_assets, whose compressed copies then
include the index's script and entry file.
"""

import logging
from pathlib import Path

from pelican import signals

from .index import article_glob, build_index, index_if_changed, stamp_path
from .settings import load_settings

logger = logging.getLogger(__name__)


def check_settings(pelican) -> None:
    """Fail at start-up, naming the key, rather than halfway through a build."""
    load_settings(pelican.settings.get("SEARCH"))


def add_bundle_url(generator) -> None:
    """Templates get SEARCH_BUNDLE: the index's folder, or None when search is off."""
    options = load_settings(generator.settings.get("SEARCH"))
    generator.context["SEARCH_BUNDLE"] = options.bundle_dir.strip("/") if options.enabled else None


def index_site(pelican) -> None:
    options = load_settings(pelican.settings.get("SEARCH"))
    if not options.enabled:
        return
    settings = pelican.settings
    output = Path(settings["OUTPUT_PATH"])
    bundle, glob = options.bundle_dir.strip("/"), article_glob(settings["ARTICLE_SAVE_AS"])
    if settings["DELETE_OUTPUT_DIRECTORY"]:
        # A publish build starts from an empty output: there is no index to keep.
        pages = build_index(output, bundle, glob)
    else:
        stamp = stamp_path(Path(settings["CACHE_PATH"]), output)
        pages = index_if_changed(output, bundle, glob, stamp)
    if pages is None:
        logger.info("search: no article page changed; index kept")
    else:
        logger.info("search: %d pages indexed", pages)


def register() -> None:
    signals.initialized.connect(check_settings)
    signals.generator_init.connect(add_bundle_url)
    signals.finalized.connect(index_site)
