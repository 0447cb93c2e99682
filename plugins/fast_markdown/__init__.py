"""Markdown as Pelican reads it, faster, with the same HTML.

Measured by `make bench` and the README's numbers:
- the reader keeps one Markdown instance per build and resets it between
  files, instead of building a new one (every extension re-registered) for
  each file as Pelican's reader does;
- `fast_markdown.typography`, a Markdown extension for smart punctuation that
  makes one pass over the finished HTML (SmartyPants), instead of
  Python-Markdown's `smarty`, which adds a second inline-pattern pass over
  every text node and cost a third of a cold build;
- in that instance, inline patterns (`inline`), block processors (`blocks`),
  the whitespace normalisation, the fenced-code search, the raw-HTML parse and
  the table of contents of a document without headings (`skips`) are skipped
  where they provably find nothing, and `is_block_level` remembers its answers
  for the rest of the document (`block_level`).
"""

from .plugin import register

__all__ = ["register"]
