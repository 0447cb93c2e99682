"""PARALLEL_BUILD: one worker per usable core unless told, and a clear error for a bad value."""

import pytest
from parallel_build.settings import load_settings, usable_cores


def test_the_default_is_one_worker_per_usable_core():
    assert load_settings(None).workers == usable_cores() >= 1
    assert load_settings({"workers": None}).workers == usable_cores()


def test_a_number_of_workers_is_kept():
    assert load_settings({"workers": 1}).workers == 1
    assert load_settings({"workers": 6}).workers == 6


@pytest.mark.parametrize("value", [0, -2, 1.5, "2", True])
def test_a_bad_number_of_workers_is_named(value):
    with pytest.raises(ValueError, match=r"PARALLEL_BUILD\['workers'\]"):
        load_settings({"workers": value})


def test_an_unknown_key_is_named():
    with pytest.raises(ValueError, match=r"PARALLEL_BUILD: unknown key.*: worker"):
        load_settings({"worker": 2})
