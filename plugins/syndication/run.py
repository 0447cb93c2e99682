"""One `make syndicate` pass: each due article posted once per network, each post recorded at once.

Recording, and why it is not all or nothing: a post that was made must never
be forgotten, or the next run would post it again. So each post is recorded
in `_syndication.json` (an atomic write) as soon as the network confirms it,
before the next request. The store's `posts` then always match what exists
upstream: a failure before any post leaves the file byte-identical, and a
failure (or a crash) after some posts leaves exactly those recorded. That is
the command's "all or nothing" rule applied to each post rather than to the
whole run.

Bluesky: the post's record key (a TID from the current time) is chosen here,
so its URL is known before the request, and written to the store's `pending`
first. The confirmation moves it from `pending` to `posts` in one atomic
write; a refusal (4xx, 429) puts the file back byte for byte. When the answer
is lost (a server error, a broken or unreadable answer), it stays pending, and
the next run first asks the PDS for it (getRecord): found, it is recorded and
not posted again; `RecordNotFound`, it is posted afresh under a new TID; any
other answer skips that article with one line (it stays pending) while the
others go on. So a post is never made twice and one unclear post never wedges
the rest.

Mastodon: the `Idempotency-Key` is derived from the article URL, so a retry
sends the same key, and for one hour after a status is made (the instance
keeps the key in its cache for 3,600 s) a retry returns that status instead
of posting again. After that hour a retry posts a second status: when the
answer is lost, the line says to run again within the hour or to check the
account and name the post in the article header.

A network that fails (refused credentials, 429, a server error) is stopped
with one line and the other network still runs; the exit status says so.
"""

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from common.files import write_together

from .api import NetworkError
from .articles import Article
from .posts import BlueskyPost, Post, Section, article_posts, store_bytes
from .text import Limit, post_text

Output = Callable[[str], None]


class CommandError(Exception):
    """The command cannot go on; every post made so far is recorded."""


@dataclass(frozen=True)
class Publisher:
    """A connected network: how it posts, and for Bluesky how a post is planned and checked.

    `publish` turns an article, its text and the planned post (None on
    Mastodon) into the post made. `plan` names the post before it is made;
    `exists` says whether a planned post exists (NetworkError when unclear).
    """

    publish: Callable[[Article, str, BlueskyPost | None], Post]
    plan: Callable[[], BlueskyPost] | None = None
    exists: Callable[[BlueskyPost], bool] | None = None


@dataclass(frozen=True)
class Network:
    """A network to post to: its store name, its label (also its header key), text limit, connection.

    `connect` is None when the network's credentials are not in the environment.
    """

    name: str
    label: str
    limit: Limit
    connect: Callable[[], Publisher] | None


@dataclass
class Store:
    """The store file: the posts made, the posts pending, and the file they are written to."""

    path: Path
    posts: Section
    pending: Section

    def set(self, section: Section, slug: str, network: str, post: Post | None) -> None:
        """Set (or, with None, remove) one article's post on one network, in memory."""
        if post is None:
            section.get(slug, {}).pop(network, None)
        else:
            section.setdefault(slug, {})[network] = post

    def save(self) -> None:
        """Write both sections to the file in one atomic write."""
        write_together({self.path: store_bytes(self.posts, self.pending)})

    def current(self) -> bytes | None:
        """The file's bytes as they are now (None when it does not exist)."""
        try:
            return self.path.read_bytes()
        except FileNotFoundError:
            return None


@dataclass(frozen=True)
class Due:
    """An article to post on a network: its text, and its pending post from an earlier run."""

    article: Article
    text: str
    pending: BlueskyPost | None


def syndicate(
    articles: list[Article],
    store: Store,
    networks: list[Network],
    *,
    template: str,
    dry_run: bool,
    out: Output,
    warn: Output,
) -> bool:
    """Post what is due on each network; False when something failed (its line said why)."""
    ok = True
    for network in networks:
        due = []
        for article in articles:
            pending = store.pending.get(article.slug, {}).get(network.name)
            if network.name in article_posts(store.posts, article.slug, article.posted):
                # Named by hand in the header since: nothing left to check.
                store.set(store.pending, article.slug, network.name, None)
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
            due.append(Due(article, text, pending))
        if not due:
            out(f"{network.label}: nothing to post")
        elif dry_run:
            _show(network, due, out)
        elif network.connect is None:
            waiting = sum(item.pending is not None for item in due)
            of_them = f", {waiting} of them pending" if waiting else ""
            out(
                f"{network.label}: skipped, no credentials in the environment "
                f"({len(due)} due{of_them})"
            )
        else:
            ok &= _post_all(network, due, store, out, warn)
    return ok


