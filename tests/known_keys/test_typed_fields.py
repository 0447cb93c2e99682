"""load_fields: defaults, types, rules and conversions, and one message naming the key."""

import typing
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Annotated

import pytest
from known_keys.typed_fields import (
    From,
    at_least,
    between,
    load_fields,
    non_empty,
    one_of,
    positive,
)

from tests.settings_dicts import SETTINGS_DICTS


@dataclass(frozen=True)
class Sample:
    count: Annotated[int, at_least(1)] = 3
    quality: Annotated[int, between(0, 11)] = 6
    seconds: Annotated[float, positive] = 10.0
    mode: Annotated[str, one_of("fast", "slow")] = "fast"
    label: Annotated[str, non_empty] = "x"
    hub: str | None = None
    enabled: bool = False
    names: tuple[str, ...] = ("a",)
    folder: Annotated[Path, From(str, Path)] = "out"


def test_no_setting_gives_the_defaults_converted():
    assert load_fields("SAMPLE", Sample, None) == Sample(folder=Path("out"))


def test_given_values_are_merged_lists_become_tuples_and_ints_floats():
    loaded = load_fields("SAMPLE", Sample, {"names": ["b", "c"], "seconds": 2, "hub": "h"})
    assert loaded.names == ("b", "c")
    assert loaded.seconds == 2.0 and isinstance(loaded.seconds, float)
    assert (loaded.hub, loaded.count) == ("h", 3)


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ({"cout": 1}, r"SAMPLE: unknown key\(s\): cout"),
        ({"count": 0}, r"SAMPLE\['count'\] must be an integer >= 1, got 0"),
        ({"count": True}, r"SAMPLE\['count'\] must be an integer >= 1, got True"),
        ({"count": 2.0}, r"SAMPLE\['count'\] must be an integer >= 1, got 2.0"),
        ({"quality": 12}, r"SAMPLE\['quality'\] must be an integer between 0 and 11, got 12"),
        ({"seconds": True}, r"SAMPLE\['seconds'\] must be a positive number, got True"),
        ({"seconds": 0}, r"SAMPLE\['seconds'\] must be a positive number, got 0"),
        ({"mode": "quick"}, r"SAMPLE\['mode'\] must be one of fast, slow, got 'quick'"),
        ({"label": " "}, r"SAMPLE\['label'\] must be a non-empty string, got ' '"),
        ({"hub": 5}, r"SAMPLE\['hub'\] must be a string or None, got 5"),
        ({"enabled": 1}, r"SAMPLE\['enabled'\] must be a bool \(True or False\), got 1"),
        ({"names": "a"}, r"SAMPLE\['names'\] must be a list of strings, got 'a'"),
        ({"names": ["a", 1]}, r"SAMPLE\['names'\] must be a list of strings"),
        ({"folder": ["out"]}, r"SAMPLE\['folder'\] must be a string, got \['out'\]"),
    ],
)
def test_a_bad_value_is_one_error_naming_the_key_and_what_it_must_be(raw, message):
    with pytest.raises(ValueError, match=f"^{message}"):
        load_fields("SAMPLE", Sample, raw)


def test_a_conversion_error_is_reported_under_the_key():
    @dataclass(frozen=True)
    class Numbers:
        number: Annotated[int, From(str, int)] = "1"

    with pytest.raises(ValueError, match=r"^NUMBERS\['number'\]: invalid literal"):
        load_fields("NUMBERS", Numbers, {"number": "one"})


# --- every plugin's settings dict ------------------------------------------------------

KEYS = [(d.name, f.name) for d in SETTINGS_DICTS.values() for f in fields(d.fields)]


def _declared(name: str, key: str):
    hint = typing.get_type_hints(SETTINGS_DICTS[name].fields, include_extras=True)[key]
    return typing.get_args(hint)[0] if typing.get_origin(hint) is Annotated else hint


@pytest.mark.parametrize("name", SETTINGS_DICTS)
def test_the_defaults_pass_their_own_checks(name):
    SETTINGS_DICTS[name].load(None)


@pytest.mark.parametrize(("name", "key"), KEYS)
def test_every_key_refuses_a_value_of_another_type(name, key):
    with pytest.raises(ValueError, match=rf"^{name}\['{key}'\] must be "):
        SETTINGS_DICTS[name].load({key: object()})


@pytest.mark.parametrize(
    ("name", "key"), [(n, k) for n, k in KEYS if _declared(n, k) in (int, float)]
)
def test_true_is_never_taken_for_a_number(name, key):
    with pytest.raises(ValueError, match=rf"^{name}\['{key}'\] must be .*, got True"):
        SETTINGS_DICTS[name].load({key: True})
