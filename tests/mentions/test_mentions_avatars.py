"""Author photos: only small, complete raster images are copied into the repo."""

import json
from pathlib import Path

import pytest
from mentions.avatars import check_avatar, image_info
from mentions.cli import main
from mentions.downloads import avatar_fetcher
from mentions.settings import load_settings
from safe_http import Refused

IMAGES = Path(__file__).parent / "fixtures" / "images"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("avatar.png", ("png", 48, 40)),
        ("avatar.jpg", ("jpg", 48, 40)),
        ("avatar.webp", ("webp", 48, 40)),
        ("avatar.gif", ("gif", 1, 1)),
    ],
)
def test_real_images_are_recognised_with_their_size(name, expected):
    assert image_info((IMAGES / name).read_bytes()) == expected


@pytest.mark.parametrize("name", ["avatar.svg", "not-an-image.html"])
def test_svg_and_html_are_not_images(name):
    with pytest.raises(ValueError, match="not a PNG, JPEG, GIF or WebP"):
        image_info((IMAGES / name).read_bytes())


@pytest.mark.parametrize("name", ["avatar.png", "avatar.jpg", "avatar.webp", "avatar.gif"])
def test_truncated_images_are_refused(name):
    data = (IMAGES / name).read_bytes()
    with pytest.raises(ValueError, match="truncated"):
        image_info(data[: len(data) - 3])


def test_an_avatar_must_be_a_small_raster_image():
    png = (IMAGES / "avatar.png").read_bytes()
    assert check_avatar("image/png", png, max_side=48) == "png"
    with pytest.raises(ValueError, match="48x40 is larger than 32x32"):
        check_avatar("image/png", png, max_side=32)
    with pytest.raises(ValueError, match="not a raster image"):
        check_avatar("image/svg+xml", png, max_side=48)


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/a.png",
        "http://[::1]/a.png",
        "http://10.1.2.3/a.png",
        "http://192.168.0.10/a.png",
        "http://169.254.169.254/latest/meta-data/",
        "http://0.0.0.0/a.png",
        "ftp://example.com/a.png",
        "file:///etc/passwd",
    ],
)
def test_photo_urls_on_private_hosts_or_other_schemes_are_refused(url):
    """Refused by the guard before any connection (safe_http), with the default settings."""
    with pytest.raises(Refused):
        avatar_fetcher(load_settings({}))(url)


def test_the_test_setting_opens_loopback_and_private_networks_but_not_link_local():
    download = avatar_fetcher(load_settings({"avatar_allow_private_hosts": True}))
    with pytest.raises(Refused, match=r"169\.254\.169\.254"):
        download("http://169.254.169.254/latest/meta-data/")
    with pytest.raises(Refused, match=r"100\.64\.0\.1"):
        download("http://100.64.0.1/a.png")


def _with_photos(fake_api) -> dict[int, str]:
    photos = {
        101: fake_api.serve_photo("amara.png", "avatar.png", "image/png"),
        102: fake_api.serve_photo("lukas.svg", "avatar.svg", "image/svg+xml"),
        103: fake_api.serve_photo("hana.png", "not-an-image.html", "image/png"),
        105: fake_api.serve_photo("dana.png", "wide.png", "image/png"),
    }
    for entry in fake_api.entries:
        if entry["wm-id"] in photos:
            entry["author"]["photo"] = photos[entry["wm-id"]]
    return photos


def _avatars(project, slug: str) -> dict[str, str | None]:
    return {m["id"]: m["author_avatar"] for m in project.read(slug)["mentions"]}


def test_sync_with_avatars_keeps_only_real_small_images(project, fake_api, token, capsys):
    _with_photos(fake_api)
    argv = ["--settings", str(project.settings), "sync", "--avatars"]
    assert main(argv) == 0
    saved = sorted(project.avatars.iterdir())
    assert len(saved) == 1
    assert saved[0].read_bytes() == (IMAGES / "avatar.png").read_bytes()
    assert saved[0].suffix == ".png"
    reconnect = _avatars(project, "reconnect-without-the-awkwardness")
    assert reconnect["wmio:101"] == saved[0].name
    assert reconnect["wmio:102"] is None and reconnect["wmio:103"] is None
    assert _avatars(project, "keep-in-touch-on-a-schedule")["wmio:105"] is None
    out = capsys.readouterr().out
    assert "lukas.svg: content type 'image/svg+xml' is not a raster image" in out
    assert "hana.png: not a PNG, JPEG, GIF or WebP image" in out
    assert "dana.png: 600x20 is larger than 512x512" in out


def test_a_stored_avatar_is_not_downloaded_again(project, fake_api, token):
    _with_photos(fake_api)
    argv = ["--settings", str(project.settings), "sync", "--avatars"]
    main(argv)
    before = project.snapshot()
    first = fake_api.photo_requests()
    assert main(argv) == 0
    # Only the three refused photos are tried again.
    assert fake_api.photo_requests() - first == 3
    assert project.snapshot() == before


def test_avatars_from_loopback_are_refused_unless_tests_allow_them(
    project, fake_api, token, capsys
):
    _with_photos(fake_api)
    project.write_settings(avatar_allow_private_hosts=False)
    assert main(["--settings", str(project.settings), "sync", "--avatars"]) == 0
    assert fake_api.photo_requests() == 0
    assert not project.avatars.exists()
    assert "refusing 127.0.0.1: resolves to non-public address" in capsys.readouterr().out
    assert json.loads((project.store / "_state.json").read_text()) == {"since_id": 114}


def test_a_photo_over_the_byte_limit_is_refused(project, fake_api, token, capsys):
    _with_photos(fake_api)
    project.write_settings(avatar_max_bytes=100)
    assert main(["--settings", str(project.settings), "sync", "--avatars"]) == 0
    assert not project.avatars.exists()
    assert "amara.png: response larger than 100 bytes" in capsys.readouterr().out
    assert _avatars(project, "reconnect-without-the-awkwardness")["wmio:101"] is None
