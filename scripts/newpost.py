"""Start a new article: `make newpost TITLE="..."` writes a dated draft with the full header.

The file is a draft (Status: draft) so it never reaches the public site by
accident; delete that line to publish it.
"""

import argparse
import re
import sys
import unicodedata
from datetime import datetime
from pathlib import Path

ARTICLES = Path(__file__).resolve().parent.parent / "content" / "articles"
HEADER = """Title: {title}
Date: {now}
Category: Networking
Tags: networking
Slug: {slug}
Author: Maya Okafor
Summary: One or two sentences that say what the reader will get from this article.
Status: draft

Write the article here.
"""


def slugify(title: str) -> str:
    """Lower-case ASCII words joined by hyphens, the way Pelican slugs titles."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("title")
    title = parser.parse_args(argv).title.strip()
    slug = slugify(title)
    if not slug:
        print("newpost: the title needs at least one letter or digit", file=sys.stderr)
        return 2
    now = datetime.now()
    path = ARTICLES / f"{now:%Y-%m-%d}-{slug}.md"
    if path.exists():
        print(f"newpost: {path} already exists; nothing written", file=sys.stderr)
        return 1
    path.write_text(HEADER.format(title=title, now=f"{now:%Y-%m-%d %H:%M}", slug=slug), "utf-8")
    print(f"Created {path.relative_to(ARTICLES.parent.parent)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
