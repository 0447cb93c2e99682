"""Where each feed file lives, and the `FEED_LINKS` map the templates read.

Category and tag feeds get their own folders so a category and a tag with
the same slug never write the same file.
"""

from collections.abc import Iterable

SUFFIXES = {"rss": ".rss.xml", "atom": ".atom.xml", "json": ".json"}
SITE_FORMATS = ("rss", "atom", "json")
TAXONOMY_FORMATS = ("rss", "atom")


def feed_path(stem: str, fmt: str) -> str:
    """Output path of one feed file, e.g. ("category/networking", "rss")."""
    return f"feeds/{stem}{SUFFIXES[fmt]}"


def feed_urls(base: str, stem: str, formats: Iterable[str]) -> dict[str, str]:
    """Public URL of each format of one feed, keyed by format name."""
    return {fmt: f"{base}/{feed_path(stem, fmt)}" for fmt in formats}


def feed_links(base: str, category_slugs: Iterable[str], tag_slugs: Iterable[str]) -> dict:
    """Every feed URL of the site, as templates see it in `FEED_LINKS`.

    `FEED_LINKS.all.rss|atom|json`, `FEED_LINKS.category[slug].rss|atom`,
    `FEED_LINKS.tag[slug].rss|atom`, `FEED_LINKS.mentions.rss|atom`.
    """
    return {
        "all": feed_urls(base, "all", SITE_FORMATS),
        "category": {
            slug: feed_urls(base, f"category/{slug}", TAXONOMY_FORMATS) for slug in category_slugs
        },
        "tag": {slug: feed_urls(base, f"tag/{slug}", TAXONOMY_FORMATS) for slug in tag_slugs},
        "mentions": feed_urls(base, "mentions", TAXONOMY_FORMATS),
    }
