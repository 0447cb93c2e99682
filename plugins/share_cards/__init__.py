"""Share cards: a 1200×630 PNG of each article's title for og:image, drawn at build time.

Modules:
    plugin.py          Pelican glue: attaches each article's card, draws in a child, waits at the end
    forked_drawing.py  the cards put by one forked child while the build goes on; the rest at the end
    settings.py        the `SHARE_CARDS` setting
    cards.py           which card an article gets; the cache of drawn cards, linked into the output
    drawing.py         the layout and the drawing (wrapping, sizes, ellipsis, glyphs)
    palette_png.py     a palette PNG from bands of rows deflated apart
    fonts/             Liberation Sans Bold and its licence (OFL.txt), for the cards only
"""

from .plugin import register

__all__ = ["register"]
