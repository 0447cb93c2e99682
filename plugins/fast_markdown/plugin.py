"""Pelican glue: read Markdown with one Markdown instance per build, and ISO dates directly."""

import re
from contextlib import suppress

from markdown import Markdown
from pelican import signals
from pelican.readers import MarkdownReader
from pelican.utils import SafeDatetime, pelican_open

from .block_level import remember_block_level
from .blocks import guard_block_processors
from .inline import guard_inline_patterns
from .skips import skip_what_cannot_apply

# Where markdown.extensions.meta registers its preprocessor (Markdown 3.x).
# Pelican's reader removes it to convert Summary; it goes back after each file.
META_PRIORITY = 27
DATE_FIELDS = ("date", "modified")
# The dates the fast path reads: ISO 8601, no offset; dateutil reads them alike.
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}(?:[ T]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?)?")


class FastMarkdownReader(MarkdownReader):
    """Pelican's MarkdownReader, with the same results for less work.

    - Its Markdown instance is built once instead of once per file:
      Markdown.reset() clears every extension's per-document state (Meta,
      footnotes, table of contents, abbreviations), which is what a fresh
      instance would give, without registering every extension again.
      That instance skips the inline patterns, block processors, whitespace
      normalisation, fenced-code search, raw-HTML parse and table of contents
      that provably find nothing (inline.py, blocks.py, skips.py), and
      remembers which tags are block-level (block_level.py).
    - An ISO 8601 date without an offset, what our headers hold, is read by
      the standard library; Pelican's dateutil parser, a hundred times
      slower, still reads every other form.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._reused: Markdown | None = None
        self._meta = None

    def read(self, source_path):
        if self._reused is None:
            self._reused = Markdown(**self.settings["MARKDOWN"])
            guard_inline_patterns(self._reused)
            guard_block_processors(self._reused)
            skip_what_cannot_apply(self._reused)
            remember_block_level(self._reused)
            self._meta = self._reused.preprocessors["meta"]
        md = self._md = self._reused
        self._source_path = source_path
        md.reset()
        try:
            with pelican_open(source_path) as text:
                content = md.convert(text)
            metadata = self._parse_metadata(md.Meta) if hasattr(md, "Meta") else {}
        finally:
            if "meta" not in md.preprocessors:
                md.preprocessors.register(self._meta, "meta", META_PRIORITY)
        return content, metadata

    def process_metadata(self, name, value):
        if name in DATE_FIELDS and ISO_DATE.fullmatch(value.strip()):
            with suppress(ValueError):  # 2026-02-30: Pelican's parser words the error
                return SafeDatetime.fromisoformat(value.strip())
        return super().process_metadata(name, value)


def use_fast_reader(readers) -> None:
    for extension, reader_class in list(readers.reader_classes.items()):
        if reader_class is MarkdownReader:
            readers.reader_classes[extension] = FastMarkdownReader


def register() -> None:
    signals.readers_init.connect(use_fast_reader)
