"""Splitting a JSON list into its entries without parsing it whole (json_entries.py)."""

import json
from pathlib import Path

import pytest
from mentions.json_entries import MAX_INT_DIGITS, PageError, parse_entry, split_list, split_page

PAGES = json.loads(
    (Path(__file__).parent / "fixtures" / "json_entries" / "pages.json").read_text(encoding="utf-8")
)


@pytest.mark.parametrize("case", PAGES, ids=[c["why"] for c in PAGES])
def test_a_page_is_split_into_its_children_or_refused_as_a_whole(case):
    body = case["page"].encode()
    if "error" in case:
        with pytest.raises(PageError, match=case["error"]):
            split_page(body, 100)
    else:
        assert [e.data.strip().decode() for e in split_page(body, 100)] == case["children"]


def test_one_poisoned_entry_leaves_its_neighbours_readable():
    deep = b"[" * 50_000 + b"]" * 50_000
    huge = b"9" * 5000
    body = b'{"children": [{"a": 1}, ' + deep + b", " + huge + b', "\xff", {"b": 2}]}'
    results = []
    for entry in split_page(body, 100):
        try:
            results.append(parse_entry(entry.data))
        except (ValueError, RecursionError) as error:
            results.append(type(error).__name__)
    assert results == [{"a": 1}, "RecursionError", "ValueError", "UnicodeDecodeError", {"b": 2}]


def test_a_page_with_more_entries_than_asked_for_is_refused():
    body = b'{"children": [' + b",".join([b"{}"] * 6) + b"]}"
    assert len(split_page(body, 6)) == 6
    with pytest.raises(PageError, match="holds 6 entries, more than the 5 asked for"):
        split_page(body, 5)


def test_integers_are_bounded_and_constants_refused():
    assert parse_entry(b"1" * MAX_INT_DIGITS) == int("1" * MAX_INT_DIGITS)
    for text in (b"1" * (MAX_INT_DIGITS + 1), b"NaN", b"[Infinity]"):
        with pytest.raises(ValueError):
            parse_entry(text)


def test_an_import_list_splits_the_same_way_and_accepts_a_byte_order_mark():
    body = b'\xef\xbb\xbf[{"a": "],"}, [1, [2]], null]'
    assert [e.data.strip() for e in split_list(body)] == [b'{"a": "],"}', b"[1, [2]]", b"null"]
    with pytest.raises(PageError, match="expected a JSON list"):
        split_list(b'{"children": []}')
