"""Pelican glue: check every Markdown header before Pelican reads the files."""

import logging
import os
import sys
from datetime import datetime
from itertools import takewhile

from pelican import signals
from pelican.log import FatalLogger
from pelican.utils import get_date

from .headers import header_problems, read_header

logger = logging.getLogger(__name__)


def _check(generator, paths_key: str, excludes_key: str, *, is_article: bool) -> None:
    settings = generator.settings
    files = generator.get_files(
        settings[paths_key], exclude=settings[excludes_key], extensions=("md", "markdown")
    )
    failures = []
    for relative in sorted(files):
        path = os.path.join(generator.path, relative)
        with open(path, encoding="utf-8") as handle:
            # The header ends at the first blank line; the body is not needed.
            header = read_header("".join(takewhile(str.strip, handle)))
        failures += [
            f"{os.path.relpath(path, os.path.dirname(generator.path))}: {problem}"
            for problem in header_problems(header, _parse_date, is_article=is_article)
        ]
    if not failures:
        return
    # With --fatal errors, Pelican turns an error log into a traceback; a critical
    # log is printed as is, so the writer sees only the file and the problem.
    fatal = FatalLogger.fatal_lvl <= logging.ERROR
    for failure in failures:
        logger.log(logging.CRITICAL if fatal else logging.WARNING, failure)
    if fatal:
        sys.exit(1)


def _parse_date(value: str) -> datetime:
    # Most headers hold ISO dates, which the standard library reads a hundred
    # times faster than Pelican's dateutil-based parser; that one decides the rest.
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return get_date(value)


def check_articles(generator) -> None:
    _check(generator, "ARTICLE_PATHS", "ARTICLE_EXCLUDES", is_article=True)


def check_pages(generator) -> None:
    _check(generator, "PAGE_PATHS", "PAGE_EXCLUDES", is_article=False)


def register() -> None:
    signals.article_generator_init.connect(check_articles)
    signals.page_generator_init.connect(check_pages)
