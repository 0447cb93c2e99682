"""Checks a feed file must pass, shared by the real-feed tests and the negative controls.

Every check reads the file's bytes itself (lxml, not feedparser, which
silently repairs relative links and impossible dates) and raises
AssertionError naming what is wrong. `tests/feeds/test_checks.py` runs each
check on a deliberately broken fixture to prove it can fail.
"""

import email.utils
import json
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from pathlib import Path
from urllib.parse import urlsplit

import feedparser
import lxml.html
from lxml import etree

ATOM = "{http://www.w3.org/2005/Atom}"
CONTENT_ENCODED = "{http://purl.org/rss/1.0/modules/content/}encoded"
DC_CREATOR = "{http://purl.org/dc/elements/1.1/}creator"
JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"
MAX_BYTES = 1_000_000

_RFC822 = re.compile(
    r"(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) "
    r"\d{4} \d{2}:\d{2}:\d{2} [+-]\d{4}"
)
_RFC3339 = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?([+-]\d{2}:\d{2}|Z)")
# Schemes a link inside content may use besides http(s).
_OTHER_SCHEMES = ("mailto", "tel", "data")


@dataclass(frozen=True)
class FeedFile:
    """A feed file and what it should say about itself.

    `public_url`: where the file is published (its self link must say so).
    `home_url`: the page it mirrors (RSS channel link, Atom alternate, JSON home).
    `siteurl` and `output`: the built site, to check that our links resolve.
    `zone`: the site's time zone, whose offset every date must carry.
    """

    data: bytes
    public_url: str
    home_url: str
    siteurl: str
    output: Path | None = None
    zone: tzinfo | None = None


@dataclass
class Entry:
    id: str
    link: str
    published: str
    updated: str | None
    authors: list[str]
    categories: list[str]
    content_html: str | None
    summary_html: str | None
    content_type: str | None = None
    guid_is_permalink: bool = False


@dataclass
class Feed:
    kind: str  # "rss", "atom" or "json"
    self_links: list[str]
    home_link: str | None
    updated: str | None
    entries: list[Entry] = field(default_factory=list)


def read_feed(data: bytes) -> Feed:
    """The parts of an RSS, Atom or JSON feed the checks look at, as written in the file."""
    if data.lstrip().startswith(b"{"):
        return _read_json(json.loads(data))
    root = etree.fromstring(data)
    if root.tag == "rss":
        return _read_rss(root.find("channel"))
    if root.tag == f"{ATOM}feed":
        return _read_atom(root)
    raise AssertionError(f"not a feed: root element {root.tag}")


def _read_rss(channel) -> Feed:
    entries = []
    for item in channel.findall("item"):
        guid = item.find("guid")
        entries.append(
            Entry(
                id=guid.text if guid is not None else "",
                link=item.findtext("link", ""),
                published=item.findtext("pubDate", ""),
                updated=None,
                authors=[e.text for e in item.findall(DC_CREATOR)]
                + [e.text for e in item.findall("author")],
                categories=[e.text for e in item.findall("category")],
                content_html=item.findtext(CONTENT_ENCODED),
                summary_html=item.findtext("description"),
                # RSS 2.0: a guid is a permalink unless it says otherwise.
                guid_is_permalink=guid is not None and guid.get("isPermaLink", "true") == "true",
            )
        )
    return Feed(
        kind="rss",
        self_links=[e.get("href") for e in channel.findall(f"{ATOM}link[@rel='self']")],
        home_link=channel.findtext("link"),
        updated=channel.findtext("lastBuildDate"),
        entries=entries,
    )


def _read_atom(root) -> Feed:
    feed_authors = [e.text for e in root.findall(f"{ATOM}author/{ATOM}name")]
    entries = []
    for item in root.findall(f"{ATOM}entry"):
        content = item.find(f"{ATOM}content")
        summary = item.find(f"{ATOM}summary")
        entries.append(
            Entry(
                id=item.findtext(f"{ATOM}id", ""),
                link=_atom_alternate(item) or "",
                published=item.findtext(f"{ATOM}published", ""),
                updated=item.findtext(f"{ATOM}updated"),
                authors=[e.text for e in item.findall(f"{ATOM}author/{ATOM}name")] or feed_authors,
                categories=[e.get("term") for e in item.findall(f"{ATOM}category")],
                content_html=_atom_html(content),
                summary_html=_atom_html(summary),
                content_type=content.get("type") if content is not None else None,
            )
        )
    return Feed(
        kind="atom",
        self_links=[e.get("href") for e in root.findall(f"{ATOM}link[@rel='self']")],
        home_link=_atom_alternate(root),
        updated=root.findtext(f"{ATOM}updated"),
        entries=entries,
    )


def _atom_alternate(element) -> str | None:
    for link in element.findall(f"{ATOM}link"):
        if link.get("rel", "alternate") == "alternate":
            return link.get("href")
    return None


def _atom_html(element) -> str | None:
    if element is None:
        return None
    # Plain-text constructs (no type="html") are shown as typed: tags and all.
    if element.get("type") != "html":
        return None
    return element.text or ""


