"""sitemap.xml and robots.txt for the whole site.

Our own rather than the pelican-sitemap package: that one stamps index pages
with the build time, and we want two builds of the same content to be
byte-identical.
"""

from .plugin import register

__all__ = ["register"]
