"""Pelican glue: read the articles and render the blog's pages on every core.

The one module that reaches into Pelican internals; each is named at the
Pelican pin in requirements.in and checked by tests/parallel_build/
test_pelican_internals.py, which fails on an upgrade that changes them:

- `ArticlesGenerator.readers` (a `Readers`): its `readers` dict of reader
  instances by file suffix, its `settings`, and `get_cached_data(path)`;
  `Readers.read_file` calls `reader.read(path)` with
  `os.path.abspath(os.path.join(generator.path, relative_path))`, for the
  files `generator.get_files(ARTICLE_PATHS, exclude=ARTICLE_EXCLUDES)` lists,
  in that order, and only when neither content cache holds the file;
- `Writer._open_w(filename, encoding, override)` ends with
  `open(filename, "w", encoding=encoding)`, looked up in `pelican.writers`'
  globals (so a module attribute `open` is found before the builtin), and
  the caller writes in a `with` block;
- `Writer.write_file(name, template, context, relative_urls, ..., override_output, **kwargs)`
  and the sets `Writer._written_files` and `Writer._overridden_files`;
- `ArticlesGenerator.generate_output` is the first to write, and sends
  `article_writer_finalized` when it has written every blog page.

Reading: when the articles generator is created, the Markdown files no cache
holds are handed to a worker pool; each reader's `read` is replaced, for
that build only, by one that takes the worker's result (or reads the file
itself if it gets there first). Everything else in Pelican's `read_file`
(signals, metadata from paths, the content cache) runs as before, in order.

Writing: a writer (Pelican's, through the public `get_writer` signal) defers
the pages the articles generator writes (articles, drafts, index, archives,
tag, category and author lists) and renders them in a worker pool when that
generator is done, before any other generator writes.
"""

import io
import logging
import os
from functools import partial
from pathlib import Path
from weakref import WeakKeyDictionary

from common.files import write_if_changed
from pelican import signals
from pelican import writers as pelican_writers
from pelican.utils import file_suffix
from pelican.writers import FileOverwriteFailedError, Writer

from .settings import load_settings
from .worker_pool import WorkerPool

logger = logging.getLogger(__name__)

# An articles generator -> its reading pool, from its creation to its finalized signal.
_reading: WeakKeyDictionary = WeakKeyDictionary()


def _workers(settings: dict) -> int:
    return load_settings(settings.get("PARALLEL_BUILD")).workers


def check_settings(pelican) -> None:
    """Fail at start-up, naming the key, rather than halfway through a build."""
    _workers(pelican.settings)


def start_reading(generator) -> None:
    """Send the files no cache holds to workers; make the readers take their results."""
    workers = _workers(generator.settings)
    readers = generator.readers
    paths = [] if workers < 2 else _uncached_sources(generator)
    if len(paths) < 2:
        return
    originals = {fmt: reader.read for fmt, reader in readers.readers.items()}

    def read(path):
        return originals[file_suffix(path)](path)

    pool = WorkerPool(paths, read, workers - 1, shared=readers.settings)
    positions = {path: index for index, path in enumerate(paths)}
    for fmt, reader in readers.readers.items():
        reader.read = partial(_take, pool, positions, originals[fmt])
    _reading[generator] = pool


def _uncached_sources(generator) -> list[str]:
    settings = generator.settings
    readers = generator.readers
    sources = []
    for relative in generator.get_files(
        settings["ARTICLE_PATHS"], exclude=settings["ARTICLE_EXCLUDES"]
    ):
        path = os.path.abspath(os.path.join(generator.path, relative))
        if (
            file_suffix(path) in readers.readers
            and generator.get_cached_data(relative, None) is None
            and readers.get_cached_data(path, None) is None
        ):
            sources.append(path)
    return sources


def _take(pool: WorkerPool, positions: dict[str, int], original, path: str):
    index = positions.get(path)
    return original(path) if index is None else pool.result(index)


