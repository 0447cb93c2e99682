"""The Python writer gives exactly the bytes of the shared vectors (the browser's must too)."""

from dataclasses import asdict

import pytest
from reminders.plan import InputError, calendar_text, plan_reminders

from tests.reminders.vectors import error_cases, load_vector, vector_names


def test_the_vectors_cover_enough_cases():
    assert len(vector_names()) >= 10


@pytest.mark.parametrize("name", vector_names())
def test_vector_gives_the_expected_bytes(name):
    case, expected = load_vector(name)
    actual = calendar_text(case["form"], case["options"], case["now"]).encode("utf-8")
    assert actual.decode("utf-8") == expected.decode("utf-8")
    assert actual == expected


@pytest.mark.parametrize("case", error_cases(), ids=lambda case: case["name"])
def test_form_check_matches_the_shared_cases(case):
    if not case["problems"]:
        assert plan_reminders(case["form"], case["options"])
        return
    with pytest.raises(InputError) as raised:
        plan_reminders(case["form"], case["options"])
    assert [asdict(problem) for problem in raised.value.problems] == case["problems"]
