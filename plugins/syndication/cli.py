"""Command line: `python -m syndication [--settings FILE] [--dry-run]` (`make syndicate`).

Run from the project root with `PYTHONPATH=plugins`, after the upload: the
posts link to the article pages, which must be live. The settings file
(default publishconf.py, whose SITEURL is the public address) is read for
PATH, SITEURL, ARTICLE_URL, ARTICLE_PATHS, DEFAULT_LANG, MENTIONS (the store
lives in its directory) and SYNDICATION.

Credentials come from the environment only: BLUESKY_HANDLE and
BLUESKY_APP_PASSWORD, MASTODON_BASE_URL and MASTODON_TOKEN. A network whose
variables are not both set is skipped with one line. A dry run needs none: it
contacts nothing, writes nothing and prints, network by network, each article
that is due and the exact text it would post, and for an article with a
pending Bluesky post, the post URL it would check first.

Exit status: 0 done (skipped articles included, one line each); 2 a network
failed (the line says which and why; what was posted is recorded); 3 bad
settings, a broken store or article header, or a store that could not be
written; 1 an unexpected error (a bug). Every line is escaped and cut
(`common.terminal.short`), and the password, the token and any long piece of
them are redacted from it as a second line of defence: no message is built
from a response body or a URL in the first place.
"""

import argparse
import json
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from common.settings_file import read_settings_file
from common.terminal import short
from mentions.cli import redact
from mentions.settings import load_settings as load_mentions_settings

from . import bluesky, mastodon
from .api import client_for
from .articles import Article, read_articles
from .posts import STORE_NAME, BlueskyPost, bluesky_url, parse_pending, parse_store
from .run import CommandError, Network, Publisher, Store, syndicate
from .settings import SyndicationSettings, load_settings
from .text import BLUESKY, MASTODON

EXIT_BUG = 1
EXIT_UPSTREAM = 2
EXIT_LOCAL = 3
# A dry run prints whole lines of post text: up to 500 graphemes, URLs counted 23 but up to
# 2048 characters long, escaped. Nothing printed is longer unless it is cut.
MAX_LINE = 6000
SECRET_VARIABLES = ("BLUESKY_APP_PASSWORD", "MASTODON_TOKEN")
Clock = Callable[[], datetime]


def main(
    argv: list[str] | None = None,
    environ: dict[str, str] | None = None,
    clock: Clock | None = None,
) -> int:
    """Run the command; return the exit status. `clock` (tests) stands in for the current time."""
    args = _parser().parse_args(argv)
    env = os.environ if environ is None else environ
    secrets = [env[name] for name in SECRET_VARIABLES if env.get(name)]

    def say(line: str, stream=sys.stdout) -> None:
        text = line[: MAX_LINE * 2]
        for secret in secrets:
            text = redact(text, secret)
        print(short(text, MAX_LINE), file=stream)

    def warn(line: str) -> None:
        say(line, sys.stderr)

    try:
        project = _read_project(Path(args.settings))
        settings = project.settings
        articles, skipped = read_articles(
            project.content,
            project.article_paths,
            not_before=settings.not_before,
            site_url=project.site_url,
            article_url=project.article_url,
            language=settings.language or project.language,
        )
        for line in skipped:
            warn(line)
        store = _read_store(project.store_file)
        ok = syndicate(
            articles,
            store,
            _networks(settings, env, clock or (lambda: datetime.now(UTC))),
            template=settings.text_template,
            dry_run=args.dry_run,
            out=say,
            warn=warn,
        )
    except (CommandError, ValueError, OSError) as error:
        warn(f"syndicate: error: {error}")
        return EXIT_LOCAL
    except Exception as error:  # never a traceback: one line, and the exit status says "bug"
        warn(f"syndicate: error: unexpected {type(error).__name__}: {error}")
        return EXIT_BUG
    return 0 if ok else EXIT_UPSTREAM


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m syndication",
        description="Post each new published article once to Bluesky and Mastodon.",
        epilog="exit status: 0 done; 2 a network failed (posts made are recorded); "
        "3 bad settings, store or header; 1 a bug",
    )
    parser.add_argument("--settings", default="publishconf.py", help="Pelican settings file")
    parser.add_argument(
        "--dry-run", action="store_true", help="print what would be posted; post and write nothing"
    )
    return parser