def finish_reading(generator) -> None:
    """Stop the pool and give the readers back their own `read`."""
    pool = _reading.pop(generator, None)
    if pool is None:
        return
    pool.close()
    for reader in generator.readers.readers.values():
        vars(reader).pop("read", None)
    logger.info("parallel_build: %d source files read by workers", pool.done_by_workers)


class PageFile(io.StringIO):
    """A page being written: stored when complete, and only if the file's bytes differ."""

    def __init__(self, path: str, mode: str, encoding: str):
        super().__init__()
        self._path, self._encoding = path, encoding

    def __exit__(self, exc_type, exc, traceback):
        # A page that failed half-way leaves the file as it was.
        if exc_type is None:
            write_if_changed(Path(self._path), self.getvalue().encode(self._encoding))
        return super().__exit__(exc_type, exc, traceback)


class ParallelWriter(Writer):
    """Pelican's writer; the pages the articles generator writes are rendered by a worker pool.

    A page is deferred when Pelican would render it with nothing but its
    arguments: absolute URLs (relative ones change the shared context per
    page), no override, and no `content_written` receiver (which must see
    each page in this process). Any other write first renders every deferred
    page, so files are written in the same order as a serial build.
    """

    def __init__(self, output_path, settings=None):
        super().__init__(output_path, settings=settings)
        self._workers = _workers(self.settings)
        self._deferring = self._workers > 1
        self._jobs: list[tuple] = []

    def write_file(
        self, name, template, context, relative_urls=False, override_output=False, **kwargs
    ):
        if not name:  # Pelican writes nothing for these (an empty *_SAVE_AS)
            return
        if (
            self._deferring
            and not relative_urls
            and not override_output
            and not signals.content_written.receivers
        ):
            self._jobs.append((name, template, context.copy(), kwargs))
            return
        self.flush()
        super().write_file(
            name, template, context, relative_urls, override_output=override_output, **kwargs
        )

    def flush(self) -> None:
        """Render every deferred page (in order, as far as the files can tell)."""
        jobs, self._jobs = self._jobs, []
        if not jobs:
            return
        me = os.getpid()
        with WorkerPool(jobs, self._render, self._workers - 1) as pool:
            for index in range(len(jobs)):
                pid, written = pool.result(index)
                if pid != me:
                    self._adopt(written)
        logger.info(
            "parallel_build: %d of %d page jobs rendered by workers",
            pool.done_by_workers,
            len(jobs),
        )

    def stop_deferring(self) -> None:
        self.flush()
        self._deferring = False

    def _render(self, job: tuple) -> tuple[int, list[str]]:
        name, template, context, kwargs = job
        before = set(self._written_files)
        Writer.write_file(self, name, template, context, **kwargs)
        return os.getpid(), sorted(self._written_files - before)

    def _open_w(self, filename, encoding, override=False):
        # Pelican's own checks and bookkeeping, then its `open` call, which
        # finds `PageFile` first in its module: a page is rewritten only when
        # its bytes change, so an unchanged page keeps its modification time.
        pelican_writers.open = PageFile
        try:
            return super()._open_w(filename, encoding, override)
        finally:
            del pelican_writers.open

    def _adopt(self, written: list[str]) -> None:
        # What Writer._open_w checks before each write, for pages a worker wrote.
        for path in written:
            if path in self._written_files and path != os.devnull:
                raise FileOverwriteFailedError(
                    f'Failed to overwrite "{path}" as Pelican has already written to it '
                    "previously (set `override=True` if intended)"
                )
            self._written_files.add(path)


def get_writer(pelican):
    return ParallelWriter


def finish_writing(generator, writer) -> None:
    if isinstance(writer, ParallelWriter):
        writer.stop_deferring()


def register() -> None:
    signals.initialized.connect(check_settings)
    signals.article_generator_init.connect(start_reading)
    signals.article_generator_finalized.connect(finish_reading)
    signals.get_writer.connect(get_writer)
    signals.article_writer_finalized.connect(finish_writing)
