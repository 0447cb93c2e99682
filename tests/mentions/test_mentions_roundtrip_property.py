"""Property: whatever a mention holds, the store keeps it cleanly and every reader can take it.

Any text (controls, bidi, lone surrogates, markup, 100 KB), any date in the
accepted range in any time zone, any URL that passes `http_url`: once through
`clean_mention`, the record survives canonical JSON and UTF-8 and loads to the
same mention, and the page's view model and every mentions feed format are
built from it without error, the XML ones parsing as XML.
"""

import json
from dataclasses import replace
from datetime import UTC
from zoneinfo import ZoneInfo

from common.files import canonical_json
from common.urls import http_url
from feeds.build import build_atom, build_rss
from feeds.jsonfeed import build_json
from feeds.mention_entries import mention_entry
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st
from lxml import etree
from mentions.model import (
    FIELD_NAMES,
    KINDS,
    MAX_TIME,
    MIN_TIME,
    ORIGINS,
    Mention,
    clean_mention,
    from_record,
    to_record,
)
from mentions.summary import summarize

from tests.feeds.samples import SITEURL, info
from tests.mentions.test_mentions_summary import display

ARTICLE = f"{SITEURL}/the-honest-catch-up-message/"
# The extremes of UTC offsets: a date at either end of the range must still exist there.
ZONES = (UTC, ZoneInfo("Pacific/Kiritimati"), ZoneInfo("Etc/GMT+12"), ZoneInfo("America/New_York"))
HOSTILE = (
    "\x00\x01\x08\t\n\r\x0b\x1b\x7f\x85\x9b\xa0\xad\u061c\u200b\u200d\u200e\u2028\u2029"
    "\u202a\u202e\u2060\u2066\u2069\ufeff\ufdd0\ufffe\uffff\U0001fffe\U0010ffff"
    "\ud800\udbff\udc00\udfff<>&\"' e\u0301\u0308\u00e9\U0001f600"
)
CHARS = st.one_of(st.characters(), st.sampled_from(HOSTILE))
SHORT_TEXT = st.text(CHARS, max_size=30)
HUGE_TEXT = st.builds(
    lambda s, n: s * n, st.text(CHARS, min_size=1, max_size=4), st.integers(1, 25_000)
)
TEXT = st.one_of(st.none(), SHORT_TEXT, HUGE_TEXT)
HOSTS = st.one_of(
    st.from_regex(r"[a-z0-9]([a-z0-9-]{0,8}[a-z0-9])?(\.[a-z]{2,6}){1,2}", fullmatch=True),
    st.sampled_from(["zoë.example", "xn--zo-1ia.example", "127.0.0.1", "[::1]", "EXAMPLE.ORG."]),
)
URLS = st.builds(
    lambda scheme, host, path: http_url(f"{scheme}://{host}/{path}") or f"{scheme}://{host}/",
    st.sampled_from(["http", "https", "HTTPS"]),
    HOSTS,
    SHORT_TEXT,
)
DATES = st.one_of(
    st.sampled_from([MIN_TIME, MAX_TIME]),
    st.datetimes(
        min_value=MIN_TIME.replace(tzinfo=None),
        max_value=MAX_TIME.replace(tzinfo=None),
        timezones=st.just(UTC),
    ),
)
IDS = st.one_of(
    st.from_regex(r"(wmio|import:[a-z]+|manual):[A-Za-z0-9:._~-]{1,40}", fullmatch=True),
    st.builds("manual:{}".format, SHORT_TEXT),
)
# An edge of the accepted range, in the zones furthest ahead of and behind UTC.
EDGE = Mention(
    id="manual:edge",
    origin="manual",
    kind="reply",
    source_url="https://social.example/1",
    url="https://social.example/1",
    published=MAX_TIME,
    received=MIN_TIME,
    author_name="Dana",
    author_url=None,
    author_photo=None,
    author_avatar=None,
    text="\ud800",
    network="web",
)
MENTIONS = st.builds(
    Mention,
    id=IDS,
    origin=st.sampled_from(ORIGINS),
    kind=st.sampled_from(KINDS),
    source_url=URLS,
    url=URLS,
    published=DATES,
    received=st.one_of(st.none(), DATES),
    author_name=TEXT,
    author_url=st.one_of(st.none(), URLS, SHORT_TEXT),
    author_photo=st.one_of(st.none(), URLS, SHORT_TEXT),
    author_avatar=st.one_of(st.none(), st.just("0123456789abcdef0123456789abcdef.webp")),
    text=TEXT,
    network=st.one_of(st.sampled_from(["web", "mastodon"]), SHORT_TEXT),
)
JSON = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), SHORT_TEXT),
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(SHORT_TEXT, inner, max_size=3)
    ),
    max_leaves=6,
)
# Examples are kept few: each one builds three feeds.
FEW = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FEW
@given(MENTIONS, st.sampled_from(ZONES))
@example(EDGE, ZONES[1])
@example(replace(EDGE, published=MIN_TIME, received=MAX_TIME), ZONES[2])
def test_a_clean_mention_round_trips_and_every_reader_takes_it(raw, zone):
    try:
        mention = clean_mention(raw, "mention")
    except ValueError:
        event("refused")
        return
    assert clean_mention(mention, "mention") == mention
    record = to_record(mention)
    stored = json.loads(canonical_json(record).encode("utf-8").decode("utf-8"))
    assert stored == record
    assert from_record(stored, "mentions[0]") == mention
    _render(mention, zone)


@FEW
@given(MENTIONS, st.sampled_from(FIELD_NAMES), JSON)
def test_a_hand_edited_record_loads_clean_or_is_one_value_error(raw, field, value):
    record = {**to_record(raw), field: value}
    try:
        mention = from_record(record, "mentions[0]")
    except ValueError as error:
        assert "\n" not in str(error) and len(str(error)) < 300
        str(error).encode("utf-8")
        return
    assert from_record(to_record(mention), "mentions[0]") == mention


def _render(mention: Mention, zone) -> None:
    avatars = frozenset({"0123456789abcdef0123456789abcdef.webp"})
    summary = summarize([mention], display(zone=zone, avatar_files=avatars))
    assert summary.count == 1
    entry = mention_entry(mention, ARTICLE, "The honest catch-up message", zone)
    for suffix, build in ((".rss.xml", build_rss), (".atom.xml", build_atom)):
        root = etree.fromstring(build(info(stem="mentions", suffix=suffix), [entry]))
        assert root.tag in ("rss", "{http://www.w3.org/2005/Atom}feed")
    feed = json.loads(build_json(info(stem="mentions", suffix=".json"), [entry]))
    assert len(feed["items"]) == 1
