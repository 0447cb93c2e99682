"""Moderation compares normal forms: a block cannot be stepped around by spelling."""

import json
from pathlib import Path

import pytest
from mentions.moderation import parse_moderation

CASES = json.loads(
    (Path(__file__).parent / "fixtures" / "moderation" / "cases.json").read_text(encoding="utf-8")
)
MODERATION = parse_moderation(CASES["moderation"], "_moderation.json")


@pytest.mark.parametrize("case", CASES["cases"], ids=[c["why"] for c in CASES["cases"]])
def test_blocks_compare_hosts_urls_and_names_in_normal_form(case):
    blocked = MODERATION.blocks_raw(
        sources=case["sources"],
        author_urls=case.get("author_urls", ()),
        author_names=case.get("author_names", ()),
    )
    assert blocked is case["blocked"]


def test_an_empty_moderation_file_blocks_nothing():
    nothing = parse_moderation({}, "_moderation.json")
    assert not nothing.blocks_raw(sources=["https://spam.example/"], author_names=["Cheap Pills"])
