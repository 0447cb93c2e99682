import pytest
from common.terminal import printable


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("Zoë Müller 😀", "Zoë Müller 😀"),
        ("\x1b[2J\x1b[31mred", "\\x1b[2J\\x1b[31mred"),
        ("one\nslug: 99 added", "one\\x0aslug: 99 added"),
        ("tab\there\r", "tab\\x09here\\x0d"),
        ("\u202eevil", "\\u202eevil"),
        ("a\u2028b", "a\\u2028b"),
        ("\x9b31m", "\\x9b31m"),
    ],
)
def test_non_printable_characters_are_shown_escaped(raw, shown):
    assert printable(raw) == shown
    assert "\n" not in printable(raw) and "\x1b" not in printable(raw)