def _show(network: Network, due: list[Due], out: Output) -> None:
    for item in due:
        slug, language = item.article.slug, item.article.language
        if item.pending is None:
            out(f"{network.label}: would post {slug} ({language}):")
        else:
            out(
                f"{network.label}: would check {slug}'s pending post {item.pending.url} "
                f"(com.atproto.repo.getRecord): recorded if it exists, else posted ({language}):"
            )
        for line in item.text.splitlines():
            out(f"    {line}" if line else "")


def _post_all(network: Network, due: list[Due], store: Store, out: Output, warn: Output) -> bool:
    label = network.label
    try:
        publisher = network.connect()
    except NetworkError as error:
        warn(f"{label}: {error}; nothing posted")
        return False
    ok = True
    for item in due:
        slug = item.article.slug
        if item.pending is not None and publisher.exists is not None:
            try:
                found = publisher.exists(item.pending)
            except NetworkError as error:
                warn(
                    f"{label}: skipped {slug}: its pending post {item.pending.url} could not be "
                    f"checked ({error}); it stays pending"
                )
                ok = False
                continue
            if found:
                _record(network, store, item, item.pending)
                out(f"{label}: {slug} was posted after all, recorded: {item.pending.url}")
                continue
        result = _post(network, publisher, store, item, warn)
        if result is None:
            return False
        out(f"{label}: posted {slug}: {result.url}")
    return ok


def _post(
    network: Network, publisher: Publisher, store: Store, item: Due, warn: Output
) -> Post | None:
    """Post one article (pending first, on Bluesky) and record it; None when it failed."""
    label, article = network.label, item.article
    before = store.current()
    planned = publisher.plan() if publisher.plan is not None else None
    if planned is not None:
        store.set(store.pending, article.slug, network.name, planned)
        try:
            store.save()
        except OSError as error:
            raise CommandError(
                f"{store.path} could not be written ({error.strerror or error}); "
                f"{article.slug} was not posted"
            ) from None
    try:
        made = publisher.publish(article, item.text, planned)
    except NetworkError as error:
        if error.maybe_done and planned is not None:
            warn(
                f"{label}: {article.slug}: {error}; it may have been posted all the same: "
                f"it stays pending as {planned.url}, and the next run checks it before "
                f"posting again; {label} stopped here"
            )
        elif error.maybe_done:
            warn(
                f"{label}: {article.slug}: {error}; it may have been posted all the same: "
                f"run again within the hour (the same Idempotency-Key then returns the post "
                f"made), or check the account and, if the post is there, add "
                f"`{label}: <post URL>` to {article.source}; {label} stopped here"
            )
        else:
            warn(f"{label}: {article.slug}: {error}; {label} stopped here")
            if planned is not None:  # refused: nothing was made, the file goes back as it was
                store.set(store.pending, article.slug, network.name, item.pending)
                _write_back(store, before)
        return None
    _record(network, store, item, made)
    return made


def _record(network: Network, store: Store, item: Due, made: Post) -> None:
    """Move the article's post to `posts` (out of `pending`) in one write."""
    slug = item.article.slug
    store.set(store.posts, slug, network.name, made)
    store.set(store.pending, slug, network.name, None)
    try:
        store.save()
    except OSError as error:
        raise CommandError(
            f"{slug} was posted as {made.url} but {store.path} could not be written "
            f"({error.strerror or error}): add `{network.label}: {made.url}` to "
            f"{item.article.source} before the next run"
        ) from None


def _write_back(store: Store, before: bytes | None) -> None:
    try:
        write_together({store.path: before})
    except OSError as error:
        raise CommandError(
            f"{store.path} could not be written back ({error.strerror or error}); "
            "its pending post was not made, and the next run checks it"
        ) from None
