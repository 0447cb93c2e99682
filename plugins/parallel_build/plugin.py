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
  `article_writer_finalized` when it has written every blog page;
- `Content.get_content` and `Content.get_summary` are `memoized` class
  attributes through which the `content` and `summary` properties read a
  body, which is kept in `_content`; `get_summary` returns
  `metadata["summary"]` as is when there is one; content objects refer to
  the settings and the site context as `settings` and `_context`, tags,
  categories and authors (`URLWrapper`) to the settings as `settings`;
- `ArticlesGenerator.tags` (a dict), `.categories` and `.authors` (lists of
  pairs) hold lists of articles, read again when its `generate_output`
  writes the tag, category and author pages, each filtering `self.dates`
  with `article in articles`.

Reading: when the articles generator is created, the Markdown files no cache
holds are handed to a worker pool; each reader's `read` is replaced, for
that build only, by one that takes the worker's result (or reads the file
itself if it gets there first). Everything else in Pelican's `read_file`
(signals, metadata from paths, the content cache) runs as before, in order.

Listing: the article lists of tags, categories and authors answer `in` from
a set (`membership.py`), which Pelican asks once per article per list page.

Writing: a writer (Pelican's, through the public `get_writer` signal) defers
the pages the articles generator writes (articles, drafts, index, archives,
tag, category and author lists) and renders them in a worker pool when that
generator is done, before any other generator writes. With the content
cache on, a page whose inputs did not change since the last build, and
whose files are still in the output as written, is not rendered again
(`page_cache.py`); every file is rewritten only when its bytes change.
"""

import atexit
import gc
import io
import logging
import os
import pickle
import sys
from functools import partial
from importlib.metadata import version
from pathlib import Path
from weakref import WeakKeyDictionary

from common.files import write_atomic, write_if_changed
from pelican import signals
from pelican import writers as pelican_writers
from pelican.contents import Content
from pelican.generators import ArticlesGenerator
from pelican.urlwrappers import URLWrapper
from pelican.utils import file_suffix
from pelican.writers import FileOverwriteFailedError, Writer

from . import page_cache
from .membership import IdentityList
from .settings import load_settings
from .worker_pool import WorkerPool

logger = logging.getLogger(__name__)

# An articles generator -> its reading pool, from its creation to its finalized signal.
_reading: WeakKeyDictionary = WeakKeyDictionary()
PAGE_CACHE_FILE = "parallel_build-pages.pickle"
# What a page's digest leaves out: a content object's body (`_content`, which
# pages read through `get_content` and `get_summary`, noted as a page renders)
# and every reference to the settings or the site context (digested once).
LEFT_OUT = {
    Content: frozenset({"_content", "settings", "_context"}),
    URLWrapper: frozenset({"settings"}),
}


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
        self._previous: dict[str, page_cache.Entry] | None = None
        self._entries: dict[str, page_cache.Entry] = {}

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
            self._jobs.append((name, template, self._copy(context), kwargs))
            return
        self.flush()
        super().write_file(
            name, template, context, relative_urls, override_output=override_output, **kwargs
        )

    def _copy(self, context: dict) -> dict:
        # One copy for every page written with the same context (Pelican's
        # write_file copies it again before adding a page's arguments).
        if self._jobs and page_cache.same_values(context, self._jobs[-1][2]):
            return self._jobs[-1][2]
        return context.copy()

    def flush(self) -> None:
        """Render every deferred page whose inputs changed (in order, as far as the files can tell)."""
        jobs, self._jobs = self._jobs, []
        if not jobs:
            return
        previous = self._load_cache() if self.settings.get("CACHE_CONTENT") else {}
        workers = self._workers - 1
        with _noting_bodies():
            if previous:
                snapshot = self._snapshot(jobs)
                todo = self._changed(jobs, snapshot, previous)
                pool = WorkerPool([job for job, _ in todo], self._render, workers)
            else:
                # Every page renders: the workers start on theirs while this
                # process digests every page's inputs (before it renders any).
                pool = WorkerPool(jobs, self._render, workers)
                snapshot = self._snapshot(jobs, pool.poll)
                todo = [(job, snapshot and self._inputs(snapshot, job, pool.poll)) for job in jobs]
            with pool:
                files = self._render_all(todo, snapshot, pool)
        logger.info(
            "parallel_build: %d of %d page jobs rendered by workers, %d unchanged; "
            "%d of %d files written by workers",
            pool.done_by_workers,
            len(jobs),
            len(jobs) - len(todo),
            files[1],
            sum(files),
        )

    def _changed(self, jobs: list[tuple], snapshot, previous: dict) -> list[tuple]:
        """The jobs, with their inputs, whose key or files differ from the last build's."""
        todo = []
        for job in jobs:
            inputs = snapshot and self._inputs(snapshot, job)
            old = previous.get(job[0])
            if old and old.intact() and snapshot.key(inputs, old.reads) == old.key:
                self._adopt([path for path, _, _ in old.outputs])
                self._entries[job[0]] = old
            else:
                todo.append((job, inputs))
        return todo

    @staticmethod
    def _inputs(snapshot: page_cache.Snapshot, job: tuple, poll=None) -> bytes | None:
        if poll:
            poll()
        name, template, context, kwargs = job
        return snapshot.inputs(context, (name, template.name), kwargs)

    def _render_all(self, todo: list[tuple], snapshot, pool: WorkerPool) -> list[int]:
        """Take every job's result in order; the files written here and by workers."""
        me = os.getpid()
        files = [0, 0]
        for index, (job, inputs) in enumerate(todo):
            pid, written, reads = pool.result(index)
            if pid != me:
                self._adopt(written)
            files[pid != me] += len(written)
            key = snapshot and snapshot.key(inputs, reads)
            if key:
                self._entries[job[0]] = page_cache.entry(key, reads, written)
        return files

    def stop_deferring(self) -> None:
        self.flush()
        self._deferring = False
        if self._previous is not None and self.settings.get("CACHE_CONTENT"):
            data = {"version": page_cache.VERSION, "pages": self._entries}
            path = Path(self.settings["CACHE_PATH"], PAGE_CACHE_FILE)
            write_atomic(path, pickle.dumps(data, pickle.HIGHEST_PROTOCOL))

    def _snapshot(self, jobs: list[tuple], between=None) -> page_cache.Snapshot | None:
        """What these pages are rendered from, or None when pages are not cached."""
        if not self.settings.get("CACHE_CONTENT"):
            return None
        environment = jobs[0][1].environment
        try:
            templates = [
                (name, environment.loader.get_source(environment, name)[0])
                for name in environment.list_templates()
            ]
        except TypeError:  # a loader that cannot list its templates
            return None
        versions = " ".join([sys.version, *(version(p) for p in ("pelican", "jinja2", "markdown"))])
        code = page_cache.code_digest(templates, self.settings.get("PLUGIN_PATHS", []), versions)
        snapshot = page_cache.Snapshot(
            context=jobs[0][2],
            left_out=LEFT_OUT,
            content_type=Content,
            body=lambda content: content._content,
            code=code,
            helpers=(sorted(environment.filters.items()), sorted(environment.globals.items())),
            between=between,
        )
        if snapshot.site is None:
            logger.info("parallel_build: the site context cannot be digested; rendering every page")
            return None
        return snapshot

    def _load_cache(self) -> dict[str, page_cache.Entry]:
        if self._previous is None:
            self._previous = {}
            path = Path(self.settings["CACHE_PATH"], PAGE_CACHE_FILE)
            if self.settings.get("LOAD_CONTENT_CACHE") and path.is_file():
                try:
                    data = pickle.loads(path.read_bytes())
                    if data.get("version") == page_cache.VERSION:
                        self._previous = data["pages"]
                except Exception:  # an unreadable cache only costs a full render
                    logger.info("parallel_build: ignoring the unreadable page cache %s", path)
        return self._previous

    def _render(self, job: tuple) -> tuple[int, list[str], list[str]]:
        name, template, context, kwargs = job
        before = set(self._written_files)
        _bodies_read.clear()
        Writer.write_file(self, name, template, context, **kwargs)
        return os.getpid(), sorted(self._written_files - before), sorted(_bodies_read)

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


# The sources whose bodies the page being rendered has read.
_bodies_read: set[str] = set()


class _NotingBody:
    """Wraps `Content.get_content` or `get_summary` (memoized): notes whose body a page reads."""

    def __init__(self, method):
        self.method = method

    def __get__(self, content, owner=None):
        # A summary given in the metadata (digested with it) is not the body.
        if content is not None and not (
            self.method.func.__name__ == "get_summary" and "summary" in content.metadata
        ):
            _bodies_read.add(content.source_path)
        return self.method.__get__(content, owner)


class _noting_bodies:
    """While rendering deferred pages (in this process and the workers it forks)."""

    def __enter__(self):
        for name in ("get_content", "get_summary"):
            setattr(Content, name, _NotingBody(vars(Content)[name]))

    def __exit__(self, *exc):
        for name in ("get_content", "get_summary"):
            setattr(Content, name, vars(Content)[name].method)


def index_lists(generators) -> None:
    """Give the tag, category and author pages' article lists a set lookup for `in`."""
    for generator in generators:
        if isinstance(generator, ArticlesGenerator):
            for tag, articles in generator.tags.items():
                generator.tags[tag] = IdentityList(articles)
            for name in ("categories", "authors"):
                pairs = getattr(generator, name)
                setattr(generator, name, [(key, IdentityList(items)) for key, items in pairs])


def get_writer(pelican):
    return ParallelWriter


def finish_writing(generator, writer) -> None:
    if isinstance(writer, ParallelWriter):
        writer.stop_deferring()


def register() -> None:
    # At exit, before Python's last full collection: a built site's millions of
    # objects die by reference counts anyway, so that collection only walks
    # them (0.6 s of a 5 s warm build at 4,000 articles). Only at exit: the dev
    # server runs many builds in one process and must collect between them.
    atexit.register(gc.freeze)
    signals.initialized.connect(check_settings)
    signals.article_generator_init.connect(start_reading)
    signals.article_generator_finalized.connect(finish_reading)
    signals.all_generators_finalized.connect(index_lists)
    signals.get_writer.connect(get_writer)
    signals.article_writer_finalized.connect(finish_writing)
