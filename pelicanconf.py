"""Development settings for Reconnect.

`publishconf.py` imports everything here and overrides only what differs for the
public site. Each of our plugins reads one dict setting (`FEEDS`, `MENTIONS`,
`REMINDERS`, ...) that is merged with the plugin's documented defaults and
validated in one place inside the plugin; the README lists every key.
"""

import os
import sys

# Pelican loads each plugin from PLUGIN_PATHS without putting that folder on the
# import path. Our plugins share small libraries (known_keys, safe_http), so the
# folder goes on it here, as it does for the tests (pytest's pythonpath) and the
# commands (PYTHONPATH=plugins).
_plugins_dir = os.path.join(os.path.dirname(os.path.abspath(__file__)), "plugins")
if _plugins_dir not in sys.path:
    sys.path.insert(0, _plugins_dir)

AUTHOR = "Maya Okafor"
SITENAME = "Reconnect"
SITESUBTITLE = "Honest networking for people looking for work"
SITEDESCRIPTION = (
    "Practical, honest advice on reconnecting with old colleagues, networking as a two-way "
    "exchange, and keeping in touch on a schedule while you look for work."
)
# Empty in development: every link is root-relative ("/slug/") and works under
# `make serve`. The public address is set in publishconf.py.
SITEURL = ""
RELATIVE_URLS = False

PATH = "content"
TIMEZONE = "America/New_York"
DEFAULT_LANG = "en"
DEFAULT_DATE_FORMAT = "%B %-d, %Y"
DEFAULT_PAGINATION = 6
# The home page shows a few articles at a time; topic, tag and author pages are
# lists a reader scans, so longer pages (and far fewer of them to build).
PAGINATED_TEMPLATES = {"index": None, "tag": 20, "category": 20, "author": 20}
PAGINATION_PATTERNS = (
    (1, "{url}", "{save_as}"),
    (2, "{base_name}/page/{number}/", "{base_name}/page/{number}/index.html"),
)

THEME = "theme"
# Pelican leaves autoescaping off; outside text (mentions) must never reach a page
# as HTML, so the theme escapes by default and marks our own rendered Markdown
# `|safe` where it is trusted.
# auto_reload off: Pelican makes a new environment for every build anyway, and
# checking each template's file on every include costs a stat call per include.
JINJA_ENVIRONMENT = {
    "trim_blocks": True,
    "lstrip_blocks": True,
    "autoescape": True,
    "auto_reload": False,
}

PLUGIN_PATHS = ["plugins"]
# Listed explicitly: Pelican would otherwise load every installed namespace plugin.
PLUGINS = [
    "content_check",
    "fast_markdown",
    # After content_check, so a broken header stops the build before any worker starts.
    "parallel_build",
    # The `render_once` template call block: an article's summary rendered once for every list.
    "render_once",
    "article_extras",
    "topics",
    "sitemap",
    "mentions",
    # Reads content/mentions/_syndication.json and the Bluesky:/Mastodon: headers.
    "syndication",
    "reminders",
    "feeds",
    # After every page is written: indexes the built pages for /search/.
    "search",
    # After parallel_build (its workers are done before the cards' process is forked)
    # and search (the cards are drawn while Pagefind runs).
    "share_cards",
    # Last, so its finalized step compresses every file the others wrote.
    "publish_assets",
]

# Clean URLs, the same in development and on the public site.
ARTICLE_PATHS = ["articles"]
ARTICLE_URL = "{slug}/"
ARTICLE_SAVE_AS = "{slug}/index.html"
PAGE_PATHS = ["pages"]
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
DRAFT_URL = "drafts/{slug}/"
DRAFT_SAVE_AS = "drafts/{slug}/index.html"
CATEGORY_URL = "category/{slug}/"
CATEGORY_SAVE_AS = "category/{slug}/index.html"
CATEGORIES_URL = "categories/"
CATEGORIES_SAVE_AS = "categories/index.html"
TAG_URL = "tag/{slug}/"
TAG_SAVE_AS = "tag/{slug}/index.html"
TAGS_URL = "tags/"
TAGS_SAVE_AS = "tags/index.html"
AUTHOR_URL = "author/{slug}/"
AUTHOR_SAVE_AS = "author/{slug}/index.html"
AUTHORS_URL = "authors/"
AUTHORS_SAVE_AS = "authors/index.html"
ARCHIVES_URL = "archives/"
ARCHIVES_SAVE_AS = "archives/index.html"
# Date-based archives are not linked anywhere; one archive page is enough.
YEAR_ARCHIVE_SAVE_AS = ""
MONTH_ARCHIVE_SAVE_AS = ""
DAY_ARCHIVE_SAVE_AS = ""
DIRECT_TEMPLATES = ["index", "tags", "categories", "authors", "archives", "404", "search"]
SEARCH_URL = "search/"
SEARCH_SAVE_AS = "search/index.html"

