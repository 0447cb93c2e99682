"""SHARE_CARDS: on by default, folders that stay inside the output and the cache."""

import pytest
from share_cards.settings import ShareCardsSettings, load_settings


def test_the_defaults():
    assert load_settings(None) == ShareCardsSettings(
        enabled=True, output_dir="cards", cache_dir="share_cards"
    )


@pytest.mark.parametrize("key", ["output_dir", "cache_dir"])
@pytest.mark.parametrize("value", ["", "/", "../cards", "a/../../b", 3])
def test_a_folder_outside_is_refused_by_name(key, value):
    with pytest.raises(ValueError, match=rf"SHARE_CARDS\['{key}'\]"):
        load_settings({key: value})


def test_an_unknown_key_is_named():
    with pytest.raises(ValueError, match=r"SHARE_CARDS: unknown key.*: size"):
        load_settings({"size": [1200, 630]})
