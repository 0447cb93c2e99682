"""One loader for every plugin's settings dict: the dataclass declares, this checks.

Each settings module declares a frozen dataclass whose fields are the keys, with
their defaults, and whose annotations say what a value must be:

    max_items: Annotated[int, at_least(1)] = 20
    hub: str | None = None

`load_fields("FEEDS", FeedSettings, raw)` merges `raw` over the defaults and
checks every value against its type (a bool is never a number; a list of the
right items is kept as a tuple; an int is taken for a float) and then against
its rules, raising one ValueError that names the key and says what it must be:
"FEEDS['max_items'] must be an integer >= 1, got 0". `From(raw, convert)`
reads a value given as `raw` and stores `convert(value)` (a regular expression
compiled, a path made a Path); a ValueError from `convert` is reported under
the key too.
"""

import types
import typing
from collections.abc import Callable
from dataclasses import dataclass, fields
from typing import Any, TypeVar

from . import reject_unknown_keys

T = TypeVar("T")


@dataclass(frozen=True)
class Rule:
    """What a value of the right type must also be, and how the error says it."""

    holds: Callable[[Any], bool]
    expected: str


@dataclass(frozen=True)
class From:
    """The key is given as `raw` and stored as `convert(value)`."""

    raw: Any
    convert: Callable[[Any], Any]


def at_least(minimum: int) -> Rule:
    return Rule(lambda value: value >= minimum, f"an integer >= {minimum}")


def between(low: int, high: int) -> Rule:
    return Rule(lambda value: low <= value <= high, f"an integer between {low} and {high}")


def one_of(*choices: str) -> Rule:
    return Rule(lambda value: value in choices, f"one of {', '.join(choices)}")


positive = Rule(lambda value: value > 0, "a positive number")
non_empty = Rule(lambda value: value.strip() != "", "a non-empty string")
# A folder inside another (the output, the cache): not empty, not that folder itself,
# never climbing out of it.
inside_folder = Rule(
    lambda value: value.strip("/") != "" and ".." not in value.split("/"),
    "a relative folder name without '..'",
)


def _describe(kind) -> str:
    names = {
        bool: "a bool (True or False)",
        int: "an integer",
        float: "a number",
        str: "a string",
        type(None): "None",
    }
    if kind in names:
        return names[kind]
    origin, args = typing.get_origin(kind), typing.get_args(kind)
    if origin in (types.UnionType, typing.Union):
        return " or ".join(_describe(arg) for arg in args)
    if origin is tuple:
        item = _describe(args[0]).removeprefix("an ").removeprefix("a ")
        return f"a list of {item}s"
    return f"a {getattr(kind, '__name__', kind)}"


def _matches(value, kind) -> bool:
    if kind is bool:
        return isinstance(value, bool)
    if isinstance(value, bool) and kind in (int, float):
        return False  # True is a typo for a number, not 1
    if kind is float:
        return isinstance(value, int | float)
    if kind is type(None):
        return value is None
    origin, args = typing.get_origin(kind), typing.get_args(kind)
    if origin in (types.UnionType, typing.Union):
        return any(_matches(value, arg) for arg in args)
    if origin is tuple:
        return isinstance(value, list | tuple) and all(_matches(item, args[0]) for item in value)
    return isinstance(value, kind)


def _normal(value, kind):
    """Lists as tuples, ints as floats where a float is declared."""
    if isinstance(value, list):
        return tuple(value)
    if kind is float:
        return float(value)
    return value


def load_fields(where: str, cls: type[T], raw: dict | None) -> T:
    """`raw` merged over the defaults of dataclass `cls`; ValueError naming any bad key."""
    raw = dict(raw or {})
    reject_unknown_keys(where, raw, (f.name for f in fields(cls)))
    hints = typing.get_type_hints(cls, include_extras=True)
    values = {}
    for f in fields(cls):
        kind, extras = hints[f.name], ()
        if typing.get_origin(kind) is typing.Annotated:
            kind, *extras = typing.get_args(kind)
        source = next((extra for extra in extras if isinstance(extra, From)), None)
        rules = [extra for extra in extras if isinstance(extra, Rule)]
        if source is not None:
            kind = source.raw
        value = raw.get(f.name, f.default)
        expected = rules[0].expected if rules else _describe(kind)
        if not _matches(value, kind):
            raise ValueError(f"{where}['{f.name}'] must be {expected}, got {value!r}")
        value = _normal(value, kind)
        for rule in rules:
            if not rule.holds(value):
                raise ValueError(f"{where}['{f.name}'] must be {rule.expected}, got {value!r}")
        if source is not None:
            try:
                value = source.convert(value)
            except ValueError as error:
                raise ValueError(f"{where}['{f.name}']: {error}") from None
        values[f.name] = value
    return cls(**values)
