"""Outside text made safe to print: no escape sequences, no forged extra lines.

A command's report quotes names, URLs and messages that strangers wrote. A raw
ESC could recolour or rewrite the terminal, and a raw newline could forge a
line such as "99 added". Every character that is not printable (controls, bidi
overrides, line and paragraph separators) is shown as a visible escape.
"""

import unicodedata

_SHOWN_AS_IS = {" "}


def printable(text: str) -> str:
    """`text` with every non-printable character written as `\\xNN`, `\\uNNNN` or `\\UNNNNNNNN`."""
    return "".join(_char(c) for c in text)


def _char(char: str) -> str:
    if char in _SHOWN_AS_IS or (char.isprintable() and unicodedata.category(char) != "Cf"):
        return char
    code = ord(char)
    if code < 0x100:
        return f"\\x{code:02x}"
    if code < 0x10000:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def short(value: object, limit: int) -> str:
    """`value` as printable text of at most `limit` characters ("…" when cut)."""
    if isinstance(value, bytes):
        value = value[: limit * 4].decode("utf-8", "replace")
    text = printable(value[: limit * 2] if isinstance(value, str) else str(value)[: limit * 2])
    return text if len(text) <= limit else text[: limit - 1] + "…"