STATIC_PATHS = ["images", "extra"]
EXTRA_PATH_METADATA = {"extra/favicon.svg": {"path": "favicon.svg"}}
# Mention data is read by the mentions plugin only, never as content or static files.
ARTICLE_EXCLUDES = ["mentions"]
PAGE_EXCLUDES = ["mentions"]
STATIC_EXCLUDES = ["mentions"]

# Content cache (cache/, never committed): a rebuild reads only the files that changed
# since the last one. The cache does not notice changed settings: after editing
# MARKDOWN, run `make clean`. Uncompressed, because gzip costs every build more time
# than the disk it saves. publishconf.py turns it off: a publish build starts clean.
CACHE_CONTENT = True
LOAD_CONTENT_CACHE = True
GZIP_CACHE = False

# The Markdown a writer expects: [TOC], footnotes, smart quotes, {: attribute lists },
# fenced code with highlighting by CSS class (no inline styles), tables.
MARKDOWN = {
    "extension_configs": {
        "markdown.extensions.codehilite": {"css_class": "highlight", "guess_lang": False},
        "markdown.extensions.extra": {},
        "markdown.extensions.meta": {},
        # smarty's rules without its second inline pass (a third of a cold build).
        "fast_markdown.typography": {},
        "markdown.extensions.toc": {"permalink": False, "toc_depth": "2-3"},
    },
    "output_format": "html5",
}

# Pelican's built-in feeds are off: the feeds plugin writes every feed (and forces
# all twelve built-in settings to None). These include every one on by default: Pelican
# checks them before any plugin loads and would warn about feeds without SITEURL.
FEED_ALL_ATOM = None
FEED_ALL_RSS = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None

# parallel_build: how many processes read and render, this one included (None: one per
# usable core; 1: serial, the same bytes). See plugins/parallel_build/settings.py and the
# README ("Building on every core").
PARALLEL_BUILD = {"workers": None}

# article_extras: reading speed for "N min read", and how many related articles
# (by shared tags) an article page lists.
ARTICLE_EXTRAS = {"words_per_minute": 230, "related_count": 3}

# topics: each category page opens with our intro, content/topics/<category-slug>.md,
# and the articles whose header says `Start_here: true`. Every key and its default is
# in plugins/topics/settings.py and the README ("Topic pages").
TOPICS = {"path": "topics"}

# search: the Pagefind index of the article pages, built after every build into
# output/pagefind/ for /search/. Every key and its default is in
# plugins/search/settings.py and the README ("Search").
SEARCH = {"enabled": True, "bundle_dir": "pagefind"}

# share_cards: a 1200×630 PNG per article for og:image, drawn with the font in
# plugins/share_cards/fonts/ and kept in CACHE_PATH/<cache_dir>/ by a hash of what it
# shows. Every key and its default is in plugins/share_cards/settings.py and the
# README ("Share cards").
SHARE_CARDS = {"output_dir": "cards", "cache_dir": "share_cards"}

# mentions: Webmentions and imported social posts kept in content/mentions/ and shown
# under articles. Every key and its default is in plugins/mentions/settings.py and the
# README ("Mentions"); the webmention.io domain defaults to SITEURL's host.
MENTIONS = {"path": "mentions", "avatars_dir": "images/avatars"}

# reminders: the keep-in-touch tool page (/tools/keep-in-touch/) and its example .ics
# files. Every key and its default is in plugins/reminders/settings.py and the README
# ("Keep-in-touch reminder tool"); uid_domain should be the public site's domain.
REMINDERS = {
    "intervals": [1, 2, 3, 6, 12],
    # The circles of the article "Keep in Touch on a Schedule"; the reader can change intervals.
    "tiers": [
        {"name": "Close", "interval": 3},
        {"name": "Wider", "interval": 6},
        {"name": "Distant", "interval": 12},
    ],
    "default_tier": "Wider",
    "uid_domain": "reconnect.example",
}

# feeds: RSS, Atom and JSON Feed for the site, each category and tag, and mentions.
# Every key and its default is in plugins/feeds/settings.py and the README ("Feeds").
# dev_base is where `make serve` publishes, since a reader cannot use relative URLs.
FEEDS = {"max_items": 20, "taxonomy_max_items": 10, "dev_base": "http://127.0.0.1:8000"}

# linkbacks: `make mentions-send` (after a deploy, never during a build) tells the pages
# our articles link to, by Webmention or Pingback, and records it in the outbox. Not a
# build plugin, so not in PLUGINS. Every key and its default is in
# plugins/linkbacks/settings.py and the README ("Sending mentions").
LINKBACKS = {"outbox": "content/mentions/_outbox.json", "timeout": 10.0, "max_attempts": 3}

# syndication: `make syndicate` (after the upload, before mentions-send) posts each new
# published article once to Bluesky and Mastodon and records the posts in
# content/mentions/_syndication.json; articles show "Reply on Bluesky/Mastodon" links.
# Articles dated before not_before are never posted. Every key and its default is in
# plugins/syndication/settings.py and the README ("Syndication").
SYNDICATION = {"not_before": "2026-12-01", "mastodon_visibility": "public"}
