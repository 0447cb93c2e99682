"""A whole `send` run as the linkbacks tests make it: report lines collected, counts returned."""

from linkbacks.run import send_all

SITEURL = "https://reconnect.example"


def run(articles, settings, client, dry_run=False) -> tuple[list[str], dict]:
    """`send_all` over `articles` for the site SITEURL; (report lines, status counts)."""
    lines: list[str] = []
    counts = send_all(
        articles,
        settings=settings,
        siteurl=SITEURL,
        blog_name="Reconnect",
        client=client,
        dry_run=dry_run,
        report=lines.append,
    )
    return lines, counts
