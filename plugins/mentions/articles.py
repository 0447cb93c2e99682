"""Article slugs, headers and posts read from the content, for the commands that run without Pelican."""

from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

from common.markdown_header import read_header
from syndication.posts import STORE_NAME, Post, article_posts, parse_store

from .store import read_json


def article_headers(
    content_dir: Path, article_paths: Iterable[str]
) -> tuple[dict[str, dict[str, str]], list[Path]]:
    """The header of every Markdown article by its `Slug:`, and the articles that declare none.

    Pelican would derive a missing slug from the title; the commands do not
    guess, so those articles are reported instead.
    """
    headers = {}
    without = []
    for folder in article_paths:
        for path in sorted((content_dir / folder).rglob("*.md")):
            header = read_header(path.read_text(encoding="utf-8"))
            if header.get("slug"):
                headers[header["slug"]] = header
            else:
                without.append(path)
    return headers, without


def syndicated_posts(
    store_dir: Path, headers: Mapping[str, Mapping[str, str]], say: Callable[[str], None]
) -> dict[str, dict[str, Post]]:
    """Each article's Bluesky and Mastodon posts: its header's, else `_syndication.json`'s.

    The store file is ours (written by `make syndicate`): a broken one raises
    ValueError naming it. A bad header value, or a store entry for no
    article, is one warning line; those posts are not read.
    """
    path = store_dir / STORE_NAME
    stored = parse_store(read_json(path), str(path)) if path.exists() else {}
    for slug in sorted(stored.keys() - headers.keys()):
        say(f"warning: {path.name} names {slug!r}, which no article has; its posts are not read")
    posts = {}
    for slug, header in sorted(headers.items()):
        try:
            found = article_posts(stored, slug, header)
        except ValueError as error:
            say(f"warning: article {slug!r}: {error}; its posts are not read")
            continue
        if found:
            posts[slug] = found
    return posts
