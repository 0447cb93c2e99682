"""Command line: `python -m mentions [--settings FILE] sync [--full] [--avatars]` or `import FILE`.

Run from the project root with `PYTHONPATH=plugins` (the Make targets
`mentions-sync` and `mentions-import` do). The settings file is read for
PATH, SITEURL, ARTICLE_URL, ARTICLE_PATHS and MENTIONS; it defaults to
publishconf.py because SITEURL there is the public address mentions point at.

Exit status: 0 done (quarantined records included: they are reported, one
line each, and kept in `_rejected.json`), 2 webmention.io, the Bluesky
AppView or a Mastodon instance failed or answered a page that is unusable as
a whole (a post gone upstream is only a warning line), 3 bad settings, local data or import file
(or the store could not be written), 1 an unexpected error (a bug). On any
failure nothing is written.

Every line printed is escaped (`common.terminal.printable`) and cut to
`MAX_LINE` characters, so text strangers wrote can neither drive the terminal
nor forge a line. Messages are built never to hold the API URL or a response
body; as a second line of defence the token is redacted from every line, in
plain and percent-encoded form and any 8 or more characters of it.
"""

import argparse
import os
import sys
from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote, quote_plus

from common.settings_file import read_settings_file
from common.terminal import short

from .articles import article_headers, syndicated_posts
from .commands import CommandError, Project, run_import, run_sync
from .settings import load_settings
from .sync import SyncError

TOKEN_VARIABLE = "WEBMENTION_IO_TOKEN"
EXIT_BUG = 1
EXIT_UPSTREAM = 2
EXIT_LOCAL = 3
MAX_LINE = 400
# A token is redacted wherever this many of its characters appear in a row.
MIN_TOKEN_PIECE = 8


def main(argv: list[str] | None = None) -> int:
    """Run the command in `argv`; return the exit status."""
    args = _parser().parse_args(argv)
    token = os.environ.get(TOKEN_VARIABLE, "") if args.command == "sync" else ""

    def say(line: str) -> None:
        print(_safe_line(line, token))

    try:
        project = load_project(Path(args.settings), say)
        if args.command == "sync":
            if not token:
                raise CommandError(f"the environment variable {TOKEN_VARIABLE} is not set")
            run_sync(project, token, full=args.full, avatars=args.avatars, out=say)
        else:
            run_import(project, Path(args.file), out=say)
    except SyncError as error:
        _fail(args.command, str(error), token)
        return EXIT_UPSTREAM
    except (CommandError, ValueError, OSError) as error:
        _fail(args.command, str(error), token)
        return EXIT_LOCAL
    except Exception as error:  # never a traceback: one line, and the exit status says "bug"
        _fail(args.command, f"unexpected {type(error).__name__}: {error}", token)
        return EXIT_BUG
    return 0


def load_project(settings_file: Path, say: Callable[[str], None]) -> Project:
    """Read the Pelican settings file the way Pelican would, without importing Pelican."""
    namespace = read_settings_file(settings_file)
    settings = load_settings(namespace.get("MENTIONS"))
    content = settings_file.resolve().parent / namespace.get("PATH", "content")
    headers, undeclared = article_headers(content, namespace.get("ARTICLE_PATHS", [""]))
    for path in undeclared:
        say(f"warning: {path} has no Slug: metadata; mentions of it cannot be matched")
    store_dir = content / settings.path
    return Project(
        store_dir=store_dir,
        avatars_dir=content / settings.avatars_dir,
        site_url=namespace.get("SITEURL", ""),
        article_url=namespace.get("ARTICLE_URL", "{slug}.html"),
        slugs=frozenset(headers),
        settings=settings,
        posts=syndicated_posts(store_dir, headers, say) if settings.collect_direct else {},
    )


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m mentions", description=__doc__.split("\n")[0])
    parser.add_argument("--settings", default="publishconf.py", help="Pelican settings file")
    commands = parser.add_subparsers(dest="command", required=True)
    sync = commands.add_parser(
        "sync", help="fetch new mentions from webmention.io, Bluesky and Mastodon"
    )
    sync.add_argument(
        "--full", action="store_true", help="re-read everything: drop deleted, update edited"
    )
    sync.add_argument("--avatars", action="store_true", help="download missing author photos")
    archive = commands.add_parser("import", help="import archived posts (JSON or CSV)")
    archive.add_argument("file")
    return parser


def _fail(command: str, message: str, token: str) -> None:
    print(_safe_line(f"mentions {command}: error: {message}", token), file=sys.stderr)


def _safe_line(text: str, token: str) -> str:
    """One printable line of at most MAX_LINE characters, with no trace of `token`."""
    return short(redact(text[: MAX_LINE * 2], token), MAX_LINE)


def redact(text: str, token: str) -> str:
    """`text` with `token`, its percent-encoded forms and any long piece of them replaced."""
    if not token:
        return text
    for form in dict.fromkeys((token, quote(token, safe=""), quote_plus(token))):
        text = text.replace(form, "[token]")
        size = len(form)
        for length in range(size - 1, MIN_TOKEN_PIECE - 1, -1):
            for start in range(size - length + 1):
                text = text.replace(form[start : start + length], "[token]")
    return text
