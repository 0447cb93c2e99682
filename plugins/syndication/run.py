"""One `make syndicate` pass: each due article posted once per network, each post recorded at once.

Recording, and why it is not all or nothing: a post that was made must never
be forgotten, or the next run would post it again. So each post is recorded
in `_syndication.json` (an atomic write) as soon as the network confirms it,
before the next request. The store then always matches what exists upstream:
a failure before any post leaves it byte-identical, and a failure (or a
crash) after some posts leaves exactly those recorded. That is the command's
"all or nothing" rule applied to each post rather than to the whole run.

A network that fails (refused credentials, 429, a server error) is stopped
with one line and the other network still runs; the exit status says so. When
the answer to a post itself is lost (a server error, a broken or unreadable
answer), the post may exist all the same: the line says to check the account
and name the post in the article header, and the network stops there.
"""

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from common.files import write_atomic

from .api import NetworkError
from .articles import Article
from .posts import Post, article_posts, store_bytes
from .text import Limit, post_text

Output = Callable[[str], None]
# Turns an article and its text into the post made (after logging in, when needed).
Publisher = Callable[[Article, str], Post]


class CommandError(Exception):
    """The command cannot go on; every post made so far is recorded."""


@dataclass(frozen=True)
class Network:
    """A network to post to: its store name, its label (also its header key), text limit, connection.

    `connect` is None when the network's credentials are not in the environment.
    """

    name: str
    label: str
    limit: Limit
    connect: Callable[[], Publisher] | None


def syndicate(
    articles: list[Article],
    store: dict[str, dict[str, Post]],
    store_file: Path,
    networks: list[Network],
    *,
    template: str,
    dry_run: bool,
    out: Output,
    warn: Output,
) -> bool:
    """Post what is due on each network; False when a network failed (its line said why)."""
    ok = True
    for network in networks:
        due = []
        for article in articles:
            if network.name in article_posts(store, article.slug, article.posted):
                continue
            try:
                text = post_text(
                    template,
                    title=article.title,
                    summary=article.summary,
                    url=article.url,
                    limit=network.limit,
                )
            except ValueError as error:
                warn(f"{network.label}: skipped {article.slug}: {error}")
                continue
            due.append((article, text))
        if not due:
            out(f"{network.label}: nothing to post")
        elif dry_run:
            for article, text in due:
                out(f"{network.label}: would post {article.slug} ({article.language}):")
                for line in text.splitlines():
                    out(f"    {line}" if line else "")
        elif network.connect is None:
            out(f"{network.label}: skipped, no credentials in the environment ({len(due)} due)")
        else:
            ok &= _post_all(network, due, store, store_file, out, warn)
    return ok


def _post_all(
    network: Network,
    due: list[tuple[Article, str]],
    store: dict[str, dict[str, Post]],
    store_file: Path,
    out: Output,
    warn: Output,
) -> bool:
    label = network.label
    try:
        publish = network.connect()
    except NetworkError as error:
        warn(f"{label}: {error}; nothing posted")
        return False
    for article, text in due:
        try:
            post = publish(article, text)
        except NetworkError as error:
            if error.maybe_done:
                where = error.post_url or "<post URL>"
                warn(
                    f"{label}: {article.slug}: {error}; it may have been posted all the same: "
                    f"check the account and, if the post is there, add `{label}: {where}` "
                    f"to {article.source} before the next run"
                )
            else:
                warn(f"{label}: {article.slug}: {error}; {label} stopped here")
            return False
        store.setdefault(article.slug, {})[network.name] = post
        try:
            write_atomic(store_file, store_bytes(store))
        except OSError as error:
            raise CommandError(
                f"{article.slug} was posted as {post.url} but {store_file} could not be written "
                f"({error.strerror or error}): add `{network.label}: {post.url}` to "
                f"{article.source} before the next run"
            ) from None
        out(f"{label}: posted {article.slug}: {post.url}")
    return True
