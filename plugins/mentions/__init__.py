"""Social mentions (Webmentions and imported posts) kept in the repo and shown under articles."""

from .plugin import register

__all__ = ["register"]
