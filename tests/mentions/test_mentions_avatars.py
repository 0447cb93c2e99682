"""Author photos: decoded, checked and re-encoded; only the new bytes are ever stored."""

import io
import json
from pathlib import Path

import pytest
from mentions.avatars import check_avatar
from mentions.cli import main
from mentions.downloads import avatar_fetcher
from mentions.settings import load_settings
from PIL import Image
from safe_http import Refused

IMAGES = Path(__file__).parent / "fixtures" / "images"


def _image(name: str) -> bytes:
    return (IMAGES / name).read_bytes()


def _decoded(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data), formats=["WEBP"])
    image.load()
    return image


@pytest.mark.parametrize(
    ("name", "size"),
    [
        ("avatar.png", (48, 40)),
        ("avatar.jpg", (48, 40)),
        ("avatar.webp", (48, 40)),
        ("avatar.gif", (1, 1)),
    ],
)
def test_real_images_are_re_encoded_as_webp_of_the_same_size(name, size):
    data, extension = check_avatar("image/png", _image(name), max_side=512)
    assert extension == "webp"
    assert data[:4] == b"RIFF" and data[8:12] == b"WEBP"
    assert data != _image(name)
    assert _decoded(data).size == size


def test_the_same_photo_always_gives_the_same_bytes():
    for name in ("avatar.png", "avatar.jpg", "avatar.webp", "avatar.gif", "exif.jpg"):
        assert check_avatar("image/png", _image(name), 512) == check_avatar(
            "image/png", _image(name), 512
        )


def test_html_hidden_in_a_gif_comment_or_after_a_png_is_never_stored():
    for name in ("polyglot.gif", "trailing-html.png"):
        assert b"<script>" in _image(name)
        data, _ = check_avatar("image/gif", _image(name), max_side=512)
        assert b"<" not in data and b"script" not in data
    # Only the pixels count: the PNG with HTML after it gives the clean PNG's bytes.
    assert check_avatar("image/png", _image("trailing-html.png"), 512) == check_avatar(
        "image/png", _image("avatar.png"), 512
    )


def test_exif_is_applied_to_the_orientation_then_dropped():
    original = Image.open(IMAGES / "exif.jpg")
    assert original.getexif()[0x013B] == "Dana Okonjo private"
    data, _ = check_avatar("image/jpeg", _image("exif.jpg"), max_side=512)
    assert b"Dana" not in data and b"Exif" not in data and b"EXIF" not in data
    image = _decoded(data)
    assert dict(image.getexif()) == {}
    assert not {"exif", "icc_profile", "xmp"} & image.info.keys()
    # Orientation 6 (turn 90°): the 48x40 photo is stored upright, 40x48.
    assert image.size == (40, 48)


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("avatar.svg", "not a PNG, JPEG, GIF or WebP image"),
        ("not-an-image.html", "not a PNG, JPEG, GIF or WebP image"),
        ("polyglot-script.gif", "not a PNG, JPEG, GIF or WebP image"),
        ("bomb-30000.png", r"too many pixels \(a decompression bomb\)"),
        ("bomb-5000.png", "5000x5000 is larger than 512x512"),
        ("wide.png", "600x20 is larger than 512x512"),
    ],
)
def test_other_files_bombs_and_oversize_images_are_refused(name, message):
    with pytest.raises(ValueError, match=f"^{message}$"):
        check_avatar("image/png", _image(name), max_side=512)


def test_a_pixel_ceiling_holds_whatever_the_side_setting():
    with pytest.raises(ValueError, match=r"^5000x5000 has more than 16777216 pixels$"):
        check_avatar("image/png", _image("bomb-5000.png"), max_side=100_000)


@pytest.mark.parametrize("name", ["avatar.png", "avatar.jpg", "avatar.webp", "exif.jpg"])
def test_truncated_images_are_refused(name):
    data = _image(name)
    with pytest.raises(ValueError, match=r"^broken or truncated image \("):
        check_avatar("image/png", data[: len(data) // 2], max_side=512)


def test_an_avatar_must_be_a_small_raster_image():
    png = _image("avatar.png")
    assert check_avatar("image/png", png, max_side=48)[1] == "webp"
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
    assert saved[0].read_bytes() == check_avatar("image/png", _image("avatar.png"), 512)[0]
    assert saved[0].suffix == ".webp"
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
