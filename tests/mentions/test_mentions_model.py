"""The one cleaning every mention goes through: text, dates and the store's valid data."""

import dataclasses
import json
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from mentions.model import (
    MAX_TEXT_LENGTH,
    clean_mention,
    clean_text,
    format_time,
    from_record,
    in_range,
    parse_time,
    to_record,
)
from mentions.normalize import from_jf2

ROOT = Path(__file__).parents[2]
FIXTURES = Path(__file__).parent / "fixtures"
HOSTILE_SITE_STORE = FIXTURES / "site-store" / "weak-ties-and-where-jobs-come-from.json"
# Every store file of the demo site and the fixtures, the one with hostile markup excepted.
VALID_STORES = sorted(
    {
        *(ROOT / "content" / "mentions").glob("[!_]*.json"),
        *(FIXTURES / "site-store").glob("[!_]*.json"),
        *(FIXTURES / "project" / "content" / "mentions").glob("[!_]*.json"),
    }
    - {HOSTILE_SITE_STORE}
)
ENTRY = json.loads((FIXTURES / "api" / "entries.json").read_text(encoding="utf-8"))[0]


@pytest.mark.parametrize("path", VALID_STORES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_a_valid_store_file_loads_to_the_values_it_holds(path):
    records = json.loads(path.read_text(encoding="utf-8"))["mentions"]
    loaded = [to_record(from_record(r, f"mentions[{i}]")) for i, r in enumerate(records)]
    assert loaded == records


def test_the_store_files_checked_above_exist():
    assert len(VALID_STORES) >= 8


def test_markup_in_names_and_text_is_kept_as_text_and_unsafe_author_links_are_dropped():
    records = json.loads(HOSTILE_SITE_STORE.read_text(encoding="utf-8"))["mentions"]
    loaded = [to_record(from_record(r, f"mentions[{i}]")) for i, r in enumerate(records)]
    dropped = {"author_url", "author_photo"}
    for before, after in zip(records, loaded, strict=True):
        assert {k: v for k, v in after.items() if k not in dropped} == {
            k: v for k, v in before.items() if k not in dropped
        }
    assert [(m["author_url"], m["author_photo"]) for m in loaded] == [
        (None, None),
        ("https://evil.example/'onfocus='alert(1)", None),
        (None, None),
        (None, None),
    ]


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("Dana \u202eenoyreve\u202c Okonjo", "Dana enoyreve Okonjo"),
        ("a\u2066b\u2069c\u2067d\u2068e\u200ef\u200fg\u061ch", "abcdefgh"),
        ("nul\x00byte", "nulbyte"),
        ("lone\ud800surrogate\udfff", "lonesurrogate"),
        ("\x1b[31mred\x1b[0m", "[31mred[0m"),
        ("no\ufffe\uffff\U0001fffe\ufdd0characters", "nocharacters"),
        ("C1\x85\x9bcontrols", "C1controls"),
        ("line\u2028and\tparagraph\n\r\u2029breaks", "line and paragraph breaks"),
        ("Zoe\u0308 Cafe\u0301", "Zoë Café"),
        ("\ufeffBOM", "BOM"),
        ("\u200b \u200d\u2060", None),
        ("   ", None),
    ],
)
def test_text_loses_unsafe_characters_and_is_nfc(raw, clean):
    assert clean_text(raw, 100) == clean
    if clean is not None:
        assert clean_text(clean, 100) == clean
        clean.encode("utf-8")


def test_long_text_is_capped():
    text = clean_text("word " * 20_000, 300)
    assert len(text) <= 300 and text.endswith("word…")


@pytest.mark.parametrize(
    ("moment", "text"),
    [
        (datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC), "2026-01-02T03:04:05Z"),
        (datetime(999, 6, 1, tzinfo=UTC), "0999-06-01T00:00:00Z"),
        (datetime(1, 1, 1, 5, tzinfo=timezone(timedelta(hours=2))), "0001-01-01T03:00:00Z"),
        (datetime(2026, 1, 2, 3, 4, 5, 999_999, tzinfo=UTC), "2026-01-02T03:04:05Z"),
    ],
)
def test_format_time_always_writes_a_four_digit_year_in_utc(moment, text):
    assert format_time(moment) == text


