"""Minified theme files: CSS by rcssmin, JavaScript by rjsmin.

Both remove comments and needless white space and nothing else: selectors, names, strings,
template literals and regular expressions stay as written, so a minified module still imports
the others by the names in its source. The readable source stays in theme/static/.
"""

from collections.abc import Collection
from pathlib import Path, PurePosixPath

import rcssmin
import rjsmin

MINIFIERS = {".css": rcssmin.cssmin, ".js": rjsmin.jsmin}


def minified(path: str, data: bytes, extensions: Collection[str]) -> bytes:
    """`data`, the bytes of the file `path`, minified if its extension is one of `extensions`."""
    suffix = PurePosixPath(path).suffix
    if suffix not in extensions or suffix not in MINIFIERS:
        return data
    return MINIFIERS[suffix](data.decode("utf-8")).encode("utf-8")


def minify_scripts(folder: Path) -> int:
    """Minify every .js file under `folder` in place; how many there were."""
    scripts = sorted(folder.rglob("*.js"))
    for script in scripts:
        script.write_bytes(minified(script.name, script.read_bytes(), {".js"}))
    return len(scripts)
