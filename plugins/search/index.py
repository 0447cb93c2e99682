"""Build the Pagefind index of a built site with the pinned `pagefind` binary (pagefind-bin).

Pagefind reads the rendered pages: only those marked `data-pagefind-body`
(article pages) are indexed, without the parts marked `data-pagefind-ignore`.
The index is written to a scratch folder first and swapped in whole, so a
failed run leaves the previous index in place; a build never downloads anything.
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


def build_index(site: Path, bundle_dir: str, glob: str = "**/*.html") -> int:
    """Index the pages under `site` matching `glob` into `site/bundle_dir`; return how many."""
    target = site / bundle_dir
    with tempfile.TemporaryDirectory(prefix=".search-", dir=site) as scratch:
        fresh = Path(scratch) / "bundle"
        command = [
            str(pagefind_bin.get_executable()), "--site", str(site),
            "--output-path", str(fresh), "--glob", glob,
            "--exclude-selectors", EXCLUDE_SELECTORS, "--silent",
        ]  # fmt: skip
        try:
            result = subprocess.run(
                command, capture_output=True, text=True, timeout=TIMEOUT_SECONDS, check=False
            )
        except (OSError, subprocess.TimeoutExpired) as error:
            raise SearchIndexError(f"search index: pagefind could not run: {error}") from error
        if result.returncode != 0 or not (fresh / "pagefind.js").is_file():
            lines = (result.stderr + result.stdout).strip().splitlines() or ["no output"]
            reason = next((line for line in lines if line.startswith("Error")), lines[-1])
            raise SearchIndexError(f"search index: pagefind failed ({result.returncode}): {reason}")
        for name in UNUSED:
            (fresh / name).unlink(missing_ok=True)
        if target.exists():
            shutil.rmtree(target)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(fresh, target)
    return indexed_pages(target)


def index_if_changed(site: Path, bundle_dir: str, glob: str, stamp: Path) -> int | None:
    """Build the index unless the pages it reads are unchanged since the last one; None if kept.

    `stamp` (outside the output, in the build cache) holds a digest of the pages
    and of how they are indexed. A warm build or a rebuild that changed no article
    page keeps the index as it is instead of paying for Pagefind again.
    """
    digest = pages_digest(site, glob)
    target = site / bundle_dir
    kept = (target / "pagefind-entry.json").is_file() and stamp.is_file()
    if kept and stamp.read_text(encoding="utf-8") == digest:
        return None
    pages = build_index(site, bundle_dir, glob)
    write_atomic(stamp, digest.encode())
    return pages


def stamp_path(cache_dir: Path, site: Path) -> Path:
    """Where the digest of the pages indexed into `site` is kept: one file per output folder,
    so builds into other folders (tests, previews) never vouch for this one's index."""
    key = hashlib.sha256(str(site.resolve()).encode()).hexdigest()[:16]
    return cache_dir / f"search-index-{key}.sha256"


def pages_digest(site: Path, glob: str) -> str:
    """SHA-256 of the pages `glob` selects (paths and bytes) and of the Pagefind command's settings."""
    digest = hashlib.sha256()
    version = metadata.version("pagefind-bin")
    digest.update(f"{version} {glob} {EXCLUDE_SELECTORS} {UNUSED}\n".encode())
    for path in sorted(site.glob(glob)):
        if path.is_file():
            digest.update(path.relative_to(site).as_posix().encode() + b"\0")
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def indexed_pages(bundle: Path) -> int:
    """How many pages the index at `bundle` holds (from its pagefind-entry.json)."""
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    return sum(language.get("page_count", 0) for language in entry.get("languages", {}).values())
