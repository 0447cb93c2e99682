"""The REMINDERS setting: defaults, and one clear error naming any bad key."""

import json

import pytest
from reminders.settings import ReminderSettings, load_settings


def test_defaults_are_what_the_issue_asks_for():
    settings = load_settings(None)
    assert settings.intervals == (1, 2, 3, 6, 12)
    # The tiers of the article "Keep in Touch on a Schedule".
    assert [(t["name"], t["interval"]) for t in settings.tiers] == [
        ("Close", 3), ("Wider", 6), ("Distant", 12)
    ]  # fmt: skip
    assert settings.default_tier == "Wider" and settings.default_tier_index == 1
    assert settings.max_contacts == 5000 and settings.max_import == 20000
    assert settings.spread is True
    assert "{name}" in settings.reminder_text and "{note}" in settings.reminder_text


def test_values_override_defaults_and_lists_are_frozen():
    tiers = [{"name": "Inner", "interval": 1}, {"name": "Outer", "interval": 4}]
    settings = load_settings({"intervals": [1, 4], "tiers": tiers, "default_tier": "Outer"})
    assert settings.intervals == (1, 4)
    assert settings.default_tier_index == 1
    assert settings.options()["tiers"] == tiers


def test_script_data_is_json_ready():
    data = json.loads(json.dumps(ReminderSettings().script_data()))
    assert data["options"]["intervals"] == [1, 2, 3, 6, 12]
    assert data["filename"] == "keep-in-touch.ics"


def test_unknown_key_is_named():
    with pytest.raises(ValueError, match=r"REMINDERS: unknown key\(s\): intervall"):
        load_settings({"intervall": [6]})


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("intervals", []),
        ("intervals", [0, 6]),
        ("intervals", [6, 6]),
        ("intervals", ["6"]),
        ("tiers", []),
        ("tiers", [{"name": "Close"}]),
        ("tiers", [{"name": "A", "interval": 3}, {"name": "A", "interval": 6}]),
        ("tiers", [{"name": "", "interval": 3}]),
        ("tiers", [{"name": "A", "interval": 0}]),
        ("default_tier", ""),
        ("list_name", "two\nlines"),
        ("max_import", 0),
        ("end_after_years", [0]),
        ("default_alarm", "hourly"),
        ("spread", "yes"),
        ("max_contacts", 0),
        ("max_name_length", 1.5),
        ("note_separator", ""),
        ("note_separator", "\n"),
        ("summary", "Call {name} about {note}"),
        ("summary", ""),
        ("category", "two\nlines"),
        ("preview_count", 0),
        ("google_links", 1),
        ("filename", "../escape.ics"),
        ("filename", "reminders.txt"),
        ("uid_domain", "bad domain"),
        ("example_dir", "/absolute"),
        ("example_dir", "../outside"),
        ("example_first", "2027-02-30"),
        ("example_contacts", []),
    ],
)
def test_bad_value_names_the_key(key, value):
    with pytest.raises(ValueError, match=rf"REMINDERS\['{key}'\] must be"):
        load_settings({key: value})


def test_tier_intervals_must_be_offered():
    with pytest.raises(ValueError, match=r"REMINDERS\['tiers'\] interval of 'Close' must be one"):
        load_settings({"intervals": [1, 2, 6, 12]})


def test_default_tier_must_name_a_tier():
    with pytest.raises(ValueError, match=r"REMINDERS\['default_tier'\] must name one of the tiers"):
        load_settings({"default_tier": "Family"})


def test_example_contacts_must_be_valid_contact_lines():
    with pytest.raises(ValueError, match=r"REMINDERS\['example_contacts'\] line 2 .*missing-name"):
        load_settings({"example_contacts": ["Ana", "| a note without a name"]})
