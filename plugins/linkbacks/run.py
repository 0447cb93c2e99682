"""One `send` run over the published articles: plan, notify, record.

Every article page is read before anything is sent, so a broken page of ours
stops the run with nothing half done. The outbox is saved after each article,
so an interrupted run loses at most the article it was on.

Nothing a target or endpoint answers can stop the run: each target's result,
whatever went wrong, is an `Outcome` recorded in the outbox (an unexpected
error as `retry`, so the existing policy gives up after `max_attempts`), and the
run goes on with the next target and the next article. Report lines quote
outside URLs, so they pass through `common.terminal.printable`.
"""

import logging
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from common.terminal import printable
from safe_http import Client, Deadline

from . import outbox
from .links import read_article
from .send import Outcome, notify, send_trackback
from .settings import LinkbacksSettings

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Article:
    """A published article as the command sees it (built from Pelican by the CLI)."""

    url: str
    page: Path  # its rendered HTML in the output directory
    title: str
    excerpt: str
    trackbacks: tuple[str, ...] = ()


def send_all(
    articles: Sequence[Article],
    *,
    settings: LinkbacksSettings,
    siteurl: str,
    blog_name: str,
    client: Client,
    dry_run: bool,
    report: Callable[[str], None],
) -> Counter:
    """Notify what each article's links (and named Trackback URLs) need; return status counts.

    `report` gets one line per target: `TARGET -> ENDPOINT (protocol)`, followed
    in a real run by the result. A dry run fetches targets to discover their
    endpoints but posts nothing and leaves the outbox untouched.
    """
    bodies = {}
    for article in articles:
        try:
            html = article.page.read_text(encoding="utf-8")
            bodies[article.url] = read_article(html, article.url, siteurl, settings.ignore)
        except (OSError, ValueError) as error:
            raise ValueError(f"{article.page}: {error}") from None
    sources = outbox.load(settings.outbox)
    counts: Counter = Counter()
    for article in sorted(articles, key=lambda a: a.url):
        body = bodies[article.url]
        previous = sources.get(article.url)
        due = outbox.plan(previous, body.content_hash, body.links, article.trackbacks)
        results = {}
        for item in due:
            outcome = _notify_one(item, article, blog_name, client, settings.timeout, dry_run)
            results[item] = outcome
            counts[outcome.status] += 1
            line = f"{item.target} -> {outcome.endpoint or '-'} ({outcome.protocol})"
            report(printable(line if dry_run else f"{line} {outcome.status}: {outcome.detail}"))
            if dry_run and outcome.status != "planned":
                log.info("%s", printable(f"{item.target}: {outcome.detail}"))
        if dry_run:
            continue
        state = outbox.update(
            previous,
            body.content_hash,
            body.links,
            article.trackbacks,
            results,
            settings.max_attempts,
        )
        if state.targets:
            sources[article.url] = state
        else:
            sources.pop(article.url, None)
        outbox.save(settings.outbox, sources)
    gone = sorted(set(sources) - {a.url for a in articles})
    if gone:
        gone_list = printable(", ".join(gone))
        log.info("not published any more, left as they were in the outbox: %s", gone_list)
    return counts


def _notify_one(
    item: outbox.Due,
    article: Article,
    blog_name: str,
    client: Client,
    timeout: float,
    dry_run: bool,
) -> Outcome:
    """The outcome for one target; no exception gets out, whatever the target answered."""
    protocol = "trackback" if item.trackback else "none"
    try:
        return _send(item, article, blog_name, client, Deadline(timeout), dry_run)
    except Exception as error:  # one odd target must not stop the others
        log.warning("%s", printable(f"{item.target}: unexpected {type(error).__name__}"))
        return Outcome(protocol, None, "retry", f"unexpected error ({type(error).__name__})")


def _send(
    item: outbox.Due,
    article: Article,
    blog_name: str,
    client: Client,
    deadline: Deadline,
    dry_run: bool,
) -> Outcome:
    if not item.trackback:
        return notify(client, article.url, item.target, deadline, dry_run)
    if dry_run:
        return Outcome("trackback", item.target, "planned", "dry run")
    return send_trackback(
        client,
        item.target,
        source=article.url,
        title=article.title,
        excerpt=article.excerpt,
        blog_name=blog_name,
        deadline=deadline,
    )
