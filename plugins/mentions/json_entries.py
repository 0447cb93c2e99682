"""A JSON list of records split into its entries, each parsed on its own.

A webmention.io page is `{"type": "feed", "children": [entry, ...]}`, an
import file `[post, ...]`. Parsing either whole with `json.loads` lets one
record spoil every other: a 5,000-digit number raises ValueError, deep
nesting RecursionError, and the page (and every later sync) fails. So a
linear, non-recursive scanner finds where each element starts and ends (it
follows strings, escapes and bracket depth, nothing more), the text without
the elements is parsed to check the outer shape, and each element is parsed
separately by `parse_entry`, whose failure concerns that record alone.

The scanner works on bytes: every byte that matters to JSON's structure is
ASCII, and no byte of a multi-byte UTF-8 sequence is, so an entry holding bad
UTF-8 is cut out intact and refused by itself.
"""

import json
import re
from dataclasses import dataclass

# Larger integers are refused before Python converts them (its own limit,
# 4,300 digits, raises ValueError deep inside json.loads).
MAX_INT_DIGITS = 20
# A string token (escapes included), one structural byte, or a run of anything else.
# Possessive repeats never backtrack, so each match is linear in its length.
_TOKEN = re.compile(rb'"(?:[^"\\]++|\\.)*+"|[\[\]{},:]|[^"\[\]{},:]++', re.DOTALL)
_OPEN = frozenset(b"[{")
_CLOSE = frozenset(b"]}")


class PageError(ValueError):
    """The text itself (not one entry) is not the expected JSON list."""


@dataclass(frozen=True)
class RawEntry:
    """One child of the page: its position and its bytes, not yet parsed."""

    index: int
    data: bytes


def split_page(body: bytes, max_entries: int) -> list[RawEntry]:
    """The children of a JF2 page as raw byte slices; PageError if the page is not a feed.

    A page holding more than `max_entries` (what was asked for) is refused
    as a whole: the API is not answering the question, and the count bounds
    the work (and the lines printed) per page.
    """
    entries, skeleton = _split(body, b'"children"', "the response is not JSON")
    if not isinstance(skeleton, dict) or skeleton.get("children") != []:
        raise PageError('the response is not a JF2 feed with a "children" list')
    if len(entries) > max_entries:
        raise PageError(
            f"the page holds {len(entries)} entries, more than the {max_entries} asked for"
        )
    return entries


def split_member(body: bytes, key: str) -> tuple[list[RawEntry], dict]:
    """The elements of the list under the top-level `key`, and the object with that list emptied.

    PageError when `body` is not a JSON object holding such a list. The
    directly read APIs answer this way (`{"likes": [...], "cursor": "..."}`).
    """
    entries, skeleton = _split(body, json.dumps(key).encode(), "not JSON")
    if not isinstance(skeleton, dict) or skeleton.get(key) != []:
        raise PageError(f'expected an object with a "{key}" list')
    return entries, skeleton


def split_list(body: bytes) -> list[RawEntry]:
    """The elements of a top-level JSON list as raw byte slices; PageError otherwise."""
    entries, skeleton = _split(body, None, "not JSON")
    if skeleton != []:
        raise PageError("expected a JSON list of objects")
    return entries


def parse_entry(data: bytes) -> object:
    """The JSON value of one entry; ValueError (or RecursionError) when it is not usable JSON."""
    return json.loads(data.decode("utf-8"), parse_int=_bounded_int, parse_constant=_no_constant)


def _split(body: bytes, key: bytes | None, not_json: str) -> tuple[list[RawEntry], object]:
    """The list's elements, and the JSON value of `body` with the list emptied.

    When no list is found the whole text is parsed, only to say what is wrong.
    """
    spans, inside = _scan(body, key)
    rest = body if inside is None else body[: inside[0] + 1] + body[inside[1] :]
    try:
        skeleton = json.loads(rest, parse_int=_bounded_int, parse_constant=_no_constant)
    except (ValueError, RecursionError):
        raise PageError(not_json) from None
    if inside is None:
        return [], None
    return [RawEntry(index, body[a:b]) for index, (a, b) in enumerate(spans)], skeleton


def _bounded_int(digits: str) -> int:
    if len(digits.lstrip("-")) > MAX_INT_DIGITS:
        raise ValueError(f"a number of {len(digits)} digits")
    return int(digits)


def _no_constant(name: str) -> float:
    raise ValueError(f"{name} is not JSON")


def _scan(body: bytes, key: bytes | None) -> tuple[list[tuple[int, int]], tuple[int, int] | None]:
    """Spans of the elements, and the span of the list (its brackets), None if not found.

    The list is the top-level value when `key` is None, else the value of the
    first top-level `key` (quotes included). The list's own elements lie
    `inner` deep: 1 for a top-level list, 2 inside the top object.
    """
    inner = 1 if key is None else 2
    depth = 0
    position = 0
    last_key = None  # the last string seen at depth 1
    in_children = False
    children = None
    spans: list[tuple[int, int]] = []
    element_start = None
    size = len(body)
    while position < size:
        match = _TOKEN.match(body, position)
        if match is None:  # an unterminated string
            return spans, None
        token = match.group()
        first = token[0]
        if in_children and depth == inner:
            if first in (0x2C, 0x5D):  # , ]
                if element_start is not None:
                    spans.append((element_start, position))
                elif first == 0x2C or spans:
                    return spans, None  # an empty element: [1,] or [,1]
                element_start = None
            elif element_start is None and token.strip():
                element_start = position
        if first in _OPEN:
            opens_list = depth == 0 if key is None else (depth == 1 and last_key == key)
            if first == 0x5B and opens_list and children is None:
                in_children = True
                children = (position, None)
            depth += 1
        elif first in _CLOSE:
            depth -= 1
            if depth < 0:
                return spans, None
            if in_children and depth == inner - 1:
                in_children = False
                children = (children[0], position)
        elif depth == 1 and first == 0x22:
            last_key = token
        elif depth == 1 and first != 0x3A and token.strip():
            last_key = None
        position = match.end()
    if depth != 0 or children is None or children[1] is None:
        return spans, None
    return spans, children
