import pytest
from known_keys import reject_unknown_keys


def test_known_keys_pass():
    reject_unknown_keys("FEEDS", {"max_items": 5}, ["max_items", "hub"])


def test_unknown_keys_are_named_sorted_with_where_they_are():
    with pytest.raises(ValueError, match=r"^FEEDS: unknown key\(s\): hubb, max_item$"):
        reject_unknown_keys("FEEDS", {"max_item": 5, "hubb": None}, ["max_items", "hub"])


def test_the_noun_fits_records():
    with pytest.raises(ValueError, match=r"^row 2: unknown field\(s\): colour$"):
        reject_unknown_keys("row 2", {"colour": "red"}, ["author"], noun="field")
