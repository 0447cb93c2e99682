"""Reading time and related articles for article pages."""

from .plugin import register

__all__ = ["register"]
