"""Pelican glue: turn the built-in feeds off and write ours from a generator.

The generator publishes `FEED_LINKS` (every feed URL) to the templates in
`generate_context`, and writes the files in `generate_output`, when other
plugins (mentions) have attached their data to the articles.

Our own content over the size limit stops the build with an error naming the
setting to lower. The mentions feed is written from outside data, so it never
does: when its newest `mentions_max_items` entries would not fit, the oldest
are left out (with a warning) until it does.

With the content cache on (CACHE_CONTENT), a feed whose inputs did not
change since the last build, and whose files are still as written, is not
serialized again (`feed_cache.py`); every file is rewritten only when its
bytes change.
"""

import logging
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from zoneinfo import ZoneInfo

from common.build_cache import BuildCache
from common.files import stamps, unchanged, write_if_changed
from pelican import signals

from . import feed_cache
from .build import build_atom, build_rss, check_size, fitting
from .jsonfeed import build_json
from .mention_entries import newest_entries
from .model import FeedEntry, FeedInfo, in_zone, last_update, newest_first, plain_text
from .paths import SITE_FORMATS, TAXONOMY_FORMATS, feed_links, feed_path, feed_urls
from .settings import feed_base, load_settings
from .urls import absolutize

logger = logging.getLogger(__name__)

# Every setting that makes Pelican's own writer produce a feed. Left on, they
# would add a second, inferior set of files (relative links, invalid guids).
BUILTIN_FEED_SETTINGS = (
    "FEED_ATOM",
    "FEED_RSS",
    "FEED_ALL_ATOM",
    "FEED_ALL_RSS",
    "CATEGORY_FEED_ATOM",
    "CATEGORY_FEED_RSS",
    "AUTHOR_FEED_ATOM",
    "AUTHOR_FEED_RSS",
    "TAG_FEED_ATOM",
    "TAG_FEED_RSS",
    "TRANSLATION_FEED_ATOM",
    "TRANSLATION_FEED_RSS",
)
SERIALIZERS = {"rss": build_rss, "atom": build_atom, "json": build_json}
# The `updated` of a feed with no entry is the site's newest update, or this
# fixed instant when the site has no article: never the build time.
_NO_UPDATE = datetime(1970, 1, 1, tzinfo=UTC)
_TAXONOMIES = (
    ("category", "categories", "Articles filed under"),
    ("tag", "tags", "Articles tagged"),
)


def disable_builtin_feeds(pelican) -> None:
    """Set every built-in feed setting to None before any generator runs."""
    for key in BUILTIN_FEED_SETTINGS:
        pelican.settings[key] = None


