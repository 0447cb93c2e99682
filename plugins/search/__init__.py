"""Static full-text search: a Pagefind index of the article pages, written after every build."""

from .plugin import register

__all__ = ["register"]