def test_format_time_reports_an_overflowing_date_as_a_value_error():
    with pytest.raises(ValueError, match="no UTC date"):
        format_time(datetime(9999, 12, 31, 23, tzinfo=timezone(timedelta(hours=-5))))


@pytest.mark.parametrize(
    ("text", "moment"),
    [
        ("2026-01-14T11:20:00Z", datetime(2026, 1, 14, 11, 20, tzinfo=UTC)),
        ("2026-01-14T13:20:00.75+02:00", datetime(2026, 1, 14, 11, 20, tzinfo=UTC)),
        ("2026-01-14T11:20:00", datetime(2026, 1, 14, 11, 20, tzinfo=UTC)),
        ("1990-01-01T00:00:00Z", datetime(1990, 1, 1, tzinfo=UTC)),
        ("9999-12-30T23:59:59Z", datetime(9999, 12, 30, 23, 59, 59, tzinfo=UTC)),
    ],
)
def test_dates_in_range_parse_to_utc_seconds(text, moment):
    parsed = parse_time(text)
    assert parsed == moment and parsed.tzinfo is UTC and parsed.microsecond == 0
    assert parse_time(format_time(parsed)) == parsed


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("0999-06-01T00:00:00Z", r"0999-06-01T00:00:00Z is outside 1990\.\.9999"),
        ("1989-12-31T23:59:59Z", "outside"),
        # Year 10000 in a zone 14 hours ahead of UTC.
        ("9999-12-31T00:00:00Z", "outside"),
        ("10000-01-01T00:00:00Z", "not an ISO 8601 date-time"),
        ("9999-12-31T23:00:00-05:00", "no UTC date"),
        ("0001-01-01T00:30:00+01:00", "no UTC date"),
        ("2026-01-14T11:20:00\ud800", "not an ISO 8601 date-time"),
        ("yesterday", "not an ISO 8601 date-time"),
        ("9" * 100_000, "not an ISO 8601 date-time"),
    ],
)
def test_dates_outside_the_range_or_unparsable_are_value_errors(text, message):
    with pytest.raises(ValueError, match=message) as error:
        parse_time(text)
    assert len(str(error.value)) < 200


def test_in_range_takes_a_naive_date_as_utc():
    assert in_range(datetime(2026, 5, 1, 12)) == datetime(2026, 5, 1, 12, tzinfo=UTC)


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"published": "0999-06-01T00:00:00Z"}, "published"),
        ({"wm-received": "9999-12-31T23:00:00-05:00"}, "wm-received"),
        ({"wm-id": 10**5000}, "wm-id"),
        ({"url": "https://ok.example/", "wm-source": "https://a.example/\ud800"}, "wm-source"),
    ],
)
def test_a_synced_entry_with_a_date_out_of_range_or_a_huge_id_is_refused(change, field):
    with pytest.raises(ValueError, match=rf"^entry.*\.{field}: "):
        from_jf2({**ENTRY, **change}, "entry", max_text=2000)


def test_a_synced_entry_is_cleaned_like_a_stored_one():
    entry = {
        **ENTRY,
        "author": {"name": "Ama\u202era\x00", "url": "https://u:p@evil.example/", "photo": "x"},
        "content": {"text": "Zoe\u0308 \ud800" + "x" * 10_000},
    }
    mention = from_jf2(entry, "entry", max_text=99_999).mention
    assert mention.author_name == "Amara"
    assert mention.author_url is None and mention.author_photo is None
    assert len(mention.text) == MAX_TEXT_LENGTH and mention.text.startswith("Zoë x")
    assert from_record(to_record(mention), "again") == mention


@pytest.mark.parametrize("field", ["author_url", "source_url", "author_photo"])
@pytest.mark.parametrize("value", [["https://social.example/@dana"], {"href": "x"}])
def test_a_url_of_another_type_is_refused_naming_the_field(field, value):
    """clean_mention is the store's boundary (URLs are checked once per string behind it):
    a value that is not a string is refused with its field named, never a crash."""
    records = json.loads(HOSTILE_SITE_STORE.read_text(encoding="utf-8"))["mentions"]
    mention = from_record(records[0], "m")
    with pytest.raises(ValueError, match=f"mention.{field}: expected a string or null"):
        clean_mention(dataclasses.replace(mention, **{field: value}))
