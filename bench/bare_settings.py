"""Bare Pelican for the benchmark: its default theme (notmyidea), no plugins.

Everything not set here is Pelican's default, on purpose: that is what "bare
Pelican" means. In particular its default feeds stay on (all articles in Atom,
one Atom feed per category, Atom and RSS per author): our site writes feeds
too, so turning Pelican's off would flatter the baseline. Only these differ
from the defaults, each for a reason:
"""

SITENAME = "Benchmark"
# Absolute, so the default feeds have valid links (Pelican warns otherwise).
SITEURL = "http://127.0.0.1:8000"
TIMEZONE = "America/New_York"
# The corpus keeps articles and pages apart, as our site does.
ARTICLE_PATHS = ["articles"]
PAGE_PATHS = ["pages"]
# An empty list loads no plugin (None would load every installed namespace plugin).
PLUGINS = []
# The content cache, so bare Pelican gets the same warm builds as our site.
CACHE_CONTENT = True
LOAD_CONTENT_CACHE = True
