"""Pelican glue: index the built article pages for /search/, alongside the rest of the build.

Pagefind starts in the background from `article_writer_finalized`, when every
article page is written (after parallel_build, listed earlier, has rendered
its deferred pages), and runs on the other core while Pelican writes the
other pages, the feeds and the sitemap. `finalized` waits for it and fails the
build if it failed, so every build path (make html, make publish, the uploads,
regenerate and the dev server's full rebuild) ends with an index that matches
its pages; a build with no articles generator indexes from `finalized`.
Listed before publish_assets, whose compressed copies then include the index's
script and entry file, and which minifies the pages only after Pagefind read them.
"""

import atexit
import logging
from pathlib import Path

from pelican import signals

from .index import IndexRun, article_glob, stamp_path, start_if_changed
from .settings import load_settings

logger = logging.getLogger(__name__)

# Output folder -> its Pagefind run (None: the index was kept), from the article
# pages being written to the end of the build.
_runs: dict[Path, IndexRun | None] = {}


def check_settings(pelican) -> None:
    """Fail at start-up, naming the key, rather than halfway through a build."""
    load_settings(pelican.settings.get("SEARCH"))


def add_bundle_url(generator) -> None:
    """Templates get SEARCH_BUNDLE: the index's folder, or None when search is off."""
    options = load_settings(generator.settings.get("SEARCH"))
    generator.context["SEARCH_BUNDLE"] = options.bundle_dir.strip("/") if options.enabled else None


def start_indexing(settings: dict) -> None:
    """Start Pagefind on the article pages written so far, unless they are unchanged."""
    options = load_settings(settings.get("SEARCH"))
    if not options.enabled:
        return
    output = Path(settings["OUTPUT_PATH"])
    _cancel(output)
    bundle, glob = options.bundle_dir.strip("/"), article_glob(settings["ARTICLE_SAVE_AS"])
    if settings["DELETE_OUTPUT_DIRECTORY"]:
        # A publish build starts from an empty output: there is no index to keep.
        _runs[output] = IndexRun(output, bundle, glob)
    else:
        stamp = stamp_path(Path(settings["CACHE_PATH"]), output)
        _runs[output] = start_if_changed(output, bundle, glob, stamp)


def start_after_articles(generator, writer) -> None:
    start_indexing(generator.settings)


def index_site(pelican) -> None:
    """Wait for this build's Pagefind run and put its index in place; raise if it failed."""
    output = Path(pelican.settings["OUTPUT_PATH"])
    if output not in _runs:
        start_indexing(pelican.settings)
    run = _runs.pop(output, None)
    if run is None:
        if load_settings(pelican.settings.get("SEARCH")).enabled:
            logger.info("search: no article page changed; index kept")
        return
    logger.info("search: %d pages indexed", run.finish())


def _cancel(output: Path) -> None:
    run = _runs.pop(output, None)
    if run is not None:
        run.cancel()


@atexit.register
def _cancel_all() -> None:
    """A build that failed after Pagefind started leaves neither the process nor its scratch."""
    for output in list(_runs):
        _cancel(output)


def register() -> None:
    signals.initialized.connect(check_settings)
    signals.generator_init.connect(add_bundle_url)
    signals.article_writer_finalized.connect(start_after_articles)
    signals.finalized.connect(index_site)
