"""Pelican glue: read the mentions store once per build and attach it to every article.

Each article gets `article.mentions` (its visible Mention objects, oldest
first) and `article.mention_summary` (the view model that
`partials/mentions.html` draws, or None when there are none). The store is
read here, after Pelican's content cache, so a change to mentions alone shows
up on the next build. Nothing here touches the network.

The store is read when the articles are (their slugs name its files), by a
forked child when the build runs on several cores (PARALLEL_BUILD workers
above 1, `common.forking.ForkedCall`), while this process finishes the other
generators on one core; every article gets its mentions when all
generators are done, before any page is rendered.

With the content cache on, each article's visible mentions and summary are
kept for the next build (CACHE_PATH/mentions.pickle, `common.build_cache`),
keyed by the names and bytes of the files they come from. The moderation
file, the display settings (avatar files and time zone included) and the
code that reads and cleans the store are the cache's version, so changing
any of them starts afresh. A file that cannot be read or is invalid is never
kept: it is read, and reported, on every build.
"""

import hashlib
import logging
import sys
from functools import partial
from pathlib import Path
from zoneinfo import ZoneInfo

import common
import known_keys
from common.build_cache import BuildCache, source_digest
from common.forking import ForkedCall
from parallel_build.settings import load_settings as load_parallel_settings
from pelican import signals

from . import store
from .model import Mention
from .moderation import Moderation
from .settings import load_settings
from .summary import Display, MentionSummary, summarize
from .targets import TargetResolver

logger = logging.getLogger(__name__)

CACHE_FILE = "mentions.pickle"


# What each articles generator of this build will get: its articles and their mentions.
_pending: list[tuple[list, ForkedCall]] = []


def start_attaching(generator) -> None:
    """Read the store for every article, draft and translation, in a child when forking pays."""
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
    try:
        moderation = store.load_moderation(directory)
        aliases = store.load_aliases(directory)
    except store.StoreError as error:
        # Without the moderation file, blocked mentions could show: show none.
        logger.error("%s (no mentions shown)", error)
        shown = ForkedCall(lambda: ({}, []), fork=False)
    else:
        files = _files_by_slug(directory, config, aliases, {a.slug for a in articles})
        fork = bool(files) and load_parallel_settings(config.get("PARALLEL_BUILD")).workers > 1
        shown = ForkedCall(partial(_shown, config, files, moderation, display), fork=fork)
    _pending.append((articles, shown))


def finish_attaching(_generators=None) -> None:
    """Attach mentions and their summary to the articles of every generator started."""
    while _pending:
        articles, call = _pending.pop(0)
        shown, errors = call.result()
        for error in errors:
            logger.error("%s", error)
        for article in articles:
            article.mentions, article.mention_summary = shown.get(article.slug, ([], None))


def drop_pending(_sender=None) -> None:
    """Forget what a build that failed before its pages left behind (the dev server goes on)."""
    while _pending:
        _pending.pop()[1].close()


def _files_by_slug(
    directory: Path, config: dict, aliases: dict, slugs: set[str]
) -> dict[str, list[Path]]:
    """The mentions files of each article slug; a file named for an old slug follows its alias."""
    resolver = TargetResolver(config.get("SITEURL", ""), config["ARTICLE_URL"], aliases)
    files: dict[str, list[Path]] = {}
    for name, path in store.article_paths(directory).items():
        slug = name if name in slugs else resolver.follow(name)
        if slug not in slugs:
            logger.warning("%s: no article has the slug %r; its mentions are not shown", path, name)
            continue
        files.setdefault(slug, []).append(path)
    return files


def _shown(
    config: dict, files: dict[str, list[Path]], moderation: Moderation, display: Display
) -> tuple[dict[str, tuple[list[Mention], MentionSummary | None]], list[store.StoreError]]:
    """Per slug: its visible mentions (oldest first) and their summary; and the errors met.

    A file that cannot be read or is invalid is left out, and its slug is
    not kept for the next build, so the next build reports it again.
    Nothing is logged here: this may run in a child (`start_attaching`).
    """
    cache = BuildCache(config, CACHE_FILE, (_code_digest(), moderation, display))
    shown = {}
    kept = {}
    errors = []
    for slug, paths in files.items():
        complete = True
        read = []
        for path in paths:
            try:
                read.append((path, store.read_bytes(path)))
            except store.StoreError as error:
                errors.append(error)
                complete = False
        key = [(path.name, hashlib.sha256(data).digest()) for path, data in read]
        before = cache.previous.get(slug)
        if complete and before is not None and before[0] == key:
            shown[slug] = before[1]
        else:
            found: dict[str, Mention] = {}
            for path, data in read:
                try:
                    mentions = store.parse_article(store.parse_json(data, path), path)
                except store.StoreError as error:
                    errors.append(error)
                    complete = False
                    continue
                found.update((m.id, m) for m in mentions if moderation.shows(m))
            visible = store.sort_mentions(found.values())
            shown[slug] = (visible, summarize(visible, display))
        if complete:
            kept[slug] = (key, shown[slug])
    cache.save(kept)
    return shown, errors


def _code_digest() -> bytes:
    # What reads, cleans, moderates and summarizes mentions: this package,
    # `common` (URL checks), `known_keys` (record fields) and Python's Unicode data.
    packages = (
        Path(__file__).parent,
        Path(common.__file__).parent,
        Path(known_keys.__file__).parent,
    )
    return source_digest(packages, sys.version)


def register() -> None:
    # Forked after parallel_build's article_generator_finalized has closed its
    # reading pool (it registers first), taken before it renders any page.
    signals.article_generator_init.connect(drop_pending)
    signals.article_generator_finalized.connect(start_attaching)
    signals.all_generators_finalized.connect(finish_attaching)