@dataclass(frozen=True)
class Project:
    """What the command needs from the Pelican settings file."""

    settings: SyndicationSettings
    content: Path
    article_paths: list[str]
    site_url: str
    article_url: str
    language: str
    store_file: Path


def _read_project(settings_file: Path) -> Project:
    """What the command needs from the Pelican settings file, read without Pelican."""
    namespace = read_settings_file(settings_file)
    settings = load_settings(namespace.get("SYNDICATION"))
    if settings.not_before is None:
        raise CommandError(
            "SYNDICATION['not_before'] is not set: set it to the first day whose articles "
            "may be posted (older ones never are)"
        )
    site_url = str(namespace.get("SITEURL", "")).rstrip("/")
    if not site_url.startswith(("http://", "https://")):
        raise CommandError(f"SITEURL {site_url!r} is not absolute: use the publish settings")
    article_url = namespace.get("ARTICLE_URL", "{slug}.html")
    try:
        article_url.format(slug="x")
    except (KeyError, IndexError, ValueError):
        raise CommandError(f"ARTICLE_URL {article_url!r} may use only {{slug}}") from None
    content = settings_file.resolve().parent / namespace.get("PATH", "content")
    mentions = load_mentions_settings(namespace.get("MENTIONS"))
    return Project(
        settings=settings,
        content=content,
        article_paths=namespace.get("ARTICLE_PATHS", [""]),
        site_url=site_url,
        article_url=article_url,
        language=namespace.get("DEFAULT_LANG", "en"),
        store_file=content / mentions.path / STORE_NAME,
    )


def _read_store(path: Path) -> Store:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return Store(path, {}, {})
    try:
        parsed = json.loads(data)
        return Store(path, parse_store(parsed, path.name), parse_pending(parsed, path.name))
    except ValueError as error:
        raise CommandError(f"{path}: {error}") from None


def _networks(settings: SyndicationSettings, env, clock: Clock) -> list[Network]:
    handle, password = env.get("BLUESKY_HANDLE"), env.get("BLUESKY_APP_PASSWORD")
    base, token = env.get("MASTODON_BASE_URL"), env.get("MASTODON_TOKEN")
    return [
        Network(
            "bluesky",
            "Bluesky",
            BLUESKY,
            _bluesky(settings, handle, password, clock) if handle and password else None,
        ),
        Network(
            "mastodon",
            "Mastodon",
            MASTODON,
            _mastodon(settings, base, token) if base and token else None,
        ),
    ]


def _bluesky(settings: SyndicationSettings, handle: str, password: str, clock: Clock):
    pds = settings.bluesky_pds_url
    client = client_for(pds)

    def connect() -> Publisher:
        session = bluesky.login(client, pds, handle, password, settings.timeout)
        tids = bluesky.Tids(clock)

        def plan() -> BlueskyPost:
            return BlueskyPost(bluesky_url(session.did, rkey := tids.next()), session.did, rkey)

        def publish(article: Article, text: str, planned: BlueskyPost):
            record = bluesky.post_record(
                text,
                url=article.url,
                title=article.title,
                description=article.summary,
                language=article.language,
                now=clock(),
            )
            return bluesky.create_post(client, pds, session, record, planned.rkey, settings.timeout)

        def exists(post: BlueskyPost) -> bool:
            return bluesky.post_exists(client, pds, post, settings.timeout)

        return Publisher(publish, plan, exists)

    return connect


def _mastodon(settings: SyndicationSettings, base_url: str, token: str):
    client = client_for(base_url)

    def connect() -> Publisher:
        def publish(article: Article, text: str, planned: None):
            return mastodon.create_status(
                client,
                base_url,
                token,
                text=text,
                visibility=settings.mastodon_visibility,
                # Mastodon takes an ISO 639-1 code: "en" of "en-GB".
                language=article.language.split("-")[0],
                article_url=article.url,
                timeout=settings.timeout,
            )

        return Publisher(publish)

    return connect
