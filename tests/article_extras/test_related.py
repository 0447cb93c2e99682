from datetime import datetime

import pytest
from article_extras.related import Tagged, related_by_tags
from article_extras.settings import load_settings
from hypothesis import given
from hypothesis import strategies as st


def item(key, tags, day):
    return Tagged(key=key, tags=frozenset(tags), date=datetime(2026, 1, day))


ITEMS = [
    item("a", {"reconnecting", "outreach", "messages"}, 1),
    item("b", {"reconnecting", "outreach"}, 2),
    item("c", {"reconnecting"}, 3),
    item("d", {"messages"}, 4),
    item("e", {"layoffs"}, 5),
]


def test_most_shared_tags_first_then_newest():
    related = related_by_tags(ITEMS, 3)
    assert related["a"] == ["b", "d", "c"]
    assert related["c"] == ["b", "a"]


def test_an_article_is_never_related_to_itself_or_to_strangers():
    related = related_by_tags(ITEMS, 10)
    assert related["e"] == []
    assert all(key not in others for key, others in related.items())


def test_count_limits_and_zero_turns_it_off():
    assert len(related_by_tags(ITEMS, 1)["a"]) == 1
    assert related_by_tags(ITEMS, 0)["a"] == []


def test_settings_reject_unknown_keys_and_bad_values():
    assert load_settings(None).words_per_minute == 230
    with pytest.raises(ValueError, match="unknown key"):
        load_settings({"wpm": 200})
    with pytest.raises(ValueError, match="words_per_minute"):
        load_settings({"words_per_minute": 0})


def _ranked_by_sorting(items, count):
    """The ranking as the docstring states it, by counting and sorting every pair."""
    result = {}
    for item in items:
        others = [
            (-len(item.tags & other.tags), -other.date.timestamp(), index, other.key)
            for index, other in enumerate(items)
            if other is not item and item.tags & other.tags
        ]
        result[item.key] = [key for *_, key in sorted(others)[:count]]
    return result


@given(
    st.lists(
        st.tuples(st.sets(st.sampled_from("abcdefg"), max_size=5), st.integers(1, 6)),
        max_size=30,
    ),
    st.integers(1, 6),
)
def test_the_ranking_is_the_one_counting_and_sorting_every_pair_gives(drawn, count):
    # Few tags and days: many ties, broken by date and then by place in the list.
    items = [item(key, tags, day) for key, (tags, day) in enumerate(drawn)]
    assert related_by_tags(items, count) == _ranked_by_sorting(items, count)
