"""Social mentions (Webmentions and imported posts) kept in the repo and shown under articles.

The module map below names every module once (tests/mentions/test_mentions_layout.py
checks it, and that a build loads no command-time module).

Shared by the build and the commands:
    model        the Mention, its one cleaning (`clean_mention`), its ids and its JSON record
    networks     the one table of networks: labels, hosts, profile links, post keys
    store        the files in content/mentions/: read (old import ids migrated), validate, write
    moderation   `_moderation.json`: what is blocked or hidden, compared in normal forms
    targets      which article a URL points at (`_aliases.json` included)
    settings     the MENTIONS dict
Build time (no network):
    plugin       Pelican glue: attach each article's visible mentions and summary
    summary      the view model `partials/mentions.html` draws, bounded in size
    escaped      text cut by its size after HTML escaping (pages and the mentions feed)
Command time (`make mentions-sync`, `make mentions-import`):
    cli          arguments, settings file, exit codes, escaped one-line output
    commands     sync and import: judge each record, then write everything or nothing
    sync         the webmention.io JF2 API: pages, and the merge into the store
    direct       reactions read straight from Bluesky and Mastodon: judged, merged, kept once
    bluesky      the public AppView: a post's replies, likes, reposts and quotes
    mastodon     an instance's public API: a status's replies, favourites and boosts
    reactions    what reading one post yields, and paging with caps (shared by the two above)
    json_entries a page's JSON split into entries, each parsed on its own
    normalize    a JF2 entry made a Mention
    importer     archived posts (JSON or CSV) made Mentions
    quarantine   `_rejected.json`: refused records, for the owner to look at
    downloads    API pages, network pages (rate limits) and author photos through safe_http
    avatars      author photos decoded and re-encoded, never published as received
    articles     article slugs, headers and posts, for commands run without Pelican
"""

from .plugin import register

__all__ = ["register"]
