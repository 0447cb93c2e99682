"""Reading a Pagefind bundle in tests: page records, and what two runs may differ in.

Pagefind 1.5.2 writes its filter lists (category, tag) in hash-map order, so
the filter files, the meta file and the hash naming it in pagefind-entry.json
can change between two runs over the same pages (Pagefind issue #638: page
fragments are stable since 1.3, the filter and meta indexes are not). Every
other file (page records, word index, script, WebAssembly) must be identical,
and the unstable files must hold the same bytes in another order.
"""

import gzip
import json
from collections import Counter
from pathlib import Path

UNSTABLE = ("filter/", "pagefind-entry.json", ".pf_meta")


def records(bundle: Path) -> dict[str, dict]:
    """Each indexed page's record by URL: a gzipped JSON object after a short signature."""
    found = {}
    for path in (bundle / "fragment").iterdir():
        data = gzip.decompress(path.read_bytes())
        record = json.loads(data[data.index(b"{") :])
        found[record["url"]] = record
    return found


def files(bundle: Path) -> dict[str, bytes]:
    """Every file Pagefind wrote, by path inside the bundle (published .gz/.br copies left out)."""
    return {
        path.relative_to(bundle).as_posix(): path.read_bytes()
        for path in bundle.rglob("*")
        if path.is_file() and path.suffix not in (".gz", ".br")
    }


def _unstable(name: str) -> bool:
    return name.startswith(UNSTABLE[0]) or name == UNSTABLE[1] or name.endswith(UNSTABLE[2])


def differences(first: Path, second: Path) -> list[str]:
    """What differs between two bundles beyond Pagefind's known filter ordering; [] when nothing."""
    a, b = files(first), files(second)
    problems = [
        f"{name} differs"
        for name in sorted(a.keys() | b.keys())
        if not _unstable(name) and a.get(name) != b.get(name)
    ]
    # The unstable files: as many of each, holding the same bytes in some order; the
    # meta file names the filter files by their (changing) hashes, so those names are
    # set aside before comparing.
    if _content(a, "filter/") != _content(b, "filter/"):
        problems.append("the filter files hold different entries")
    if _content(a, ".pf_meta", _filter_names(a)) != _content(b, ".pf_meta", _filter_names(b)):
        problems.append("the meta files hold different entries")
    entry_a, entry_b = (json.loads(x["pagefind-entry.json"]) for x in (a, b))
    for entry in (entry_a, entry_b):
        for language in entry["languages"].values():
            language.pop("hash")
    if entry_a != entry_b:
        problems.append("pagefind-entry.json differs beyond the meta file's hash")
    return problems


def _filter_names(bundle: dict[str, bytes]) -> list[bytes]:
    return [
        name[len("filter/") :].split(".")[0].encode()
        for name in bundle
        if name.startswith("filter/")
    ]


def _content(bundle: dict[str, bytes], kind: str, set_aside: list[bytes] = ()) -> tuple:
    blobs = [gzip.decompress(data) for name, data in bundle.items() if kind in name]
    for name in set_aside:
        blobs = [blob.replace(name, b"") for blob in blobs]
    return len(blobs), Counter(byte for blob in blobs for byte in blob)
