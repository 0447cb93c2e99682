"""Pelican glue: attach reading time, related, older and newer articles to each article.

With the content cache on, both results are kept for the next build
(CACHE_PATH/article_extras.pickle, `common.build_cache`): reading time by a
digest of the article's rendered HTML, related articles with the digest of
every article's tags, date and place (`related.ranking_key`). An edited body
counts its words again and ranks nothing; the settings and this package's
code are part of the cache's version, so changing either starts afresh.

Words are counted in an article's body as read (`_content`) when resolving
its links cannot change the count (`_countable_html`), so the main process
does not resolve the links of every article before the pages are rendered,
on every core, by parallel_build. That reads Pelican internals, named at its
pin in requirements.in and checked by tests/article_extras/test_pelican_links.py:
`Content._content` is what `get_content` hands to `_update_content`, which
rewrites only the matches of `_get_intrasite_link_regex()`.
"""

import hashlib
import re
from importlib.metadata import version
from pathlib import Path

from common.build_cache import BuildCache, source_digest
from pelican import signals
from pelican.contents import Article, Content
from pelican.generators import ArticlesGenerator

from .reading import reading_minutes
from .related import Tagged, ranking_key, related_by_tags
from .settings import load_settings

CACHE_FILE = "article_extras.pickle"
# Links that resolve without side effects ({attach} moves the file it links).
_PLAIN_LINKS = ("filename", "static")
# What a body's links are (`_links_verdict`).
_SAFE, _UNSAFE, _OTHER_LINKS = "safe", "unsafe", "other"


def attach_extras(generators) -> None:
    # After every generator has run: every body, and every URL a link in one
    # can resolve to, is known.
    generator = next(g for g in generators if isinstance(g, ArticlesGenerator))
    settings = load_settings(generator.settings.get("ARTICLE_EXTRAS"))
    # The link regex is built from this setting by Pelican's code.
    pelican = f"{version('pelican')} {generator.settings.get('INTRASITE_LINK_REGEX')}"
    cache = BuildCache(
        generator.settings, CACHE_FILE, (source_digest([Path(__file__).parent], pelican), settings)
    )
    _freeze_urls(generator)
    articles = generator.articles
    known = cache.previous.get("minutes", {})
    minutes = {}
    countable, verdicts = _countable_html(generator, cache.previous.get("links", {}))
    for article, (html, digest) in zip(articles, countable, strict=True):
        if digest not in minutes:
            minutes[digest] = known.get(digest) or reading_minutes(html, settings.words_per_minute)
        article.reading_minutes = minutes[digest]
    items = [
        Tagged(key=index, tags=frozenset(t.slug for t in getattr(a, "tags", [])), date=a.date)
        for index, a in enumerate(articles)
    ]
    key = ranking_key(items, settings.related_count)
    last_key, last_related = cache.previous.get("related", (None, None))
    related = last_related if key == last_key else related_by_tags(items, settings.related_count)
    cache.save({"minutes": minutes, "related": (key, related), "links": verdicts})
    # generator.articles is newest first.
    for index, article in enumerate(articles):
        article.related_articles = [articles[other] for other in related[index]]
        article.newer_article = articles[index - 1] if index > 0 else None
        article.older_article = articles[index + 1] if index + 1 < len(articles) else None


def _countable_html(
    generator, known: dict[bytes, str]
) -> tuple[list[tuple[str, bytes]], dict[bytes, str]]:
    """Per article, HTML with the words of `article.content` (reading.count_words), and its digest.

    That is the body as read, `_content`, when resolving its links cannot
    change the count; otherwise `content` itself (resolved once, memoized).
    Also each body's verdict on its links (`_links_verdict`), by digest:
    `known` holds the last build's.

    Why the count cannot change: Pelican's `get_content` only rewrites, in
    `_content`, the quoted value of a URL attribute inside a tag
    (`<...href="{filename}x.md"`). `count_words` drops `<pre>` blocks and
    every `<...>` run. When the old value and the new one hold no `<` or `>`,
    and the tag closes (a `>` follows before any `<`), both values lie in the
    same `<...>` run (or the same removed `<pre>` block), and neither can start
    or end one: the text outside every run is the same, and so are its words.
    The old value is checked here. The new one is the linked content's URL
    joined to the site URL, with the old value's own query and fragment (or
    the old value, when nothing is found); it holds no `<` or `>` when the
    old value does not, nor does any content URL or the site URL, and the
    old value has no `&` (Pelican may look it up HTML-unescaped).

    Only `{filename}` and `{static}` links are left unresolved, and only when
    no body anywhere holds another kind: `{attach}` moves the file it links,
    unless a link resolved earlier has already referenced that file, so
    leaving any link unresolved could change where a file is written.
    Pelican's warnings about a link it cannot resolve come when the page
    holding it is rendered.
    """
    articles = generator.articles
    verdicts: dict[bytes, str] = {}
    if not articles:
        return [], verdicts
    links = articles[0]._get_intrasite_link_regex()
    digests = {}
    for content in generator.context["generated_content"].values():
        if isinstance(content, Content) and isinstance(content._content, str):
            digest = digests[id(content)] = _digest(content._content)
            if digest not in verdicts:
                verdicts[digest] = known.get(digest) or _links_verdict(content._content, links)
    resolve = _OTHER_LINKS in verdicts.values() or not _plain_urls(generator)
    countable = []
    for article in articles:
        digest = digests.get(id(article))
        if resolve or verdicts.get(digest) != _SAFE or hasattr(article, "_get_content"):
            countable.append((article.content, _digest(article.content)))
        else:
            countable.append((article._content, digest))
    return countable, verdicts


def _links_verdict(body: str, links: re.Pattern) -> str:
    """`_OTHER_LINKS` when `body` has a link other than {filename} and {static}, else
    `_SAFE` when resolving them cannot change its words (`_count_safe`), else `_UNSAFE`."""
    found = list(links.finditer(body))
    if any(match["what"] not in _PLAIN_LINKS for match in found):
        return _OTHER_LINKS
    return _SAFE if all(_count_safe(body, match) for match in found) else _UNSAFE


def _digest(html: str) -> bytes:
    return hashlib.sha256(html.encode("utf-8", "surrogatepass")).digest()


def _count_safe(body: str, match) -> bool:
    """Whether resolving this link cannot change the words of `body` (see `_countable_html`)."""
    closes = body.find(">", match.end())
    opens = body.find("<", match.end())
    return (
        not any(c in match["path"] for c in "<>&") and closes >= 0 and (opens < 0 or closes < opens)
    )


def _plain_urls(generator) -> bool:
    """Whether the site URL and every content URL a link can resolve to hold no `<` or `>`."""
    context = generator.context
    urls = [context.get("localsiteurl", ""), generator.settings.get("SITEURL", "")]
    for key in ("generated_content", "static_content"):
        for content in context.get(key, {}).values():
            try:
                urls.append(content.url)
            except Exception:  # a URL Pelican could not make: resolve every link
                return False
    return not any("<" in url or ">" in url for url in urls)


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
