"""The `PUBLISH_ASSETS` setting: defaults and validation in one place.

Keys (all optional):
    enabled (bool, False): do the publish work at all; publishconf.py sets True.
        Off, `theme_asset` returns the plain name and nothing is written.
    fingerprint (list of str, ["css/main.css"]): theme static files (paths
        under theme/static/) published as `name.<hash>.ext`, so they can be
        cached for a year. JavaScript modules that import each other by
        relative name are better left out.
    minify_css (bool, True): minify fingerprinted .css files (rcssmin).
    compress (list of "gz", "br", ["gz", "br"]): precompressed copies written
        next to each compressible file (`page.html.gz`, `page.html.br`).
    compress_extensions (list of str, [".html", ".css", ".js", ".json", ".xml",
        ".svg", ".txt", ".ics"]): which files get copies.
    compress_min_bytes (int, 512): smaller files get none; the saving is
        less than a network packet.
    brotli_quality (int 0-11, 6): 6 gives our pages 25.4 % of their size in
        0.5 ms each; 11 gives 22.0 % but takes 20 ms each (40 times longer).
"""

from dataclasses import dataclass, fields

from known_keys import reject_unknown_keys

FORMATS = ("gz", "br")


@dataclass(frozen=True)
class PublishAssetsSettings:
    enabled: bool = False
    fingerprint: tuple[str, ...] = ("css/main.css",)
    minify_css: bool = True
    compress: tuple[str, ...] = FORMATS
    compress_extensions: tuple[str, ...] = (
        ".html", ".css", ".js", ".json", ".xml", ".svg", ".txt", ".ics",
    )  # fmt: skip
    compress_min_bytes: int = 512
    brotli_quality: int = 6


DEFAULTS = {f.name: f.default for f in fields(PublishAssetsSettings)}
_LISTS = ("fingerprint", "compress", "compress_extensions")


def load_settings(raw: dict | None) -> PublishAssetsSettings:
    """Merge `raw` over DEFAULTS; raise ValueError naming the first bad key."""
    raw = dict(raw or {})
    reject_unknown_keys("PUBLISH_ASSETS", raw, DEFAULTS)
    for key, value in raw.items():
        default = DEFAULTS[key]
        if key in _LISTS:
            if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
                raise ValueError(f"PUBLISH_ASSETS[{key!r}] must be a list of strings")
            raw[key] = tuple(value)
        elif type(value) is not type(default):
            raise ValueError(
                f"PUBLISH_ASSETS[{key!r}] must be a {type(default).__name__}, not {value!r}"
            )
    merged = PublishAssetsSettings(**{**DEFAULTS, **raw})
    bad = sorted(set(merged.compress) - set(FORMATS))
    if bad:
        raise ValueError(f"PUBLISH_ASSETS['compress']: {', '.join(bad)} not one of gz, br")
    if not all(e.startswith(".") for e in merged.compress_extensions):
        raise ValueError("PUBLISH_ASSETS['compress_extensions'] entries start with a dot")
    if not 0 <= merged.brotli_quality <= 11:
        raise ValueError("PUBLISH_ASSETS['brotli_quality'] must be between 0 and 11")
    if merged.compress_min_bytes < 0:
        raise ValueError("PUBLISH_ASSETS['compress_min_bytes'] must be 0 or more")
    return merged
