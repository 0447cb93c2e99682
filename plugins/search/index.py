"""Build the Pagefind index of a built site with the pinned `pagefind` binary (pagefind-bin).

Pagefind reads the rendered pages: only those marked `data-pagefind-body`
(article pages) are indexed, without the parts marked `data-pagefind-ignore`.
Pagefind runs as a child process, in the background while the build goes on
(`IndexRun`). The index is written to a scratch folder first and swapped in
whole, so a failed or cancelled run leaves the previous index in place; a
build never downloads anything.
"""

import hashlib
import json
import re
import shutil
import subprocess
import tempfile
from importlib import metadata
from pathlib import Path

import pagefind_bin
from common.files import write_atomic

# Pagefind's ready-made interfaces: we ship our own small page script
# (theme/static/js/search.js), so these are never loaded.
UNUSED = (
    "pagefind-ui.js", "pagefind-ui.css",
    "pagefind-modular-ui.js", "pagefind-modular-ui.css",
    "pagefind-component-ui.js", "pagefind-component-ui.css",
    "pagefind-highlight.js",
)  # fmt: skip
# An article's table of contents ([TOC]) only repeats its headings; in an
# excerpt it reads as a run of words without sentences.
EXCLUDE_SELECTORS = ".toc"
# The element the theme marks data-pagefind-body (templates/article.html). As
# Pagefind's root, its parser looks at the elements inside it only, instead of
# at every element of the page: about a tenth less CPU, the same index.
ROOT_SELECTOR = "article"
# The attribute that makes Pagefind index a page, in a tag (not in escaped text).
BODY_MARK = re.compile(rb"<[^<>]*\sdata-pagefind-body[\s=/>]")
# Indexing a thousand articles takes seconds; this only stops a hung binary.
TIMEOUT_SECONDS = 600


class SearchIndexError(RuntimeError):
    """Pagefind failed; the message is one line naming why."""


def article_glob(save_as: str) -> str:
    """The files Pagefind reads, from ARTICLE_SAVE_AS: "{slug}/index.html" -> "*/index.html".

    Only article pages are indexed; not parsing the category, tag, author and
    list pages as well saves about a quarter of the indexing time.
    """
    return re.sub(r"\{[^}]*\}", "*", save_as)


class IndexRun:
    """One Pagefind run, started in the background; `finish` waits for it and swaps the index in.

    The plugin starts it as soon as the article pages are written, so Pagefind
    works on the second core while Pelican writes the remaining pages, feeds
    and sitemap. Pages written meanwhile are never indexed: they carry no
    `data-pagefind-body`, which makes Pagefind skip them whole.
    """

    def __init__(
        self, site: Path, bundle_dir: str, glob: str, stamp: tuple[Path, str] | None = None
    ):
        """Start Pagefind; `stamp` (path, digest) is written once the index is in place."""
        self.target = site / bundle_dir
        self._stamp = stamp
        self._scratch = Path(tempfile.mkdtemp(prefix=".search-", dir=site))
        self._fresh = self._scratch / "bundle"
        # A file, not a pipe: a pipe nobody reads until the end could fill and stall Pagefind.
        self._log = self._scratch / "pagefind.log"
        command = [
            str(pagefind_bin.get_executable()), "--site", str(site),
            "--output-path", str(self._fresh), "--glob", glob,
            "--root-selector", ROOT_SELECTOR, "--exclude-selectors", EXCLUDE_SELECTORS,
            "--silent",
        ]  # fmt: skip
        try:
            with self._log.open("wb") as log:
                self._process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
        except OSError as error:
            self._clean_up()
            raise SearchIndexError(f"search index: pagefind could not run: {error}") from error

    def finish(self) -> int:
        """Wait for Pagefind, replace the index with its bundle; return how many pages it holds."""
        try:
            try:
                returncode = self._process.wait(timeout=TIMEOUT_SECONDS)
            except subprocess.TimeoutExpired as error:
                raise SearchIndexError(f"search index: pagefind could not run: {error}") from error
            output = self._log.read_text(encoding="utf-8", errors="replace")
            lines = output.strip().splitlines() or ["no output"]
            if returncode != 0 or not (self._fresh / "pagefind.js").is_file():
                reason = next((line for line in lines if line.startswith("Error")), lines[-1])
                raise SearchIndexError(f"search index: pagefind failed ({returncode}): {reason}")
            for name in UNUSED:
                (self._fresh / name).unlink(missing_ok=True)
            if self.target.exists():
                shutil.rmtree(self.target)
            self.target.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(self._fresh, self.target)
        finally:
            self.cancel()
        if self._stamp:
            write_atomic(self._stamp[0], self._stamp[1].encode())
        return indexed_pages(self.target)

    def cancel(self) -> None:
        """Stop Pagefind if it still runs and remove its scratch folder (a build that failed)."""
        if self._process.poll() is None:
            self._process.kill()
            self._process.wait()
        self._clean_up()

    def _clean_up(self) -> None:
        shutil.rmtree(self._scratch, ignore_errors=True)


def build_index(site: Path, bundle_dir: str, glob: str = "**/*.html") -> int:
    """Index the pages under `site` matching `glob` into `site/bundle_dir`; return how many."""
    return IndexRun(site, bundle_dir, glob).finish()


def start_if_changed(site: Path, bundle_dir: str, glob: str, stamp: Path) -> IndexRun | None:
    """Start indexing unless the pages it reads are unchanged since the last index; None if kept.

    `stamp` (outside the output, in the build cache) holds a digest of the pages
    and of how they are indexed. A warm build or a rebuild that changed no article
    page keeps the index as it is instead of paying for Pagefind again.
    """
    digest = pages_digest(site, glob)
    kept = (site / bundle_dir / "pagefind-entry.json").is_file() and stamp.is_file()
    if kept and stamp.read_text(encoding="utf-8") == digest:
        return None
    return IndexRun(site, bundle_dir, glob, (stamp, digest))


def index_if_changed(site: Path, bundle_dir: str, glob: str, stamp: Path) -> int | None:
    """`start_if_changed`, waited for: how many pages were indexed, None if the index was kept."""
    run = start_if_changed(site, bundle_dir, glob, stamp)
    return None if run is None else run.finish()


def stamp_path(cache_dir: Path, site: Path) -> Path:
    """Where the digest of the pages indexed into `site` is kept: one file per output folder,
    so builds into other folders (tests, previews) never vouch for this one's index."""
    key = hashlib.sha256(str(site.resolve()).encode()).hexdigest()[:16]
    return cache_dir / f"search-index-{key}.sha256"


def pages_digest(site: Path, glob: str) -> str:
    """SHA-256 of the pages Pagefind indexes (paths and bytes) and of the command's settings.

    Those are the pages `glob` selects that are marked `data-pagefind-body`
    (Pagefind skips the others), or all of them when none is marked. So the
    list, tag and other pages, written after the articles, never count.
    """
    digest = hashlib.sha256()
    version = metadata.version("pagefind-bin")
    digest.update(f"{version} {glob} {ROOT_SELECTOR} {EXCLUDE_SELECTORS} {UNUSED}\n".encode())
    pages = {path: path.read_bytes() for path in sorted(site.glob(glob)) if path.is_file()}
    marked = {path: data for path, data in pages.items() if BODY_MARK.search(data)}
    for path, data in (marked or pages).items():
        digest.update(path.relative_to(site).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(data).digest())
    return digest.hexdigest()


def indexed_pages(bundle: Path) -> int:
    """How many pages the index at `bundle` holds (from its pagefind-entry.json)."""
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    return sum(language.get("page_count", 0) for language in entry.get("languages", {}).values())