def _read_json(document: dict) -> Feed:
    return Feed(
        kind="json",
        self_links=[document["feed_url"]] if "feed_url" in document else [],
        home_link=document.get("home_page_url"),
        updated=None,
        entries=[
            Entry(
                id=item.get("id"),
                link=item.get("url", ""),
                published=item.get("date_published", ""),
                updated=item.get("date_modified"),
                authors=[a.get("name") for a in item.get("authors", [])],
                categories=item.get("tags", []),
                content_html=item.get("content_html"),
                summary_html=item.get("summary"),
                guid_is_permalink=True,
            )
            for item in document.get("items", [])
        ],
    )


# --- the checks ------------------------------------------------------------------


def check_well_formed(feed: FeedFile) -> None:
    """The file parses as XML (or JSON) without any recovery."""
    try:
        read_feed(feed.data)
    except (etree.XMLSyntaxError, json.JSONDecodeError) as error:
        raise AssertionError(f"not well-formed: {error}") from None


def check_feedparser_clean(feed: FeedFile) -> None:
    """feedparser reports no problem and recognises RSS 2.0 or Atom 1.0."""
    parsed = feedparser.parse(feed.data)
    assert not parsed.bozo, f"feedparser: {parsed.get('bozo_exception')!r}"
    assert parsed.version in ("rss20", "atom10"), f"feedparser version {parsed.version!r}"


def check_size(feed: FeedFile) -> None:
    """The file is under 1 MB, which every reader accepts."""
    assert len(feed.data) < MAX_BYTES, f"{len(feed.data)} bytes"


def check_absolute_urls(feed: FeedFile) -> None:
    """Every link, permalink guid and href/src/srcset inside content is absolute."""
    relative = [url for url in all_urls(read_feed(feed.data)) if not _absolute(url)]
    assert not relative, f"relative URLs: {relative}"


def check_links_resolve(feed: FeedFile) -> None:
    """Every URL on our own site points to a file that was built."""
    assert feed.output is not None, "needs the built output directory"
    missing = [
        url
        for url in all_urls(read_feed(feed.data))
        if url.startswith(feed.siteurl + "/") and not output_file(url, feed).is_file()
    ]
    assert not missing, f"links to files that do not exist: {missing}"


def check_unique_ids(feed: FeedFile) -> None:
    """No two entries share an id (readers would merge or drop them)."""
    parsed = read_feed(feed.data)
    assert all(entry.id for entry in parsed.entries), "an entry has no id/guid"
    shared = [key for key, count in Counter(e.id for e in parsed.entries).items() if count > 1]
    assert not shared, f"duplicate ids: {shared}"


def check_dates(feed: FeedFile) -> None:
    """Dates are RFC 822 (RSS) or RFC 3339 (Atom, JSON) with an offset, real calendar
    dates, in the site's zone; updated is never before published; the feed's own
    date is its newest entry's."""
    parsed = read_feed(feed.data)
    parse = _rfc822 if parsed.kind == "rss" else _rfc3339
    latest = []
    for entry in parsed.entries:
        published = parse(entry.published, feed.zone)
        updated = parse(entry.updated, feed.zone) if entry.updated else published
        assert updated >= published, f"{entry.id}: updated {updated} before published"
        latest.append(updated)
    if parsed.updated is not None and latest:
        feed_date = parse(parsed.updated, feed.zone)
        # RSS items carry no update date, so lastBuildDate may be newer than
        # every pubDate; Atom must match its newest entry exactly.
        if parsed.kind == "rss":
            assert feed_date >= max(latest), f"lastBuildDate {feed_date} before newest item"
        else:
            assert feed_date == max(latest), f"feed date {feed_date} is not the newest entry's"


def check_self_link(feed: FeedFile) -> None:
    """Exactly one self link, and it is the file's public URL."""
    links = read_feed(feed.data).self_links
    assert links == [feed.public_url], f"self links {links}, expected {feed.public_url}"


def check_home_link(feed: FeedFile) -> None:
    """The channel/alternate link is the page the feed mirrors, never the feed itself."""
    home = read_feed(feed.data).home_link
    assert home != feed.public_url, "the site link points at the feed itself"
    assert home == feed.home_url, f"site link {home!r}, expected {feed.home_url!r}"


def check_newest_first(feed: FeedFile) -> None:
    """Entries are in reverse publication order."""
    parsed = read_feed(feed.data)
    parse = _rfc822 if parsed.kind == "rss" else _rfc3339
    dates = [parse(entry.published, None) for entry in parsed.entries]
    assert dates == sorted(dates, reverse=True), f"not newest first: {list(map(str, dates))}"


def check_full_entries(feed: FeedFile) -> None:
    """Each entry has a title-bearing link, full HTML content, a summary and an author."""
    for entry in read_feed(feed.data).entries:
        assert entry.link, f"{entry.id}: no link"
        assert entry.content_html, f"{entry.id}: no full content"
        assert entry.summary_html, f"{entry.id}: no summary"
        assert entry.authors and all(entry.authors), f"{entry.id}: no author"


