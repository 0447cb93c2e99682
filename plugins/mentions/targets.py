"""Which article a URL points at: the article URL pattern, variants of it, and aliases.

URLs are compared without scheme, `www.`, query, fragment, trailing slash or
`index.html`, so http/https and slash variants of one page are one key. A
URL on our own host (or a bare path) is keyed by its path alone.
"""

import re
from collections.abc import Mapping
from urllib.parse import urlsplit

_PLACEHOLDER = re.compile(r"\{[^}]*\}")


class TargetResolver:
    """Map target URLs to article slugs."""

    def __init__(self, site_url: str, article_url: str, aliases: Mapping[str, str]) -> None:
        """`site_url` is the public address, `article_url` Pelican's ARTICLE_URL pattern."""
        host = urlsplit(site_url).hostname or ""
        self._own_hosts = {host.removeprefix("www.")} - {""}
        self._article_url = "/" + article_url.lstrip("/")
        self._pattern = _path_pattern(article_url)
        self._aliases = {self.key(url): slug for url, slug in aliases.items()}

    def key(self, url: str) -> str:
        """The comparison key of `url`: its path on our host, else host + path."""
        parts = urlsplit(url.strip())
        host = (parts.hostname or "").removeprefix("www.")
        path = parts.path.removesuffix("index.html").rstrip("/")
        if not host or host in self._own_hosts:
            return path
        return host + path

    def follow(self, slug: str) -> str:
        """The slug an alias maps the article URL of `slug` to, else `slug` itself."""
        return self._aliases.get(self.key(self._article_url.replace("{slug}", slug)), slug)

    def slug_for(self, url: str) -> str | None:
        """The slug of the article `url` points at, or None if it is not one of ours."""
        key = self.key(url)
        if key in self._aliases:
            return self._aliases[key]
        if self._pattern is None or not key.startswith("/"):
            return None
        match = self._pattern.fullmatch(key)
        return match.group("slug") if match else None


def parse_aliases(data: object, where: str) -> dict[str, str]:
    """Validate the aliases file's JSON (`{"aliases": {url: slug}}`); raise ValueError."""
    if not isinstance(data, dict) or set(data) - {"aliases"}:
        raise ValueError(f'{where}: expected an object with the single key "aliases"')
    aliases = data.get("aliases", {})
    if not isinstance(aliases, dict):
        raise ValueError(f"{where}.aliases: expected an object mapping URLs to slugs")
    for url, slug in aliases.items():
        if not isinstance(slug, str) or not slug or slug.startswith("_"):
            raise ValueError(f"{where}.aliases[{url!r}]: expected an article slug")
    return dict(aliases)


def _path_pattern(article_url: str) -> re.Pattern | None:
    if "{slug}" not in article_url:
        return None
    template = ("/" + article_url.lstrip("/")).removesuffix("index.html").rstrip("/")
    pieces = []
    position = 0
    for match in _PLACEHOLDER.finditer(template):
        pieces.append(re.escape(template[position : match.start()]))
        pieces.append("(?P<slug>[^/]+)" if match.group() == "{slug}" else "[^/]+")
        position = match.end()
    pieces.append(re.escape(template[position:]))
    return re.compile("".join(pieces))
