"""Import archived social posts (Twitter-era mentions and the like) into the store.

Input is a JSON list of objects or a CSV file with a header row, one post per
object or row:

    author      display name (required unless handle is given)
    handle      "@dana" (Twitter), "@dana@social.example" (Mastodon),
                "dana.bsky.social" (Bluesky); optional
    text        what they wrote (may be empty for a plain share)
    date        ISO 8601, or Twitter's "Wed Oct 10 20:19:24 +0000 2018"
    url         the post itself, http(s) (required)
    target      the article URL or path it mentioned (required)
    kind        mention (default), reply, like, repost or bookmark; optional
    author_url  profile link; optional, derived from handle when absent
                (networks.profile_url)
    photo       author photo URL; optional (fetched by `sync --avatars`)

A file that cannot be read as a list of posts at all is refused. Otherwise
each post is judged on its own: a bad one is quarantined (see quarantine.py)
and the others are stored. A UTF-8 byte order mark is accepted. A re-import
of the same file changes nothing, since ids come from the post URL
(`model.import_id`), not from the network it is recognised as.
"""

import csv
import io
from contextlib import suppress
from dataclasses import dataclass
from datetime import UTC, datetime

from known_keys import reject_unknown_keys

from .json_entries import PageError, parse_entry, split_list
from .model import KINDS, Mention, import_id, parse_time
from .networks import network_for, profile_url
from .normalize import MAX_NAME_LENGTH, clean_text, clean_url

COLUMNS = ("author", "handle", "text", "date", "url", "target", "kind", "author_url", "photo")
_TWITTER_DATE = "%a %b %d %H:%M:%S %z %Y"


@dataclass(frozen=True)
class Row:
    """One post as read: `where` names it, `value` is its object (None when unreadable)."""

    where: str
    value: object
    excerpt: str | bytes
    problem: str | None = None


def read_rows(data: bytes, filename: str) -> list[Row]:
    """The posts of a JSON (`.json`) or CSV file; ValueError when it is neither."""
    data = data.removeprefix(b"\xef\xbb\xbf")
    if filename.lower().endswith(".json"):
        return _json_rows(data, filename)
    # Bytes that are not UTF-8 become lone surrogates: the row holding them is refused alone.
    text = data.decode("utf-8", "surrogateescape")
    # Cells beyond the header land in "_extra", which to_mention refuses by name.
    reader = csv.DictReader(io.StringIO(text, newline=""), restkey="_extra")
    try:
        missing = {"url", "target", "date"} - set(reader.fieldnames or [])
        if missing:
            raise ValueError(f"{filename}: CSV header lacks {', '.join(sorted(missing))}")
        return [
            Row(f"{filename} row {n}", row, ",".join(map(str, row.values())))
            for n, row in enumerate(reader, start=1)
        ]
    except csv.Error as error:
        raise ValueError(f"{filename}: CSV line {reader.line_num}: {error}") from None


def _json_rows(data: bytes, filename: str) -> list[Row]:
    try:
        entries = split_list(data)
    except PageError as error:
        raise ValueError(f"{filename}: {error}") from None
    rows = []
    for raw in entries:
        where = f"{filename} row {raw.index + 1}"
        try:
            rows.append(Row(where, parse_entry(raw.data), raw.data))
        except (ValueError, RecursionError) as error:
            problem = "nested too deeply" if isinstance(error, RecursionError) else str(error)
            rows.append(Row(where, None, raw.data, f"{where}: not JSON: {problem}"))
    return rows


def to_mention(row: dict, where: str, max_text: int) -> tuple[str, Mention]:
    """(target, Mention) for one archived post; ValueError naming `where` and the field."""
    if not isinstance(row, dict):
        raise ValueError(f"{where}: expected an object")
    reject_unknown_keys(where, map(str, row), COLUMNS, noun="field")
    values = {key: row.get(key) or "" for key in COLUMNS}
    for key, value in values.items():
        if not isinstance(value, str):
            raise ValueError(f"{where}.{key}: expected a string")
    url = clean_url(values["url"])
    if url is None:
        raise ValueError(f"{where}.url: expected an http(s) URL")
    if not values["target"].strip():
        raise ValueError(f"{where}.target: missing")
    kind = values["kind"].strip() or "mention"
    if kind not in KINDS:
        raise ValueError(f"{where}.kind: {kind!r} is not one of {', '.join(KINDS)}")
    handle = values["handle"].strip()
    name = clean_text(values["author"], MAX_NAME_LENGTH) or clean_text(handle, MAX_NAME_LENGTH)
    if name is None:
        raise ValueError(f"{where}.author: missing (give author or handle)")
    network = network_for(url)
    mention = Mention(
        id=import_id(url),
        origin="import",
        kind=kind,
        source_url=url,
        url=url,
        published=_date(values["date"], where),
        received=None,
        author_name=name,
        author_url=clean_url(values["author_url"]) or profile_url(handle, network),
        author_photo=clean_url(values["photo"]),
        author_avatar=None,
        text=clean_text(values["text"], max_text),
        network=network,
    )
    return values["target"].strip(), mention


def _date(value: str, where: str) -> datetime:
    value = value.strip()
    # Twitter's archive format first, then ISO 8601.
    try:
        with suppress(ValueError):
            return datetime.strptime(value, _TWITTER_DATE).astimezone(UTC)
        return parse_time(value)
    except ValueError:
        raise ValueError(f"{where}.date: {value!r} is not an ISO 8601 or Twitter date") from None
    except OverflowError:  # year 9999 west of UTC: past the last date there is
        raise ValueError(f"{where}.date: {value!r} is out of range") from None
