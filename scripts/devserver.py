"""Development server with instant preview: what `make devserver` runs.

    python scripts/devserver.py [CONTENT] [-o OUTPUT] [-s SETTINGS] [-b 127.0.0.1] [-p 8000]
                                [--cache-path DIR] [--relative-urls] [-e KEY=JSON ...] [-D]

Serves OUTPUT on http://BIND:PORT and watches the content, the theme and the
settings file. Pelican's own `pelican -lr` rebuilds the whole site on every
change, so an edited article shows only after every page has been rendered
again (seconds at a thousand articles). Here one Pelican stays loaded in this
process, and when the change is an edit to articles it already built:

1. the edited files are read again with the last build's readers, swapped into
   its article lists, the plugins' finalized signals are sent again so their
   data (reading time, related articles, mentions) is recomputed, and only
   the edited pages are rendered: the page is served updated in a fraction
   of a second;
2. then a full build runs, with the content cache, and brings every list,
   feed and neighbouring page up to date. A preview that fails is one logged
   line; the full build runs all the same and the server keeps going.

Any other change (a new or deleted file, a page, an image, the theme) gets
the full build only; a change to the settings file reloads the settings and
rebuilds without the content cache, which does not know about settings.
"""

import argparse
import io
import logging
import os
import queue
import sys
import threading
import time
from contextlib import suppress
from http.server import ThreadingHTTPServer
from itertools import chain
from pathlib import Path

import watchfiles
from pelican import ParseOverrides, Pelican, signals
from pelican.contents import Article, SkipStub
from pelican.generators import ArticlesGenerator
from pelican.log import init as init_logging
from pelican.server import ComplexHTTPRequestHandler
from pelican.settings import read_settings
from pelican.utils import FileChangeFilter
from pelican.writers import Writer

logger = logging.getLogger("devserver")

ARTICLE_EXTENSIONS = (".md", ".markdown", ".mkd", ".mdown")
# Lists of an ArticlesGenerator that hold Article objects.
ARTICLE_LISTS = (
    "articles",
    "translations",
    "hidden_articles",
    "hidden_translations",
    "drafts",
    "drafts_translations",
    "dates",
)


class Site:
    """One loaded Pelican, the generators of its last good build, and the two kinds of build."""

    def __init__(self, settings_file: str, overrides: dict):
        self.settings_file = os.path.abspath(settings_file)
        self.overrides = overrides
        self.generators: list | None = None
        self._building: list | None = None
        signals.all_generators_finalized.connect(self._remember)
        self.load()

    def load(self) -> None:
        """(Re)read the settings and load Pelican with its plugins."""
        self.settings = read_settings(self.settings_file, override=dict(self.overrides))
        self.pelican = Pelican(self.settings)
        self.generators = None

    def _remember(self, generators) -> None:
        self._building = generators

    def full_build(self, *, use_cache: bool = True) -> bool:
        """Build everything; keep the generators for previews only if the build succeeded."""
        self.generators = None
        loading = self.settings["LOAD_CONTENT_CACHE"]
        self.settings["LOAD_CONTENT_CACHE"] = loading and use_cache
        try:
            self.pelican.run()
        except Exception:
            logger.exception("The build failed; fix the error and save again.")
            return False
        finally:
            self.settings["LOAD_CONTENT_CACHE"] = loading
        self.generators = self._building
        return True

    def preview(self, paths: set[str]) -> list[str] | None:
        """Render just the articles at `paths` (absolute); None when a full build is needed."""
        if self.generators is None:
            return None
        generator = next(g for g in self.generators if isinstance(g, ArticlesGenerator))
        known = {
            article.source_path: article
            for name in ARTICLE_LISTS
            for article in getattr(generator, name)
        }
        if not paths or not all(path in known for path in paths):
            return None
        fresh = {}
        for path in paths:
            article = _read(generator, path)
            old = known[path]
            if article is None or (article.status, article.save_as) != (old.status, old.save_as):
                return None
            fresh[path] = article
        for path, article in fresh.items():
            _swap(generator, known[path], article)
        # The plugins attach their data (reading time, related articles,
        # mentions) on these two signals; sending them again recomputes it.
        signals.article_generator_finalized.send(generator)
        signals.all_generators_finalized.send(self.generators)
        # A new writer, since Pelican's refuses to write a file twice.
        writer = Writer(self.settings["OUTPUT_PATH"], settings=self.settings)
        for article in fresh.values():
            article.refresh_metadata_intersite_links()
            writer.write_file(
                article.save_as,
                generator.get_template(article.template),
                generator.context,
                relative_urls=self.settings["RELATIVE_URLS"],
                article=article,
                category=getattr(article, "category", None),
                override_output=hasattr(article, "override_save_as"),
                url=article.url,
                blog=True,
            )
        return [article.url for article in fresh.values()]

    def watched_paths(self) -> list[str]:
        """The content, the theme and the settings file."""
        paths = [self.settings["PATH"], self.settings["THEME"], self.settings_file]
        return [path for path in paths if os.path.exists(path)]


def _read(generator: ArticlesGenerator, path: str) -> Article | None:
    """Read one article as the generator would; None if it cannot be read or is not valid."""
    try:
        article = generator.readers.read_file(
            base_path=generator.path,
            path=os.path.relpath(path, generator.path),
            content_class=Article,
            context=generator.context,
            preread_signal=signals.article_generator_preread,
            preread_sender=generator,
            context_signal=signals.article_generator_context,
            context_sender=generator,
        )
    except Exception:
        return None
    if isinstance(article, SkipStub) or not article.is_valid():
        return None
    return article


