"""Syndication (POSSE): each article posted once to Bluesky and Mastodon, and where it was posted.

`make syndicate` (`python -m syndication`, after the upload) posts; the build
only reads what was recorded and links to it ("Reply on Bluesky").

Module map:
    posts     the post URLs of each article: `_syndication.json` and the `Bluesky:`/`Mastodon:`
              headers, parsed into what the mentions sync needs to read the reactions back
    plugin    build time: each article's posts for the theme (reads files, never the network)
    settings  the `SYNDICATION` dict
    articles  command time from here on: the articles due, read from Markdown headers
    text      the post text from the template, cut to fit, counted as each network counts
    api       one JSON request through safe_http, failures in our words
    bluesky   createSession, createRecord (post, link facets, link card) under a TID
              minted from the clock, getRecord (does a pending post exist?)
    mastodon  POST /api/v1/statuses with an Idempotency-Key
    run       one pass: check pending posts, post what is due (pending first on Bluesky),
              record each post at once
    cli       arguments, settings file, credentials from the environment, exit codes
"""

from .plugin import register

__all__ = ["register"]
