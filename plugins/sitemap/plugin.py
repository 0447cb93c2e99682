"""Pelican glue: a generator that writes sitemap.xml and robots.txt last."""

from pathlib import Path

from common.files import write_if_changed
from pelican import signals

from .render import SitemapUrl, render_robots, render_sitemap


class SitemapGenerator:
    """Pelican calls generate_context() then generate_output() on every generator."""

    def __init__(self, context, settings, path, theme, output_path, **_):
        self.context = context
        self.settings = settings
        self.output_path = output_path

    def generate_context(self) -> None:
        """Nothing to add: the sitemap only reads what the other generators made."""

    def generate_output(self, writer) -> None:
        siteurl = self.settings["SITEURL"]
        _write(self.output_path, "sitemap.xml", render_sitemap(self._urls(siteurl)))
        _write(self.output_path, "robots.txt", render_robots(f"{siteurl}/sitemap.xml"))

    def _urls(self, siteurl: str):
        articles = self.context["articles"]
        newest = max((_lastmod(a) for a in articles), default=None)
        yield SitemapUrl(f"{siteurl}/", newest)
        for article in articles:
            yield SitemapUrl(f"{siteurl}/{article.url}", _lastmod(article))
        for page in self.context["pages"]:
            yield SitemapUrl(f"{siteurl}/{page.url}", _lastmod(page))
        for key in ("categories", "tags", "authors"):
            for taxonomy, members in self.context[key]:
                yield SitemapUrl(f"{siteurl}/{taxonomy.url}", max(_lastmod(a) for a in members))
        for template in ("archives", "categories", "tags", "authors"):
            yield SitemapUrl(f"{siteurl}/{self.settings[template.upper() + '_URL']}", newest)


def _lastmod(content):
    return getattr(content, "modified", None) or getattr(content, "date", None)


def _write(output_path: str, name: str, text: str) -> None:
    write_if_changed(Path(output_path, name), text.encode("utf-8"))


def get_generators(_pelican):
    return SitemapGenerator


def register() -> None:
    signals.get_generators.connect(get_generators)
