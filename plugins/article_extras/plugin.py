"""Pelican glue: attach reading time, related, older and newer articles to each article."""

from pelican import signals
from pelican.contents import Article
from pelican.generators import ArticlesGenerator

from .reading import reading_minutes
from .related import Tagged, related_by_tags
from .settings import load_settings


def attach_extras(generators) -> None:
    # After every generator has run, so `article.content` is read once with its
    # {static} and {filename} links resolved (Pelican memoizes it).
    generator = next(g for g in generators if isinstance(g, ArticlesGenerator))
    settings = load_settings(generator.settings.get("ARTICLE_EXTRAS"))
    _freeze_urls(generator)
    articles = generator.articles
    for article in articles:
        article.reading_minutes = reading_minutes(article.content, settings.words_per_minute)
    items = [
        Tagged(key=index, tags=frozenset(t.slug for t in getattr(a, "tags", [])), date=a.date)
        for index, a in enumerate(articles)
    ]
    related = related_by_tags(items, settings.related_count)
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