def _swap(generator: ArticlesGenerator, old: Article, new: Article) -> None:
    """Put `new` wherever the generator and its context hold `old`."""
    new.translations = getattr(old, "translations", [])
    taxonomies = chain(generator.categories, generator.authors, generator.context["tags"])
    for members in chain(
        (getattr(generator, n) for n in ARTICLE_LISTS), (m for _, m in taxonomies)
    ):
        for index, item in enumerate(members):
            if item is old:
                members[index] = new
    generator.context["generated_content"][new.get_relative_source_path()] = new


class _Handler(ComplexHTTPRequestHandler):
    """Pelican's handler (clean URLs), quiet, and telling the browser never to cache."""

    def send_head(self):
        """Send a file as one snapshot of its bytes.

        Pelican rewrites pages in place during a rebuild. The standard handler
        announces the size it sees when it opens a file and then streams it,
        so a page truncated meanwhile reached the browser shorter than
        announced (a broken connection). Read first, then announce what was read.
        """
        path = self.translate_path(self.path)
        if not os.path.isfile(path):
            return super().send_head()
        try:
            data = Path(path).read_bytes()
        except OSError:
            self.send_error(404, "File not found")
            return None
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        return io.BytesIO(data)

    def end_headers(self):
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def log_message(self, msg_format, *args):
        logger.debug(msg_format, *args)


def serve(output: str, bind: str, port: int) -> ThreadingHTTPServer:
    """Serve `output` on bind:port from a background thread."""
    handler = type("Handler", (_Handler,), {"base_path": output})
    ThreadingHTTPServer.allow_reuse_address = True
    server = ThreadingHTTPServer((bind, port), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def watch(site: Site) -> None:
    """Build, then rebuild on every change, previewing edited articles first; until interrupted."""
    # The watcher runs from before the first build, so no edit made during it is lost;
    # changes that arrive during a build are handled together after it.
    queued: queue.Queue[set] = queue.Queue()
    changes_filter = FileChangeFilter(ignore_file_patterns=set(site.settings["IGNORE_FILES"]))

    def collect() -> None:
        for changes in watchfiles.watch(*site.watched_paths(), watch_filter=changes_filter):
            queued.put(changes)

    threading.Thread(target=collect, daemon=True).start()
    site.full_build()
    while True:
        changes = queued.get()
        while not queued.empty():
            changes |= queued.get_nowait()
        started = time.perf_counter()
        paths = {os.path.abspath(path) for _, path in changes}
        if site.settings_file in paths:
            print("Settings changed: reloading them and rebuilding without the cache.", flush=True)
            site.load()
            site.full_build(use_cache=False)
            continue
        edited = {p for p in paths if p.endswith(ARTICLE_EXTENSIONS) and os.path.isfile(p)}
        urls = _preview(site, edited) if edited == paths else None
        if urls:
            took = (time.perf_counter() - started) * 1000
            print(f"Preview: {', '.join('/' + u for u in urls)} in {took:.0f} ms", flush=True)
        site.full_build()


def _preview(site: Site, paths: set[str]) -> list[str] | None:
    """`site.preview`, except that any error in it is one line and leaves it to the full build.

    The preview reuses the last build's objects and runs every plugin's
    finalized step again: whatever breaks there must not stop the server.
    """
    try:
        return site.preview(paths)
    except Exception as error:
        reason = " ".join(f"{type(error).__name__}: {error}".split())
        logger.warning("Preview failed (%s); the full build follows.", reason)
        return None


def parse_arguments(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "path", nargs="?", help="the content directory (default: the settings' PATH)"
    )
    parser.add_argument("-o", "--output", help="the output directory")
    parser.add_argument("-s", "--settings", default="pelicanconf.py", help="the settings file")
    parser.add_argument("-b", "--bind", default="127.0.0.1")
    parser.add_argument("-p", "--port", type=int, default=8000)
    parser.add_argument("--cache-path", help="the content cache directory")
    parser.add_argument("--relative-urls", action="store_true")
    parser.add_argument("-e", "--extra-settings", dest="overrides", nargs="*",
                        action=ParseOverrides, default={}, help="KEY=JSON settings")  # fmt: skip
    parser.add_argument("-D", "--debug", action="store_true", help="log everything")
    return parser.parse_args(argv)


def overrides_from(args: argparse.Namespace) -> dict:
    """Pelican settings the command line overrides."""
    overrides = {}
    if args.path:
        overrides["PATH"] = os.path.abspath(args.path)
    if args.output:
        overrides["OUTPUT_PATH"] = os.path.abspath(args.output)
    if args.cache_path:
        overrides["CACHE_PATH"] = os.path.abspath(args.cache_path)
    if args.relative_urls:
        overrides["RELATIVE_URLS"] = True
    return {**overrides, **args.overrides}


def main(argv: list[str] | None = None) -> None:
    args = parse_arguments(argv)
    init_logging(level=logging.DEBUG if args.debug else logging.WARNING, name="pelican")
    site = Site(args.settings, overrides_from(args))
    output = site.settings["OUTPUT_PATH"]
    Path(output).mkdir(parents=True, exist_ok=True)
    server = serve(output, args.bind, args.port)
    print(f"Serving {output} on http://{args.bind}:{args.port}/ (Ctrl-C to stop)", flush=True)
    try:
        with suppress(KeyboardInterrupt):  # Ctrl-C is the way to stop it
            watch(site)
    finally:
        server.shutdown()


if __name__ == "__main__":
    sys.exit(main())
