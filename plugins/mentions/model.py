"""One mention of an article, whatever it came from, its cleaning, and its JSON form in the store.

Every path that makes a Mention ends in `clean_mention`: webmention.io entries
(normalize.from_jf2), archive imports, and store records (`from_record`, which
the build and every command use, so hand-edited files obey the same rules as
synced ones). A clean Mention holds only what every reader of the store can
take: text without control, bidi or invisible characters, lone surrogates or
non-characters, in NFC and within a length cap; http(s) URLs that pass
`common.urls.http_url`; UTC dates with 4-digit years between MIN_TIME and
MAX_TIME, to the second. `from_record(to_record(m)) == m` for every clean `m`.
"""

import re
import unicodedata
from dataclasses import dataclass, fields
from datetime import UTC, datetime
from functools import lru_cache

from common.urls import UNSAFE_CHARACTERS, http_url
from known_keys import reject_unknown_keys

from .networks import post_key

# A store repeats URLs (a mention's url is mostly its source_url, an author
# posts many times) and a build cleans every mention in it: each distinct
# string is checked once.
_http_url = lru_cache(maxsize=4096)(http_url)

KINDS = ("reply", "like", "repost", "bookmark", "mention")
ORIGINS = ("webmention.io", "import", "manual", "bluesky", "mastodon")
MAX_ID_LENGTH = 200
MAX_NAME_LENGTH = 100
MAX_NETWORK_LENGTH = 40
# The ceiling for stored text whatever MENTIONS['max_text'] says: a hand-written
# file holding 100 KB of text must not reach pages and feeds.
MAX_TEXT_LENGTH = 5000
# Outside these a date is a typo or an attack. Both ends have 4-digit years,
# which the store format and every feed need, in every time zone: the last day
# of year 9999 is left out because pages and feeds show dates in the site's
# zone, up to 14 hours ahead of UTC, where it would be year 10000.
MIN_TIME = datetime(1990, 1, 1, tzinfo=UTC)
MAX_TIME = datetime(9999, 12, 30, 23, 59, 59, tzinfo=UTC)


@dataclass(frozen=True)
class Mention:
    """A normalised mention.

    `id` is `wmio:<webmention.io id>`, `import:<post key>` (`import_id`) or
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
_REQUIRED = ("id", "origin", "kind", "source_url", "url", "published", "network")
# Avatar files are named by avatars.py from their content hash; anything else
# (a path, a URL) must never reach a page as an image address.
AVATAR_NAME = re.compile(r"[0-9a-f]{16,64}\.(?:png|jpg|gif|webp)")
_UNWANTED = re.compile(f"[{UNSAFE_CHARACTERS}]")
_SPACE = re.compile(r"\s+")


def import_id(url: str) -> str:
    """The id of the imported post at `url`: `import:` and its `networks.post_key`.

    It holds no network name, so recognising a new network later never
    turns a re-import of the same post into a second copy.
    """
    return f"import:{post_key(url)}"


def clean_text(value: object, limit: int) -> str | None:
    """Plain text without unwanted characters, in NFC, whitespace collapsed, at most `limit`.

    None when `value` is not a string or nothing is left of it.
    """
    if not isinstance(value, str):
        return None
    text = unicodedata.normalize("NFC", _UNWANTED.sub("", value))
    text = _SPACE.sub(" ", text).strip()
    if not text:
        return None
    return shorten(text, limit)


def shorten(text: str, limit: int) -> str:
    """`text` cut to at most `limit` characters at a word boundary, with "…" when cut."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:.-\u2013\u2014") + "…"


def format_time(moment: datetime) -> str:
    """`moment` in UTC as `YYYY-MM-DDTHH:MM:SSZ` (always a 4-digit year), the store's only date format.

    ValueError when the UTC conversion overflows.
    """
    moment = _utc(moment)
    return (
        f"{moment.year:04d}-{moment.month:02d}-{moment.day:02d}"
        f"T{moment.hour:02d}:{moment.minute:02d}:{moment.second:02d}Z"
    )


def parse_time(value: str) -> datetime:
    """An ISO 8601 date-time as a UTC datetime to the second; one without an offset is UTC.

    ValueError when `value` is not such a date-time or lies outside MIN_TIME..MAX_TIME.
    """
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise ValueError(f"{_show(value)} is not an ISO 8601 date-time") from None
    return in_range(moment)