class FeedsGenerator:
    """Pelican calls generate_context() then generate_output() on every generator."""

    def __init__(self, context, settings, path, theme, output_path, **_):
        self.context = context
        self.settings = settings
        self.output_path = Path(output_path)
        self.options = load_settings(settings.get("FEEDS"))
        self.base = feed_base(settings["SITEURL"], self.options)
        self.zone = ZoneInfo(settings.get("TIMEZONE") or "UTC")
        # Outlines (everything but content) exist for every article; content
        # is read only for the articles a feed lists, and absolutized only for
        # those in a feed that must be written again, once each.
        self._outlines: dict[str, FeedEntry] = {}
        self._sources: dict[str, tuple[FeedEntry, str, str]] = {}
        self._entries: dict[str, FeedEntry] = {}
        self._cache = BuildCache(settings, feed_cache.FILE, feed_cache.VERSION)
        self._written: dict[str, feed_cache.Written] = {}
        self._code = feed_cache.code_digest() if self._cache.enabled else b""

    def generate_context(self) -> None:
        categories = [category.slug for category, _ in self.context["categories"]]
        tags = [tag.slug for tag, _ in self.context["tags"]]
        self.context["FEED_LINKS"] = feed_links(self.base, categories, tags)

    def generate_output(self, writer) -> None:
        sitename = self.settings["SITENAME"]
        articles = self.context["articles"]
        site_updated = last_update(map(self._outline, articles), _NO_UPDATE)
        sources = self._newest(articles, self.options.max_items)
        self._write_feed(
            "all",
            SITE_FORMATS,
            partial(self._complete, sources),
            sources,
            "max_items",
            title=sitename,
            subtitle=self.settings.get("SITESUBTITLE") or sitename,
            home_url=f"{self.base}/",
            updated=last_update((outline for outline, _, _ in sources), site_updated),
        )
        for kind, context_key, label in _TAXONOMIES:
            for taxonomy, members in self.context[context_key]:
                sources = self._newest(members, self.options.taxonomy_max_items)
                self._write_feed(
                    f"{kind}/{taxonomy.slug}",
                    TAXONOMY_FORMATS,
                    partial(self._complete, sources),
                    sources,
                    "taxonomy_max_items",
                    title=f"{sitename}: {taxonomy.name}",
                    subtitle=f"{label} “{taxonomy.name}” on {sitename}",
                    home_url=f"{self.base}/{taxonomy.url}",
                    updated=last_update((outline for outline, _, _ in sources), site_updated),
                )
        mentions = self._mention_entries(articles)
        self._write_feed(
            "mentions",
            TAXONOMY_FORMATS,
            lambda: mentions,
            mentions,
            "mentions_max_items",
            outside=True,
            title=f"{sitename}: mentions",
            subtitle=f"Replies, likes and mentions of {sitename} articles around the web",
            home_url=f"{self.base}/",
            updated=last_update(mentions, site_updated),
        )
        self._cache.save(self._written)

    def _write_feed(
        self,
        stem: str,
        formats: tuple[str, ...],
        make_entries: Callable[[], list[FeedEntry]],
        inputs: list,
        setting: str,
        *,
        outside: bool = False,
        **about,
    ) -> None:
        """Write each format of one feed, whose length FEEDS[`setting`] bounds.

        `make_entries` gives the entries, and is called only when the files
        must be written; `inputs` is every value they are made from (the
        cache key). `about` holds FeedInfo's title, subtitle, home_url and
        updated. An `outside` feed (built from strangers' data) drops its
        oldest entries until every format fits under the size limit.
        """
        urls = feed_urls(self.base, stem, formats)
        infos = {
            fmt: FeedInfo(
                language=self.settings["DEFAULT_LANG"],
                feed_url=urls[fmt],
                hub=self.options.hub,
                **about,
            )
            for fmt in formats
        }
        key = feed_cache.feed_key(self._code, str(self.output_path), setting, infos, inputs)
        before = self._cache.previous.get(stem)
        if before is not None and before.key == key and unchanged(before.files):
            self._written[stem] = before
            self._warn_dropped(stem, before.kept)
            return
        entries = make_entries()
        dropped = None
        if outside:
            kept = min(fitting(entries, partial(SERIALIZERS[f], i)) for f, i in infos.items())
            if kept < len(entries):
                dropped = (kept, len(entries))
                self._warn_dropped(stem, dropped)
                entries = entries[:kept]
        targets = []
        for fmt, info in infos.items():
            data = SERIALIZERS[fmt](info, entries)
            path = feed_path(stem, fmt)
            check_size(path, data, setting)
            target = self.output_path / path
            target.parent.mkdir(parents=True, exist_ok=True)
            write_if_changed(target, data)
            targets.append(str(target))
        if self._cache.enabled:
            self._written[stem] = feed_cache.Written(key, dropped, stamps(targets))

    @staticmethod
    def _warn_dropped(stem: str, dropped: tuple[int, int] | None) -> None:
        if dropped is not None:
            logger.warning(
                "feeds/%s: only the newest %d of %d entries fit under the size limit",
                stem,
                *dropped,
            )

    def _outline(self, article) -> FeedEntry:
        """The article's entry without content (cheap; cached)."""
        key = article.source_path
        if key not in self._outlines:
            url = f"{self.base}/{article.url}"
            published = in_zone(article.date, self.zone)
            modified = getattr(article, "modified", None)
            try:
                self._outlines[key] = FeedEntry(
                    # A moved post keeps its old id through `Feed_id:` metadata,
                    # so readers do not show it again as new.
                    id=getattr(article, "feed_id", None) or url,
                    url=url,
                    title=plain_text(article.title),
                    content_html="",
                    summary_html="",
                    authors=tuple(author.name for author in getattr(article, "authors", ())),
                    published=published,
                    updated=max(published, in_zone(modified, self.zone)) if modified else published,
                    categories=(article.category.name, *(tag.name for tag in article.tags)),
                )
            except ValueError as error:
                raise ValueError(f"{article.source_path}: {error}") from None
        return self._outlines[key]

    def _newest(self, articles, limit: int) -> list[tuple[FeedEntry, str, str]]:
        """The `limit` newest articles, each as its outline, content and summary."""
        article_by_id = {self._outline(article).id: article for article in articles}
        chosen = newest_first(map(self._outline, articles), limit)
        return [self._source(outline, article_by_id[outline.id]) for outline in chosen]

    def _source(self, outline: FeedEntry, article) -> tuple[FeedEntry, str, str]:
        """What the article's entry is made from (its content is read once)."""
        if outline.id not in self._sources:
            self._sources[outline.id] = (outline, article.content, article.summary)
        return self._sources[outline.id]

    def _complete(self, sources: list[tuple[FeedEntry, str, str]]) -> list[FeedEntry]:
        """Each outline with its content and summary, every URL absolute."""
        for outline, content, summary in sources:
            if outline.id not in self._entries:
                self._entries[outline.id] = replace(
                    outline,
                    content_html=absolutize(content, outline.url),
                    summary_html=absolutize(summary, outline.url),
                )
        return [self._entries[outline.id] for outline, _, _ in sources]

    def _mention_entries(self, articles) -> list[FeedEntry]:
        """The newest entries of the mentions feed, up to FEEDS["mentions_max_items"]."""
        mentions = []
        for article in articles:
            outline = self._outline(article)
            mentions += [(m, outline.url, outline.title) for m in getattr(article, "mentions", [])]
        return newest_entries(mentions, self.options.mentions_max_items, self.zone)


def get_generators(_pelican):
    return FeedsGenerator


def register() -> None:
    signals.initialized.connect(disable_builtin_feeds)
    signals.get_generators.connect(get_generators)
