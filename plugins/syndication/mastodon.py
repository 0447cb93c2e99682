"""Posting to Mastodon: `POST /api/v1/statuses`, through safe_http.

The text, visibility and language go as form data, with the account's token
(`write:statuses` scope) as `Authorization: Bearer`. The `Idempotency-Key`
is derived from the article URL: if an answer is lost and the command runs
again within the hour the instance keeps keys for, the instance returns the
status it already made instead of posting twice. The answer's `url` is the
status URL recorded. No module here reads settings or the environment.
"""

import hashlib
from urllib.parse import urlencode

from safe_http import Client

from .api import NetworkError, post
from .posts import MastodonPost, parse_post

FORM = "application/x-www-form-urlencoded"


def idempotency_key(article_url: str) -> str:
    """The same key for every attempt to post the article at `article_url`."""
    return hashlib.sha256(f"reconnect-syndicate\n{article_url}".encode()).hexdigest()


def create_status(
    client: Client,
    base_url: str,
    token: str,
    *,
    text: str,
    visibility: str,
    language: str,
    article_url: str,
    timeout: float,
) -> MastodonPost:
    """Post a status; the status it became.

    NetworkError otherwise, with `maybe_done` when the status may exist all the same.
    """
    body = urlencode({"status": text, "visibility": visibility, "language": language})
    headers = {
        "Accept": "application/json",
        "Authorization": f"Bearer {token}",
        "Idempotency-Key": idempotency_key(article_url),
    }
    url = f"{base_url.rstrip('/')}/api/v1/statuses"
    answer = post(client, url, body.encode("utf-8"), FORM, headers=headers, timeout=timeout)
    try:
        return parse_post("mastodon", answer.get("url"))
    except ValueError:
        raise NetworkError("the answer names no status URL", maybe_done=True) from None
