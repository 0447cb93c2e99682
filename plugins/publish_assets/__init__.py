"""What a publish build adds: fingerprinted, minified theme assets and precompressed copies.

Off in development; publishconf.py turns it on with `PUBLISH_ASSETS = {"enabled": True}`.
The plugin also gives the theme the `theme_asset` filter, in every build, so
templates name the published file of a theme asset (fingerprinted or not)
instead of hard-coding it. `python -m publish_assets s3-upload` uploads a
built site to an S3-compatible store (see s3.py).
"""

from .plugin import register

__all__ = ["register"]
