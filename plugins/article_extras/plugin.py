"""Pelican glue: attach reading time, related, older and newer articles to each article.

With the content cache on, both results are kept for the next build
(CACHE_PATH/article_extras.pickle, `common.build_cache`): reading time by a
digest of the article's rendered HTML, related articles with the digest of
every article's tags, date and place (`related.ranking_key`). An edited body
counts its words again and ranks nothing; the settings and this package's
code are part of the cache's version, so changing either starts afresh.
"""

import hashlib
from pathlib import Path

from common.build_cache import BuildCache, source_digest
from pelican import signals
from pelican.contents import Article
from pelican.generators import ArticlesGenerator

from .reading import reading_minutes
from .related import Tagged, ranking_key, related_by_tags
from .settings import load_settings

CACHE_FILE = "article_extras.pickle"


def attach_extras(generators) -> None:
    # After every generator has run, so `article.content` is read once with its
    # {static} and {filename} links resolved (Pelican memoizes it).
    generator = next(g for g in generators if isinstance(g, ArticlesGenerator))
    settings = load_settings(generator.settings.get("ARTICLE_EXTRAS"))
    cache = BuildCache(
        generator.settings, CACHE_FILE, (source_digest([Path(__file__).parent]), settings)
    )
    _freeze_urls(generator)
    articles = generator.articles
    known = cache.previous.get("minutes", {})
    minutes = {}
    for article in articles:
        digest = hashlib.sha256(article.content.encode("utf-8", "surrogatepass")).digest()
        if digest not in minutes:
            minutes[digest] = known.get(digest) or reading_minutes(
                article.content, settings.words_per_minute
            )
        article.reading_minutes = minutes[digest]
    items = [
        Tagged(key=index, tags=frozenset(t.slug for t in getattr(a, "tags", [])), date=a.date)
        for index, a in enumerate(articles)
    ]
    key = ranking_key(items, settings.related_count)
    last_key, last_related = cache.previous.get("related", (None, None))
    related = last_related if key == last_key else related_by_tags(items, settings.related_count)
    cache.save({"minutes": minutes, "related": (key, related)})
    # generator.articles is newest first.
    for index, article in enumerate(articles):
        article.related_articles = [articles[other] for other in related[index]]
        article.newer_article = articles[index - 1] if index > 0 else None
        article.older_article = articles[index + 1] if index + 1 < len(articles) else None


def _freeze_urls(generator) -> None:
    # Pelican formats article.url from the settings on every use, and a build
    # uses each one many times (lists, related and older/newer links, feeds,
    # the sitemap). Its own override, set to the same value, makes every later
    # use a plain attribute lookup; the URL of an article never changes once read.
    # generated_content holds every article read (drafts, hidden, translations).
    for content in generator.context["generated_content"].values():
        if isinstance(content, Article):
            content.override_url = content.url


def register() -> None:
    signals.all_generators_finalized.connect(attach_extras)
