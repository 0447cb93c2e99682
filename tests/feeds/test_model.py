from datetime import UTC, datetime, timedelta

import pytest
from feeds.model import in_zone, last_update, newest_first, plain_text

from tests.feeds.samples import ZONE, entry


def test_titles_lose_markup_and_entities():
    assert plain_text("The <em>honest</em> catch-up &amp; &ldquo;hello&rdquo;") == (
        "The honest catch-up & “hello”"
    )


def test_a_naive_date_is_read_as_site_time_and_an_aware_one_is_converted():
    naive = datetime(2026, 1, 14, 9, 0)
    assert in_zone(naive, ZONE).utcoffset() == timedelta(hours=-5)
    aware = datetime(2026, 7, 8, 12, 0, tzinfo=UTC)
    assert in_zone(aware, ZONE).isoformat() == "2026-07-08T08:00:00-04:00"


def test_newest_first_orders_by_publication_and_keeps_the_limit():
    entries = [entry("b", 3), entry("c", 9), entry("a", 5)]
    assert [e.id.split("/")[-2] for e in newest_first(entries, 2)] == ["c", "a"]


def test_same_time_entries_keep_one_order_whatever_the_input_order():
    first = newest_first([entry("x", 3), entry("y", 3)], 10)
    second = newest_first([entry("y", 3), entry("x", 3)], 10)
    assert first == second


def test_two_entries_with_one_id_are_refused():
    moved = entry("new-slug", 4, id="https://example.org/old-slug/")
    with pytest.raises(ValueError, match="old-slug"):
        newest_first([entry("old-slug", 3), moved], 10)


def test_an_entry_needs_aware_dates_an_author_and_an_absolute_id():
    with pytest.raises(ValueError, match="time zone"):
        entry("a", 3, published=datetime(2026, 5, 3, 9, 0))
    with pytest.raises(ValueError, match="author"):
        entry("a", 3, authors=())
    with pytest.raises(ValueError, match="absolute"):
        entry("a", 3, id="old-slug")


def test_the_feed_date_is_the_newest_update_or_the_fallback_when_empty():
    late = entry("a", 3, updated=datetime(2026, 6, 1, tzinfo=UTC))
    assert last_update([entry("b", 9), late], datetime(2000, 1, 1, tzinfo=UTC)) == late.updated
    assert last_update([], datetime(2000, 1, 1, tzinfo=UTC)) == datetime(2000, 1, 1, tzinfo=UTC)
