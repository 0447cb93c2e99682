"""The `PUBLISH_ASSETS` setting: defaults and validation in one place.

Keys (all optional):
    enabled (bool, False): do the publish work at all; publishconf.py sets True.
        Off, `theme_asset` returns the plain name and nothing is written.
    fingerprint (list of str, ["css/main.css"]): theme static files (paths
        under theme/static/) published as `name.<hash>.ext`, so they can be
        cached for a year. JavaScript modules that import each other by
        relative name are better left out.
    minify_css (bool, True): minify fingerprinted .css files (rcssmin).
    minify_js (bool, True): minify every theme .js file (rjsmin): comments and white space
        go, names stay. It kept the keep-in-touch tool's modules under their 15 KB budget.
    compress (list of "gz", "br", ["gz", "br"]): precompressed copies written
        next to each compressible file (`page.html.gz`, `page.html.br`).
    compress_extensions (list of str, [".html", ".css", ".js", ".json", ".xml",
        ".svg", ".txt", ".ics"]): which files get copies.
    compress_min_bytes (int, 512): smaller files get none; the saving is
        less than a network packet.
    brotli_quality (int 0-11, 6): 6 gives our pages 25.4 % of their size in
        0.5 ms each; 11 gives 22.0 % but takes 20 ms each (40 times longer).
"""

from dataclasses import dataclass
from typing import Annotated

from known_keys.typed_fields import Rule, at_least, between, load_fields

FORMATS = ("gz", "br")
SOME_FORMATS = Rule(lambda v: set(v) <= set(FORMATS), f"a list of {', '.join(FORMATS)}")
EXTENSIONS = Rule(
    lambda v: all(e.startswith(".") for e in v),
    "a list of file extensions (entries start with a dot)",
)


@dataclass(frozen=True)
class PublishAssetsSettings:
    enabled: bool = False
    fingerprint: tuple[str, ...] = ("css/main.css",)
    minify_css: bool = True
    minify_js: bool = True
    compress: Annotated[tuple[str, ...], SOME_FORMATS] = FORMATS
    compress_extensions: Annotated[tuple[str, ...], EXTENSIONS] = (
        ".html", ".css", ".js", ".json", ".xml", ".svg", ".txt", ".ics",
    )  # fmt: skip
    compress_min_bytes: Annotated[int, at_least(0)] = 512
    brotli_quality: Annotated[int, between(0, 11)] = 6

    @property
    def minify(self) -> frozenset[str]:
        """The extensions of the theme files published minified."""
        chosen = {".css": self.minify_css, ".js": self.minify_js}
        return frozenset(extension for extension, on in chosen.items() if on)


def load_settings(raw: dict | None) -> PublishAssetsSettings:
    """Merge `raw` over the defaults; raise ValueError naming the first bad key."""
    return load_fields("PUBLISH_ASSETS", PublishAssetsSettings, raw)
