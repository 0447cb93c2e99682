"""`make s3_upload` against a real S3 API (moto_server on 127.0.0.1): what a CDN would serve."""

import gzip
import os
import subprocess

import brotli
import pytest
from publish_assets.cli import main

from tests.conftest import ROOT


def upload(capsys, site, *options):
    code = main(["s3-upload", str(site), *options])
    out = capsys.readouterr()
    assert code == 0, out.err
    return [line.split(" ", 1)[1] for line in out.out.splitlines() if line.startswith("upload ")]


def stored(client, name, key):
    return client.get_object(Bucket=name, Key=key)


@pytest.mark.parametrize(
    ("key", "content_type", "cache_control"),
    [
        ("index.html", "text/html; charset=utf-8", "public, max-age=300"),
        ("about/index.html", "text/html; charset=utf-8", "public, max-age=300"),
        ("theme/css/main.0a1b2c3d4e.css", "text/css; charset=utf-8",
         "public, max-age=31536000, immutable"),
        ("theme/js/tool.js", "text/javascript; charset=utf-8", "public, max-age=86400"),
        ("feeds/all.atom.xml", "application/atom+xml; charset=utf-8", "public, max-age=300"),
        ("feeds/all.rss.xml", "application/rss+xml; charset=utf-8", "public, max-age=300"),
        ("feeds/all.json", "application/feed+json; charset=utf-8", "public, max-age=300"),
        ("feeds/tag/networking.atom.xml", "application/atom+xml; charset=utf-8",
         "public, max-age=300"),
        ("reminders/every-6-months.ics", "text/calendar; charset=utf-8", "public, max-age=300"),
        ("sitemap.xml", "application/xml; charset=utf-8", "public, max-age=300"),
        ("robots.txt", "text/plain; charset=utf-8", "public, max-age=300"),
        ("favicon.svg", "image/svg+xml", "public, max-age=86400"),
    ],
)  # fmt: skip
def test_every_file_is_stored_with_its_type_and_cache_lifetime(
    bucket, built_site, capsys, key, content_type, cache_control
):
    client, name = bucket
    upload(capsys, built_site)
    obj = stored(client, name, key)
    assert obj["ContentType"] == content_type
    assert obj["CacheControl"] == cache_control
    assert "ContentEncoding" not in obj
    assert obj["Body"].read() == (built_site / key).read_bytes()


@pytest.mark.parametrize(("suffix", "encoding", "decode"), [
    (".gz", "gzip", gzip.decompress), (".br", "br", brotli.decompress),
])  # fmt: skip
def test_precompressed_copies_carry_the_page_type_and_their_encoding(
    bucket, built_site, capsys, suffix, encoding, decode
):
    client, name = bucket
    upload(capsys, built_site)
    for key in ("index.html", "theme/css/main.0a1b2c3d4e.css"):
        copy = stored(client, name, key + suffix)
        original = stored(client, name, key)
        assert copy["ContentEncoding"] == encoding
        assert copy["ContentType"] == original["ContentType"]
        assert copy["CacheControl"] == original["CacheControl"]
        assert decode(copy["Body"].read()) == (built_site / key).read_bytes()


def test_a_second_upload_sends_nothing_and_an_edit_sends_only_that_file(bucket, built_site, capsys):
    first = upload(capsys, built_site)
    assert len(first) == sum(1 for p in built_site.rglob("*") if p.is_file())
    assert upload(capsys, built_site) == []
    page = built_site / "about" / "index.html"
    page.write_text(page.read_text().replace("About", "About us"))
    assert upload(capsys, built_site) == ["about/index.html"]


def test_pages_are_uploaded_after_the_assets_they_name(bucket, built_site, capsys):
    order = upload(capsys, built_site)
    pages = [i for i, key in enumerate(order) if ".html" in key]
    others = [i for i, key in enumerate(order) if ".html" not in key]
    assert max(others) < min(pages)


def test_stale_objects_are_deleted_but_a_fresh_old_stylesheet_is_kept(bucket, built_site, capsys):
    client, name = bucket
    for key in ("old-post/index.html", "feeds/old.atom.xml", "theme/css/main.ffffffffff.css"):
        client.put_object(Bucket=name, Key=key, Body=b"left from an earlier deploy")
    upload(capsys, built_site)
    keys = {o["Key"] for o in client.list_objects_v2(Bucket=name)["Contents"]}
    assert "old-post/index.html" not in keys
    assert "feeds/old.atom.xml" not in keys
    # A page still cached from the last deploy may name it for a while.
    assert "theme/css/main.ffffffffff.css" in keys


def test_a_dry_run_prints_the_plan_and_changes_nothing(bucket, built_site, capsys):
    client, name = bucket
    planned = upload(capsys, built_site, "--dry-run")
    assert "index.html" in planned
    assert client.list_objects_v2(Bucket=name)["KeyCount"] == 0


def test_force_uploads_everything_again(bucket, built_site, capsys):
    first = upload(capsys, built_site)
    assert sorted(upload(capsys, built_site, "--force")) == sorted(first)


def test_without_a_bucket_it_says_what_to_set(monkeypatch, built_site, capsys):
    monkeypatch.delenv("S3_BUCKET", raising=False)
    assert main(["s3-upload", str(built_site)]) == 2
    assert "set S3_BUCKET" in capsys.readouterr().err


def test_an_unbuilt_output_is_refused(bucket, tmp_path, capsys):
    assert main(["s3-upload", str(tmp_path)]) == 2
    assert "run `make publish` first" in capsys.readouterr().err


def test_a_missing_bucket_fails_with_its_name(bucket, built_site, monkeypatch, capsys):
    monkeypatch.setenv("S3_BUCKET", "no-such-bucket")
    assert main(["s3-upload", str(built_site)]) == 1
    assert "no-such-bucket" in capsys.readouterr().err


def test_make_s3_upload_publishes_through_the_environment(bucket, built_site):
    client, name = bucket
    # `-o publish`: upload the fixture output instead of building the real site first.
    result = subprocess.run(
        ["make", "-o", "publish", "s3_upload", f"OUTPUTDIR={built_site}"],
        cwd=ROOT, capture_output=True, text=True, env=os.environ.copy(), check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"{name}: uploaded" in result.stdout
    assert stored(client, name, "feeds/all.json")["ContentType"].startswith("application/feed+json")
