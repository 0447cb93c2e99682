"""Settings for the public site: everything in pelicanconf.py, plus what differs.

Only overrides belong here, so development and publish builds share URLs,
theme and plugins and differ by SITEURL alone.
"""

import os
import sys

sys.path.append(os.curdir)
from pelicanconf import *  # noqa: E402,F403

# The public address. Tests and previews pass another one with
# `pelican -e SITEURL='"http://127.0.0.1:8000"'`.
SITEURL = "https://reconnect.example"
RELATIVE_URLS = False
DELETE_OUTPUT_DIRECTORY = True
# Drafts are previewed under /drafts/ in development only; the public site has none.
DRAFT_SAVE_AS = ""
