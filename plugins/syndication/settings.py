"""The `SYNDICATION` setting: defaults and validation in one place.

Keys (all optional but `not_before`, which `make syndicate` needs):
    not_before (str "YYYY-MM-DD" or None, None): articles dated before this day
        are never posted. None makes `make syndicate` refuse to run, so that a
        first run cannot post the whole archive.
    bluesky_pds_url (str, "https://bsky.social"): the Bluesky account's PDS,
        where the session is opened and the post created. It is contacted
        through the public-only guard (safe_http); an IP address written
        literally here is the one exception, which is how tests point it at a
        loopback server (MASTODON_BASE_URL follows the same rule).
    text_template (str, TEXT_TEMPLATE): the post text, with the fields {title},
        {summary} and {url} (required); the summary, then the title, is
        shortened with "…" to fit each network's limit, never the URL.
    mastodon_visibility (str, "public"): public, unlisted, private or direct.
    language (str or None, None): the language code sent with each post
        (Bluesky `langs`, Mastodon `language`); None means DEFAULT_LANG. An
        article's `Lang:` header wins.
    timeout (float, 20.0): seconds one HTTP request may take, in total.
"""

import string
from dataclasses import dataclass
from datetime import date
from typing import Annotated

from common.urls import is_http_url
from known_keys.typed_fields import From, Rule, load_fields, one_of, positive

TEXT_TEMPLATE = "{title}\n\n{summary}\n\n{url}"
TEMPLATE_FIELDS = frozenset({"title", "summary", "url"})
VISIBILITIES = ("public", "unlisted", "private", "direct")


def _day(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"expected a date written YYYY-MM-DD, got {value!r}") from None


def _template(value: str) -> str:
    try:
        fields = string.Formatter().parse(value)
        names = {name for _, name, _, _ in fields if name is not None}
    except ValueError as error:
        raise ValueError(f"bad template: {error}") from None
    if names - TEMPLATE_FIELDS or "url" not in names:
        raise ValueError(
            f"the template may use only {{title}}, {{summary}} and {{url}}, and must use {{url}}; "
            f"got {value!r}"
        )
    return value


@dataclass(frozen=True)
class SyndicationSettings:
    not_before: Annotated[date | None, From(str | None, _day)] = None
    bluesky_pds_url: Annotated[str, Rule(is_http_url, "an http(s) URL")] = "https://bsky.social"
    text_template: Annotated[str, From(str, _template)] = TEXT_TEMPLATE
    mastodon_visibility: Annotated[str, one_of(*VISIBILITIES)] = "public"
    language: str | None = None
    timeout: Annotated[float, positive] = 20.0


def load_settings(raw: dict | None) -> SyndicationSettings:
    """Merge `raw` over the defaults; raise ValueError naming any bad key."""
    return load_fields("SYNDICATION", SyndicationSettings, raw)
