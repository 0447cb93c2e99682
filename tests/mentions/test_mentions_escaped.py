"""Cutting outside text by its size once escaped, the bound shared by pages and feeds."""

import pytest
from mentions.escaped import escaped_size, shorten_escaped


@pytest.mark.parametrize(
    ("text", "size"),
    [("plain", 5), ("&", 5), ("<>", 8), ('"', 6), ("'", 6), ("é", 2), ("😀", 4)],
)
def test_the_size_is_the_utf8_bytes_after_html_escaping(text, size):
    assert escaped_size(text) == size


@pytest.mark.parametrize("unit", ["&", "<", '"', "😀", "word ", "a & b "])
def test_text_is_cut_until_its_escaped_form_fits(unit):
    text = unit * 3000
    cut = shorten_escaped(text, 2000)
    assert escaped_size(cut) <= 2000
    assert cut.endswith("…")
    # No more than needed is lost: at least 3/4 of the budget is used.
    assert escaped_size(cut) > 1500


def test_text_that_fits_is_left_alone():
    assert shorten_escaped("Thanks & see you soon", 100) == "Thanks & see you soon"
