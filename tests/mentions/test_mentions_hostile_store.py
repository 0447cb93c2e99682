"""Hand-written store files with hostile values: each loads clean or is refused naming its field.

Each file in fixtures/hostile-store holds one mention; `_expected.json` says
what loading it must give: `{"error": field}`, or the cleaned `values` and
the caps (`lengths`) of the fields cleaning changes (every other field must load
unchanged).
"""

import json
from pathlib import Path

import pytest
from common.files import canonical_json
from mentions.model import from_record, to_record

HOSTILE = Path(__file__).parent / "fixtures" / "hostile-store"
EXPECTED = json.loads((HOSTILE / "_expected.json").read_text(encoding="utf-8"))
FILES = sorted(p.name for p in HOSTILE.glob("[!_]*.json"))


def _record(name: str) -> dict:
    (record,) = json.loads((HOSTILE / name).read_text(encoding="utf-8"))["mentions"]
    return record


def test_every_case_has_an_expectation_and_there_are_many():
    assert sorted(EXPECTED) == FILES
    assert len(FILES) >= 20
    assert sum("error" in e for e in EXPECTED.values()) >= 10
    assert sum("error" not in e for e in EXPECTED.values()) >= 10


@pytest.mark.parametrize("name", [n for n in FILES if "error" in EXPECTED[n]])
def test_a_bad_required_value_is_one_value_error_naming_the_field(name):
    field = EXPECTED[name]["error"]
    with pytest.raises(ValueError, match=rf"^mentions\[0\]\.{field}: ") as error:
        from_record(_record(name), "mentions[0]")
    message = str(error.value)
    assert "\n" not in message and len(message) < 300
    message.encode("utf-8")


@pytest.mark.parametrize("name", [n for n in FILES if "error" not in EXPECTED[n]])
def test_a_hostile_value_loads_clean(name):
    expected = EXPECTED[name]
    record = _record(name)
    mention = from_record(record, "mentions[0]")
    stored = to_record(mention)
    for field, value in expected.get("values", {}).items():
        assert stored[field] == value, field
    for field, length in expected.get("lengths", {}).items():
        # Cut at a word boundary just under the cap.
        assert length - 10 < len(stored[field]) <= length and stored[field].endswith("…"), field
    changed = expected.get("values", {}).keys() | expected.get("lengths", {}).keys()
    assert {k: v for k, v in stored.items() if k not in changed} == {
        k: v for k, v in record.items() if k not in changed
    }
    # What loads clean is stored again as valid UTF-8 and loads to the same mention.
    again = json.loads(canonical_json(stored).encode("utf-8").decode("utf-8"))
    assert from_record(again, "again") == mention
