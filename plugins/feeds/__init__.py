"""Every feed of the site (RSS 2.0, Atom, JSON Feed 1.1), replacing Pelican's own.

Our own rather than Pelican's feed writer: that one leaves hand-written links
relative, emits an invalid RSS guid, builds a `tag:` id that changes with the
date or URL, and stamps nothing reproducible enough for byte-identical builds.
"""

from .plugin import register

__all__ = ["register"]
