"""One mention of an article, whatever it came from, and its JSON form in the store."""

import re
from dataclasses import dataclass, fields
from datetime import UTC, datetime

from known_keys import reject_unknown_keys

KINDS = ("reply", "like", "repost", "bookmark", "mention")
ORIGINS = ("webmention.io", "import", "manual")


@dataclass(frozen=True)
class Mention:
    """A normalised mention.

    `id` is `wmio:<webmention.io id>`, `import:<network>:<post>` or
    `manual:<name>`; it is unique within one article (one archived post may
    mention two articles, so an import id can recur across articles).
    `source_url` is the page that sent the mention (for Bridgy, its brid.gy
    URL); `url` is the post a reader should open, often the same. `published`
    is always timezone-aware: when the source gave no date it is the time the
    mention was received. `author_avatar` is the file name of a local copy of
    `author_photo` (see avatars.py); the remote photo is never shown.
    """

    id: str
    origin: str
    kind: str
    source_url: str
    url: str
    published: datetime
    received: datetime | None
    author_name: str | None
    author_url: str | None
    author_photo: str | None
    author_avatar: str | None
    text: str | None
    network: str


FIELD_NAMES = tuple(f.name for f in fields(Mention))
_DATES = ("published", "received")
# Avatar files are named by avatars.py from their content hash; anything else
# (a path, a URL) must never reach a page as an image address.
AVATAR_NAME = re.compile(r"[0-9a-f]{16,64}\.(?:png|jpg|gif|webp)")


def format_time(moment: datetime) -> str:
    """`moment` in UTC as `YYYY-MM-DDTHH:MM:SSZ`, the store's only date format."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_time(value: str) -> datetime:
    """Parse an ISO 8601 date-time; one without an offset is taken as UTC."""
    moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment


def to_record(mention: Mention) -> dict:
    """The JSON object stored for `mention` (every field present, null when unknown)."""
    record = {name: getattr(mention, name) for name in FIELD_NAMES}
    for name in _DATES:
        if record[name] is not None:
            record[name] = format_time(record[name])
    return record


def from_record(record: object, where: str) -> Mention:
    """Build a Mention from a stored JSON object; raise ValueError naming `where` and the field."""
    if not isinstance(record, dict):
        raise ValueError(f"{where}: expected an object")
    reject_unknown_keys(where, record, FIELD_NAMES, noun="field")
    values = {}
    for name in FIELD_NAMES:
        if name not in record:
            raise ValueError(f"{where}.{name}: missing")
        value = record[name]
        if value is not None and not isinstance(value, str):
            raise ValueError(f"{where}.{name}: expected a string or null")
        values[name] = value
    for name in ("id", "origin", "kind", "source_url", "url", "published", "network"):
        if not values[name]:
            raise ValueError(f"{where}.{name}: must not be empty")
    if values["kind"] not in KINDS:
        raise ValueError(f"{where}.kind: {values['kind']!r} is not one of {', '.join(KINDS)}")
    if values["origin"] not in ORIGINS:
        raise ValueError(f"{where}.origin: {values['origin']!r} is not one of {', '.join(ORIGINS)}")
    avatar = values["author_avatar"]
    if avatar is not None and not AVATAR_NAME.fullmatch(avatar):
        raise ValueError(f"{where}.author_avatar: {avatar!r} is not an avatar file name")
    for name in _DATES:
        if values[name] is not None:
            try:
                values[name] = parse_time(values[name])
            except ValueError:
                raise ValueError(f"{where}.{name}: {values[name]!r} is not a date-time") from None
    return Mention(**values)
