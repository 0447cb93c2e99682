"""`python -m linkbacks send`: the command line, and its glue to Pelican.

This is the only module of the package that imports Pelican: it reads the
publish settings with `read_settings` and asks Pelican's own ArticlesGenerator
which articles are published (URL, output file, title, summary, `Trackback`
metadata), exactly as the build saw them. The pages themselves are read from
the built output directory, so what gets notified is what was deployed.

Exit status: 0 when the run completed, even if some targets failed (each one is
recorded in the outbox with a one-line reason and reported; a later run retries
what the policy allows); 2 for bad settings, an unreadable outbox or a missing
or broken built page of ours, with one line on stderr and nothing sent. No page
or response of a target can make the command fail or print a traceback.
"""

import argparse
import logging
import sys
from pathlib import Path

from common.settings_file import importable_settings
from common.terminal import printable
from common.urls import is_http_url
from pelican.generators import ArticlesGenerator
from pelican.settings import read_settings
from safe_http import Client

from .links import plain_text, trackback_urls
from .run import Article, send_all
from .settings import load_settings


def main(argv: list[str] | None = None) -> int:
    """Run the command; return the exit status (0 run completed, 2 bad settings or input)."""
    parser = argparse.ArgumentParser(
        prog="python -m linkbacks",
        description="Notify the pages our published articles link to (Webmention, "
        "Pingback, explicit Trackback). Run after each deploy.",
        epilog="exit status: 0 the run completed (failed targets are recorded in the outbox); "
        "2 bad settings, outbox or built site (nothing sent)",
    )
    parser.add_argument(
        "--settings", default="publishconf.py", help="Pelican settings file (default: %(default)s)"
    )
    commands = parser.add_subparsers(dest="command", required=True)
    send = commands.add_parser("send", help="send what is due and record it in the outbox")
    send.add_argument(
        "--dry-run",
        action="store_true",
        help="discover endpoints and print TARGET -> ENDPOINT (protocol); send nothing",
    )
    send.add_argument("--output", help="built site to read (default: the settings' OUTPUT_PATH)")
    send.add_argument("--siteurl", help="public site URL (default: the settings' SITEURL)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="linkbacks: %(message)s")

    path = Path(args.settings)
    try:
        settings = _read_settings(path, args.siteurl)
        linkbacks = load_settings(settings.get("LINKBACKS"), path.resolve().parent)
        output_dir = Path(args.output or settings["OUTPUT_PATH"])
        articles = [_article(a, settings["SITEURL"], output_dir) for a in _published(settings)]
    except (OSError, ValueError) as error:
        print(printable(f"linkbacks: error: {error}"), file=sys.stderr)
        return 2
    client = Client(
        user_agent=linkbacks.user_agent,
        max_bytes=linkbacks.max_bytes,
        max_redirects=linkbacks.max_redirects,
        allow_networks=linkbacks.allow_networks,
    )
    try:
        counts = send_all(
            articles,
            settings=linkbacks,
            siteurl=settings["SITEURL"],
            blog_name=settings["SITENAME"],
            client=client,
            dry_run=args.dry_run,
            report=print,
        )
    except (OSError, ValueError) as error:
        print(printable(f"linkbacks: error: {error}"), file=sys.stderr)
        return 2
    summary = ", ".join(f"{n} {status}" for status, n in sorted(counts.items())) or "nothing due"
    logging.getLogger(__name__).info("%s%s", "dry run: " if args.dry_run else "", summary)
    return 0


def _read_settings(path: Path, siteurl: str | None) -> dict:
    override = {"CACHE_CONTENT": False, "LOAD_CONTENT_CACHE": False}
    if siteurl:
        override["SITEURL"] = siteurl.rstrip("/")
    with importable_settings(path) as resolved:
        settings = read_settings(str(resolved), override=override)
    if not is_http_url(settings["SITEURL"]):
        raise ValueError(
            f"SITEURL {settings['SITEURL']!r} is not an absolute http(s) URL: "
            "use the publish settings or pass --siteurl"
        )
    return settings


def _published(settings: dict) -> list:
    """Pelican's published articles, read from the content as the build reads them."""
    context = {
        **settings,
        "generated_content": {},
        "static_links": set(),
        "static_content": {},
        "localsiteurl": settings["SITEURL"],
    }
    generator = ArticlesGenerator(
        context=context,
        settings=settings,
        path=settings["PATH"],
        theme=settings["THEME"],
        output_path=settings["OUTPUT_PATH"],
    )
    generator.generate_context()
    # Hidden articles are unlisted but live, so their links are public too.
    return [
        *generator.articles,
        *generator.translations,
        *generator.hidden_articles,
        *generator.hidden_translations,
    ]


def _article(article, siteurl: str, output_dir: Path) -> Article:
    page = output_dir / article.save_as
    if not page.is_file():
        raise ValueError(f"{page} not found: build the site with `make publish` first")
    try:
        trackbacks = trackback_urls(article.metadata.get("trackback", ""))
    except ValueError as error:
        raise ValueError(f"{article.source_path}: {error}") from None
    return Article(
        url=f"{siteurl}/{article.url}",
        page=page,
        title=plain_text(article.title),
        excerpt=plain_text(getattr(article, "summary", "") or ""),
        trackbacks=trackbacks,
    )
