"""Settings for the public site: everything in pelicanconf.py, plus what differs.

Only overrides belong here, so development and publish builds share URLs,
theme and plugins and differ by SITEURL alone.
"""

import os
import sys

sys.path.append(os.curdir)
from pelicanconf import *  # noqa: F403

# The public address. Tests and previews pass another one with
# `pelican -e SITEURL='"http://127.0.0.1:8000"'`.
SITEURL = "https://reconnect.example"
RELATIVE_URLS = False
DELETE_OUTPUT_DIRECTORY = True
# Drafts are previewed under /drafts/ in development only; the public site has none.
DRAFT_SAVE_AS = ""
# A publish build starts clean: no content cache is read or written.
CACHE_CONTENT = False
LOAD_CONTENT_CACHE = False
# publish_assets: fingerprinted, minified stylesheet (cached for a year) and .gz/.br
# copies of every text file. Every key and its default is in
# plugins/publish_assets/settings.py and the README ("Publishing").
PUBLISH_ASSETS = {"enabled": True}
