"""Fingerprinted, minified theme assets."""

import pytest
from publish_assets.assets import prepare, published_path, write_assets
from publish_assets.fingerprint import fingerprinted, is_fingerprinted

CSS = "/* The site's colours. */\nbody {\n  color: #1f2328;\n  margin: 0;\n}\n"


def test_the_name_follows_the_bytes():
    first = fingerprinted("css/main.css", b"body{color:red}")
    assert first == fingerprinted("css/main.css", b"body{color:red}")
    assert first != fingerprinted("css/main.css", b"body{color:blue}")
    assert first.startswith("css/main.") and first.endswith(".css")
    assert is_fingerprinted(first)
    assert not is_fingerprinted("css/main.css")
    assert not is_fingerprinted(first + ".br")


def test_a_stylesheet_is_minified_then_named_by_what_is_published(tmp_path):
    (tmp_path / "css").mkdir()
    (tmp_path / "css" / "main.css").write_text(CSS)
    asset = prepare([tmp_path], ["css/main.css"], minify={".css"})["css/main.css"]
    assert asset.data == b"body{color:#1f2328;margin:0}"
    assert asset.published == fingerprinted("css/main.css", asset.data)
    plain = prepare([tmp_path], ["css/main.css"], minify=frozenset())["css/main.css"]
    assert plain.data == CSS.encode()


def test_a_missing_asset_is_named(tmp_path):
    with pytest.raises(ValueError, match=r"css/missing\.css is not in"):
        prepare([tmp_path], ["css/missing.css"], minify={".css"})


def test_templates_get_the_published_name_or_the_plain_one(tmp_path):
    (tmp_path / "css").mkdir()
    (tmp_path / "css" / "main.css").write_text(CSS)
    assets = prepare([tmp_path], ["css/main.css"], minify={".css"})
    assert published_path(assets, "theme", "css/main.css") == (
        f"theme/{assets['css/main.css'].published}"
    )
    assert published_path(assets, "theme", "js/ics.js") == "theme/js/ics.js"
    assert published_path({}, "theme", "css/main.css") == "theme/css/main.css"


def test_writing_replaces_the_plain_copy_with_the_fingerprinted_one(tmp_path):
    source, output = tmp_path / "static", tmp_path / "output"
    for folder in (source, output):
        (folder / "css").mkdir(parents=True)
        (folder / "css" / "main.css").write_text(CSS)
    assets = prepare([source], ["css/main.css"], minify={".css"})
    write_assets(assets.values(), output)
    assert [p.name for p in (output / "css").iterdir()] == [
        assets["css/main.css"].published.split("/")[-1]
    ]
