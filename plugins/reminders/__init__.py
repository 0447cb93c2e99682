"""The keep-in-touch reminder builder: example .ics files and the tool page's settings."""

from .plugin import register

__all__ = ["register"]
