"""PUBLISH_ASSETS: documented defaults, and one clear error per bad key."""

import pytest
from publish_assets.settings import load_settings


def test_defaults_publish_nothing_until_enabled():
    settings = load_settings(None)
    assert settings.enabled is False
    assert settings.fingerprint == ("css/main.css",)
    assert settings.compress == ("gz", "br")
    assert settings.brotli_quality == 6


def test_stylesheets_and_scripts_are_minified_unless_turned_off():
    assert load_settings(None).minify == {".css", ".js"}
    assert load_settings({"minify_js": False}).minify == {".css"}
    assert load_settings({"minify_css": False, "minify_js": False}).minify == set()


def test_lists_are_accepted_and_kept_as_tuples():
    settings = load_settings({"enabled": True, "compress": ["br"], "fingerprint": []})
    assert settings.compress == ("br",)
    assert settings.fingerprint == ()


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ({"enable": True}, "unknown key(s): enable"),
        ({"enabled": "yes"}, "PUBLISH_ASSETS['enabled'] must be a bool"),
        ({"compress": "gz"}, "PUBLISH_ASSETS['compress'] must be a list of gz, br, got 'gz'"),
        ({"compress": ["zip"]}, "PUBLISH_ASSETS['compress'] must be a list of gz, br"),
        (
            {"fingerprint": "css/main.css"},
            "PUBLISH_ASSETS['fingerprint'] must be a list of strings",
        ),
        ({"compress_extensions": ["html"]}, "entries start with a dot"),
        ({"brotli_quality": 12}, "between 0 and 11"),
        ({"brotli_quality": 6.5}, "PUBLISH_ASSETS['brotli_quality'] must be an integer between 0"),
        ({"brotli_quality": True}, "PUBLISH_ASSETS['brotli_quality'] must be an integer between 0"),
        (
            {"compress_min_bytes": -1},
            "PUBLISH_ASSETS['compress_min_bytes'] must be an integer >= 0",
        ),
    ],
)
def test_a_bad_value_names_its_key(raw, message):
    with pytest.raises(ValueError, match="PUBLISH_ASSETS") as error:
        load_settings(raw)
    assert message in str(error.value)
