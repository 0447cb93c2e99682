"""The theme assets a publish build fingerprints: their published names and bytes."""

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from pathlib import Path

from .fingerprint import fingerprinted
from .minify import minified


@dataclass(frozen=True)
class Asset:
    """One theme static file as published: `source` and `published` are relative to the
    theme's static folder (e.g. "css/main.css" and "css/main.1a2b3c4d5e.css")."""

    source: str
    published: str
    data: bytes


def prepare(
    static_dirs: Iterable[Path], paths: Iterable[str], *, minify: Collection[str]
) -> dict[str, Asset]:
    """Each of `paths`, found in the first of `static_dirs` that has it, minified if its
    extension is one of `minify` (".css", ".js") and named by the hash of the bytes that
    will be published."""
    static_dirs = list(static_dirs)
    assets = {}
    for path in paths:
        found = next((d / path for d in static_dirs if (d / path).is_file()), None)
        if found is None:
            folders = ", ".join(str(d) for d in static_dirs)
            raise ValueError(f"PUBLISH_ASSETS['fingerprint']: {path} is not in {folders}")
        data = minified(path, found.read_bytes(), minify)
        assets[path] = Asset(source=path, published=fingerprinted(path, data), data=data)
    return assets


def published_path(assets: dict[str, Asset], static_dir: str, path: str) -> str:
    """Where the theme asset `path` is published, relative to the site root."""
    asset = assets.get(path)
    return f"{static_dir}/{asset.published if asset else path}"


def write_assets(assets: Iterable[Asset], theme_output: Path) -> None:
    """Write each asset under its published name and remove the plain copy Pelican made,
    so the public site has one name per asset, the one every page links to."""
    for asset in assets:
        (theme_output / asset.published).write_bytes(asset.data)
        (theme_output / asset.source).unlink(missing_ok=True)
