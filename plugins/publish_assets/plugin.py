"""Pelican glue: the `theme_asset` template filter, and the publish work once the site is built."""

import logging
from functools import partial
from pathlib import Path

from pelican import signals

from .assets import prepare, published_path, write_assets
from .compress import compress_tree
from .minify import minify_scripts
from .settings import PublishAssetsSettings, load_settings

logger = logging.getLogger(__name__)


def _assets(settings: dict, options: PublishAssetsSettings) -> dict:
    if not options.enabled:
        return {}
    theme = Path(settings["THEME"])
    static_dirs = [theme / path for path in settings["THEME_STATIC_PATHS"]]
    return prepare(static_dirs, options.fingerprint, minify=options.minify)


def check_settings(pelican) -> None:
    """Fail at start-up, naming the key, rather than halfway through a build."""
    _assets(pelican.settings, load_settings(pelican.settings.get("PUBLISH_ASSETS")))


def add_filter(generator) -> None:
    """`{{ "css/main.css"|theme_asset }}` -> "theme/css/main.1a2b3c4d5e.css" when publishing."""
    settings = generator.settings
    assets = _assets(settings, load_settings(settings.get("PUBLISH_ASSETS")))
    generator.env.filters["theme_asset"] = partial(
        published_path, assets, settings["THEME_STATIC_DIR"]
    )


def publish(pelican) -> None:
    """Minify the theme's scripts, write the fingerprinted assets, then the compressed
    copies of every text file."""
    settings = pelican.settings
    options = load_settings(settings.get("PUBLISH_ASSETS"))
    if not options.enabled:
        return
    output = Path(settings["OUTPUT_PATH"])
    assets = _assets(settings, options)
    theme_output = output / settings["THEME_STATIC_DIR"]
    scripts = minify_scripts(theme_output) if options.minify_js else 0
    write_assets(assets.values(), theme_output)
    copies = compress_tree(
        output,
        options.compress_extensions,
        options.compress_min_bytes,
        options.compress,
        options.brotli_quality,
    )
    logger.info(
        "publish_assets: %d scripts minified, %d fingerprinted, %d compressed copies",
        scripts,
        len(assets),
        len(copies),
    )


def register() -> None:
    signals.initialized.connect(check_settings)
    signals.generator_init.connect(add_filter)
    signals.finalized.connect(publish)
