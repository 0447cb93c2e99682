"""Markdown as Pelican reads it, faster, with the same HTML.

Two parts, both measured by `make bench` (see the README):
- the reader keeps one Markdown instance per build and resets it between
  files, instead of building a new one (every extension re-registered) for
  each file as Pelican's reader does;
- `fast_markdown.typography`, a Markdown extension for smart punctuation that
  makes one pass over the finished HTML (SmartyPants), instead of
  Python-Markdown's `smarty`, which adds a second inline-pattern pass over
  every text node and cost a third of a cold build.
"""

from .plugin import register

__all__ = ["register"]
