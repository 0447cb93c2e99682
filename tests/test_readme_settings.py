"""README.md documents every key of every plugin's settings dict, with its real default.

Each dict has one table, `| key | default | meaning |`, right after a line that
starts with the dict's name in backticks. A default is the first code span of
its cell: a Python literal, or the name of a constant in the settings module.
"""

import ast
import re
import sys
from dataclasses import fields

import pytest

from tests.conftest import ROOT
from tests.settings_dicts import SETTINGS_DICTS

HEADER = "| key | default | meaning |"


def _cells(row: str) -> list[str]:
    """The cells of a Markdown table row; `\\|` is a pipe inside a cell."""
    return [c.strip().replace("\\|", "|") for c in re.split(r"(?<!\\)\|", row.strip())[1:-1]]


def documented_tables() -> dict[str, dict[str, str]]:
    """{dict name: {key: default cell}} from README.md."""
    lines = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    tables: dict[str, dict[str, str]] = {}
    for number, line in enumerate(lines):
        if line.strip() != HEADER:
            continue
        intro = next(lines[i] for i in range(number - 1, -1, -1) if lines[i].strip())
        named = re.match(r"`([A-Z_]+)`", intro)
        assert named, f"README.md line {number + 1}: a settings table needs a `NAME` line before it"
        assert named[1] not in tables, f"{named[1]} has two tables in README.md"
        rows = {}
        for row in lines[number + 2 :]:
            if not row.startswith("|"):
                break
            key, default, _meaning = _cells(row)
            assert re.fullmatch(r"`\w+`", key), f"{named[1]}: one key per row, not {key}"
            rows[key.strip("`")] = default
        tables[named[1]] = rows
    return tables


TABLES = documented_tables()


def _value(cell: str, module):
    code = re.match(r"`([^`]*)`", cell)
    assert code, f"default {cell!r} starts with no code span"
    text = code[1]
    if re.fullmatch(r"[A-Z][A-Z0-9_]*", text):
        return getattr(module, text)
    return ast.literal_eval(text)


def _plain(value):
    return tuple(value) if isinstance(value, list) else value


def test_every_settings_dict_has_a_table_and_every_table_a_settings_dict():
    assert sorted(TABLES) == sorted(SETTINGS_DICTS)


@pytest.mark.parametrize("name", SETTINGS_DICTS)
def test_every_key_is_documented_and_every_documented_key_exists(name):
    keys = {f.name for f in fields(SETTINGS_DICTS[name].fields)}
    assert not keys - set(TABLES[name]), f"{name} keys missing from README.md"
    assert not set(TABLES[name]) - keys, f"{name} keys in README.md that the plugin does not have"


@pytest.mark.parametrize(
    ("name", "key"), [(name, key) for name, rows in TABLES.items() for key in rows]
)
def test_the_documented_default_is_the_default(name, key):
    settings = SETTINGS_DICTS[name].fields
    default = {f.name: f.default for f in fields(settings)}[key]
    assert _plain(_value(TABLES[name][key], sys.modules[settings.__module__])) == default