def check_json_feed_spec(feed: FeedFile) -> None:
    """The JSON Feed 1.1 required fields, with the types the spec gives them."""
    document = json.loads(feed.data)
    assert document.get("version") == JSON_FEED_VERSION, f"version {document.get('version')!r}"
    assert isinstance(document.get("title"), str) and document["title"], "no title"
    assert isinstance(document.get("items"), list), "no items list"
    for item in document["items"]:
        assert isinstance(item.get("id"), str) and item["id"], f"item id {item.get('id')!r}"
        assert item.get("content_html") or item.get("content_text"), f"{item['id']}: no content"


_COMMON_CHECKS: dict[str, Callable[[FeedFile], None]] = {
    "well_formed": check_well_formed,
    "size": check_size,
    "absolute_urls": check_absolute_urls,
    "links_resolve": check_links_resolve,
    "unique_ids": check_unique_ids,
    "dates": check_dates,
    "self_link": check_self_link,
    "home_link": check_home_link,
    "newest_first": check_newest_first,
    "full_entries": check_full_entries,
}
XML_CHECKS = {**_COMMON_CHECKS, "feedparser_clean": check_feedparser_clean}
JSON_CHECKS = {**_COMMON_CHECKS, "json_feed_spec": check_json_feed_spec}


def run_checks(feed: FeedFile, skip: tuple[str, ...] = ()) -> None:
    """Every check that applies to the feed's format, except those named in `skip`."""
    checks = JSON_CHECKS if feed.data.lstrip().startswith(b"{") else XML_CHECKS
    for name, check in checks.items():
        if name not in skip:
            check(feed)


# --- helpers ----------------------------------------------------------------------


def all_urls(parsed: Feed) -> list[str]:
    """Every URL the feed gives a reader: feed links, entry links, permalink ids,
    and each href, src and srcset candidate inside content and summaries."""
    urls = [*parsed.self_links]
    if parsed.home_link is not None:
        urls.append(parsed.home_link)
    for entry in parsed.entries:
        urls.append(entry.link)
        if entry.guid_is_permalink:
            urls.append(entry.id)
        for html in (entry.content_html, entry.summary_html):
            urls.extend(html_urls(html or ""))
    return urls


def html_urls(html: str) -> list[str]:
    """href, src and each srcset candidate in an HTML fragment."""
    if not html.strip():
        return []
    urls = []
    for element in lxml.html.fragment_fromstring(html, create_parent="div").iter():
        if not isinstance(element.tag, str):
            continue
        urls.extend(element.get(name) for name in ("href", "src") if element.get(name) is not None)
        srcset = element.get("srcset")
        if srcset:
            urls.extend(part.split()[0] for part in srcset.split(",") if part.strip())
    return urls


def shown_text(detail) -> str:
    """What a feedparser-based reader shows for a text construct (`entry.title_detail`...).

    HTML is rendered, so only its text remains; plain text is shown as it is.
    """
    if detail.type in ("text/html", "application/xhtml+xml"):
        return lxml.html.fragment_fromstring(detail.value, create_parent="div").text_content()
    return detail.value


def html_elements(html: str) -> list[str]:
    """The tags of every element an HTML fragment holds (what a reader would render)."""
    wrapper = lxml.html.fragment_fromstring(html, create_parent="div")
    return [element.tag for element in wrapper.iterdescendants()]


def output_file(url: str, feed: FeedFile) -> Path:
    """The file in the built output that serves one of our URLs."""
    path = urlsplit(url[len(feed.siteurl) :]).path.lstrip("/")
    if path == "" or path.endswith("/"):
        path += "index.html"
    return feed.output / path


def _absolute(url: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme in _OTHER_SCHEMES:
        return True
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def _rfc822(value: str, zone: tzinfo | None) -> datetime:
    assert _RFC822.fullmatch(value or ""), f"not an RFC 822 date with offset: {value!r}"
    try:
        moment = email.utils.parsedate_to_datetime(value)
    except ValueError as error:
        raise AssertionError(f"impossible date {value!r}: {error}") from None
    assert email.utils.format_datetime(moment) == value, f"wrong weekday in {value!r}"
    _check_zone(moment, zone, value)
    return moment


def _rfc3339(value: str, zone: tzinfo | None) -> datetime:
    assert _RFC3339.fullmatch(value or ""), f"not an RFC 3339 date with offset: {value!r}"
    try:
        moment = datetime.fromisoformat(value)
    except ValueError as error:
        raise AssertionError(f"impossible date {value!r}: {error}") from None
    _check_zone(moment, zone, value)
    return moment


def _check_zone(moment: datetime, zone: tzinfo | None, value: str) -> None:
    if zone is not None:
        expected = moment.astimezone(zone).utcoffset()
        assert moment.utcoffset() == expected, f"{value!r} is not in the site's time zone"
