"""Topic pages that guide: an intro of ours and "start here" articles on each category page."""

from .plugin import register

__all__ = ["register"]
