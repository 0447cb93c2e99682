"""The LINKBACKS setting: documented defaults, and one clear error per bad key."""

import ipaddress
from pathlib import Path

import pytest
from linkbacks.settings import load_settings

BASE = Path("/srv/site")


def test_defaults():
    settings = load_settings(None, BASE)
    assert settings.timeout == 10.0
    assert settings.max_bytes == 1024 * 1024
    assert settings.max_redirects == 5
    assert settings.max_attempts == 3
    assert settings.allow_networks == ()
    assert settings.outbox == BASE / "content" / "mentions" / "_outbox.json"
    assert settings.user_agent.startswith("Reconnect-Linkbacks/")
    assert settings.ignore[0].search("https://posts.example/flyer.pdf")


def test_values_are_merged_over_the_defaults():
    settings = load_settings({"allow_networks": ["127.0.0.1/32"], "timeout": 2}, BASE)
    assert settings.allow_networks == (ipaddress.ip_network("127.0.0.1/32"),)
    assert settings.timeout == 2.0
    assert settings.max_attempts == 3


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ({"timout": 5}, "unknown key(s): timout"),
        ({"timeout": 0}, "LINKBACKS['timeout'] must be a positive number"),
        ({"timeout": True}, "LINKBACKS['timeout'] must be a positive number"),
        ({"max_attempts": 0}, "LINKBACKS['max_attempts'] must be an integer >= 1"),
        ({"max_redirects": -1}, "LINKBACKS['max_redirects'] must be an integer >= 0"),
        ({"max_bytes": 1.5}, "LINKBACKS['max_bytes'] must be an integer >= 1"),
        ({"ignore": "pdf"}, "LINKBACKS['ignore'] must be a list of strings"),
        ({"ignore": ["("]}, "LINKBACKS['ignore']: bad regular expression '('"),
        ({"allow_networks": ["localhost"]}, "LINKBACKS['allow_networks']"),
        ({"outbox": ""}, "LINKBACKS['outbox'] must be a non-empty string"),
        ({"user_agent": None}, "LINKBACKS['user_agent'] must be a non-empty string"),
    ],
)
def test_bad_values_name_the_key(raw, message):
    with pytest.raises(ValueError) as raised:
        load_settings(raw, BASE)
    assert message in str(raised.value)
