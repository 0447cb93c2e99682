import pytest
from common.terminal import printable, short


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


def test_short_escapes_then_cuts_with_an_ellipsis():
    assert short("plain", 10) == "plain"
    assert short("\x1b[2J" + "a" * 20, 10) == "\\x1b[2Jaa…"
    assert short(b"caf\xc3\xa9 \xff", 20) == "café \ufffd"
    assert short(12345, 3) == "12…"
    assert all(len(short("\n" * 500, n)) <= n for n in (1, 5, 400))
