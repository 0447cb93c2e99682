"""Template fragments rendered once per build: the theme's `render_once` call block.

An article's summary in a list comes out the same on the home page, its topic's page, its
author's page and each of its tags' pages; `{% call render_once(key, ...) %}...{% endcall %}`
renders the block the first time a key is seen and reuses the result for the rest of the build
(see fragments.py). Each generator's template environment gets its own, so nothing outlives a
build, and the dev server's rebuilds start empty.
"""

from .plugin import register

__all__ = ["register"]
