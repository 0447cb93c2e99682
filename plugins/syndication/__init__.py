"""Syndication (POSSE): each article posted once to Bluesky and Mastodon, and where it was posted.

Module map:
    posts   the post URLs of each article: `_syndication.json` and the `Bluesky:`/`Mastodon:`
            headers, parsed into what the mentions sync needs to read the reactions back
"""
