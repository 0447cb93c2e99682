"""Development settings for Reconnect.

`publishconf.py` imports everything here and overrides only what differs for the
public site. Each of our plugins reads one dict setting (`FEEDS`, `MENTIONS`,
`REMINDERS`, ...) that is merged with the plugin's documented defaults and
validated in one place inside the plugin; the README lists every key.
"""

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
PAGINATION_PATTERNS = (
    (1, "{url}", "{save_as}"),
    (2, "{base_name}/page/{number}/", "{base_name}/page/{number}/index.html"),
)

THEME = "theme"
# Pelican leaves autoescaping off; outside text (mentions) must never reach a page
# as HTML, so the theme escapes by default and marks our own rendered Markdown
# `|safe` where it is trusted.
JINJA_ENVIRONMENT = {"trim_blocks": True, "lstrip_blocks": True, "autoescape": True}

PLUGIN_PATHS = ["plugins"]
# Listed explicitly: Pelican would otherwise load every installed namespace plugin.
PLUGINS = ["content_check", "article_extras", "sitemap"]

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
DIRECT_TEMPLATES = ["index", "tags", "categories", "authors", "archives", "404"]

STATIC_PATHS = ["images", "extra"]
EXTRA_PATH_METADATA = {"extra/favicon.svg": {"path": "favicon.svg"}}
# Mention data is read by the mentions plugin only, never as content or static files.
ARTICLE_EXCLUDES = ["mentions"]
PAGE_EXCLUDES = ["mentions"]
STATIC_EXCLUDES = ["mentions"]

# The Markdown a writer expects: [TOC], footnotes, smart quotes, {: attribute lists },
# fenced code with highlighting by CSS class (no inline styles), tables.
MARKDOWN = {
    "extension_configs": {
        "markdown.extensions.codehilite": {"css_class": "highlight", "guess_lang": False},
        "markdown.extensions.extra": {},
        "markdown.extensions.meta": {},
        "markdown.extensions.smarty": {},
        "markdown.extensions.toc": {"permalink": False, "toc_depth": "2-3"},
    },
    "output_format": "html5",
}

# Pelican's built-in feeds are off: the feeds plugin writes every feed.
FEED_ALL_ATOM = None
FEED_ALL_RSS = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None

# Theme: the navigation menu and the footer links.
DISPLAY_PAGES_ON_MENU = False
MENU_ITEMS = [
    ("Articles", "/archives/"),
    ("Topics", "/categories/"),
    ("About", "/about/"),
]

# article_extras: reading speed for "N min read", and how many related articles
# (by shared tags) an article page lists.
ARTICLE_EXTRAS = {"words_per_minute": 230, "related_count": 3}