def in_range(moment: datetime) -> datetime:
    """`moment` in UTC without its fraction of a second; ValueError when outside MIN_TIME..MAX_TIME.

    A naive `moment` is taken as UTC.
    """
    moment = _utc(moment).replace(microsecond=0)
    if not MIN_TIME <= moment <= MAX_TIME:
        raise ValueError(f"{format_time(moment)} is outside {MIN_TIME.year}..{MAX_TIME.year}")
    return moment


def clean_mention(
    mention: Mention, where: str = "mention", max_text: int = MAX_TEXT_LENGTH
) -> Mention:
    """`mention` as the store keeps it; ValueError naming `where` and the first bad field.

    Names, text and the network are cleaned with `clean_text` (text cut at
    `max_text`, never above MAX_TEXT_LENGTH); an author link or photo that is
    not an acceptable http(s) URL is dropped. A required field that is missing
    or bad, an id that cleaning would change, an unknown kind or origin, an
    avatar that is not a file name, or a date outside the accepted range is an
    error, since changing it would change what the mention is.
    """
    for name in FIELD_NAMES:
        value = getattr(mention, name)
        if value is None and name in _REQUIRED:
            raise ValueError(f"{where}.{name}: missing")
        expected, noun = (datetime, "date-time") if name in _DATES else (str, "string")
        if value is not None and not isinstance(value, expected):
            raise ValueError(f"{where}.{name}: expected a {noun} or null")
    identifier = mention.id
    if clean_text(identifier, MAX_ID_LENGTH) != identifier or " " in identifier:
        raise ValueError(
            f"{where}.id: {_show(identifier)} is not a clean id of at most {MAX_ID_LENGTH} characters"
        )
    if mention.kind not in KINDS:
        raise ValueError(f"{where}.kind: {_show(mention.kind)} is not one of {', '.join(KINDS)}")
    if mention.origin not in ORIGINS:
        raise ValueError(
            f"{where}.origin: {_show(mention.origin)} is not one of {', '.join(ORIGINS)}"
        )
    avatar = mention.author_avatar
    if avatar is not None and not AVATAR_NAME.fullmatch(avatar):
        raise ValueError(f"{where}.author_avatar: {_show(avatar)} is not an avatar file name")
    urls = {}
    for name in ("source_url", "url"):
        urls[name] = _http_url(getattr(mention, name))
        if urls[name] is None:
            raise ValueError(
                f"{where}.{name}: {_show(getattr(mention, name))} is not an http(s) URL"
            )
    network = clean_text(mention.network, MAX_NETWORK_LENGTH)
    if network is None:
        raise ValueError(f"{where}.network: must not be empty")
    return Mention(
        id=identifier,
        origin=mention.origin,
        kind=mention.kind,
        source_url=urls["source_url"],
        url=urls["url"],
        published=_checked_time(mention.published, f"{where}.published"),
        received=(
            None
            if mention.received is None
            else _checked_time(mention.received, f"{where}.received")
        ),
        author_name=clean_text(mention.author_name, MAX_NAME_LENGTH),
        author_url=_http_url(mention.author_url),
        author_photo=_http_url(mention.author_photo),
        author_avatar=avatar,
        text=clean_text(mention.text, min(max_text, MAX_TEXT_LENGTH)),
        network=network,
    )


def to_record(mention: Mention) -> dict:
    """The JSON object stored for `mention` (every field present, null when unknown)."""
    record = {name: getattr(mention, name) for name in FIELD_NAMES}
    for name in _DATES:
        if record[name] is not None:
            record[name] = format_time(record[name])
    return record


def from_record(record: object, where: str) -> Mention:
    """Build a clean Mention from a stored JSON object; raise ValueError naming `where` and the field."""
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
    for name in _REQUIRED:
        if not values[name]:
            raise ValueError(f"{where}.{name}: must not be empty")
    for name in _DATES:
        if values[name] is not None:
            try:
                values[name] = parse_time(values[name])
            except ValueError as error:
                raise ValueError(f"{where}.{name}: {error}") from None
    return clean_mention(Mention(**values), where)


def _utc(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    try:
        return moment.astimezone(UTC)
    except OverflowError:
        raise ValueError(f"{moment.isoformat()} has no UTC date in years 1..9999") from None


def _checked_time(moment: datetime, field: str) -> datetime:
    try:
        return in_range(moment)
    except ValueError as error:
        raise ValueError(f"{field}: {error}") from None


def _show(value: object) -> str:
    """`value` for a one-line message: repr (which escapes controls), cut to 80 characters."""
    text = repr(value)
    return text if len(text) <= 80 else text[:79] + "…"
