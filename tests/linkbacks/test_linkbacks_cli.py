"""`python -m linkbacks send`: Pelican glue on a small fixture site, and the demo dry run."""

import shutil
from pathlib import Path
from urllib.parse import parse_qs

import pytest
from linkbacks.cli import main
from linkbacks.links import is_external

from tests.safe_http.loopback_server import Reply

FIXTURES = Path(__file__).parent / "fixtures"
ROOT = Path(__file__).resolve().parents[2]
SITEURL = "https://reconnect.example"
TRACKBACK_OK = b"<?xml version='1.0'?><response><error>0</error></response>"


@pytest.fixture
def small_site(tmp_path, server):
    """The fixture site with its links pointing at `server`, and its article page 'built'."""
    site = tmp_path / "site"
    shutil.copytree(FIXTURES / "site", site)
    for source in (site / "content" / "articles").glob("*.md"):
        source.write_text(source.read_text().replace("{base}", server.base))
    page = site / "output" / "keep-in-touch-on-a-schedule" / "index.html"
    page.parent.mkdir(parents=True)
    html = (FIXTURES / "articles" / "first.html").read_text().replace("{base}", server.base)
    page.write_text(html)
    for name in ("a", "b", "c"):
        server.routes[f"/post-{name}"] = Reply(headers=(("Link", f"</wm-{name}>; rel=webmention"),))
    server.routes["/tb/1"] = Reply(body=TRACKBACK_OK, content_type="text/xml")
    return site


def send(site: Path, *extra: str) -> int:
    return main(
        ["--settings", str(site / "linkbacksconf.py"), "send", "--siteurl", SITEURL, *extra]
    )


def test_send_notifies_links_and_the_trackback_named_in_the_metadata(small_site, server):
    assert send(small_site) == 0

    posts = {p.path: parse_qs(p.body.decode()) for p in server.posts()}
    source = f"{SITEURL}/keep-in-touch-on-a-schedule/"
    assert set(posts) == {"/wm-a", "/wm-b", "/tb/1"}  # the draft's /post-c is not published
    assert posts["/wm-a"]["source"] == [source]
    assert posts["/tb/1"] == {
        "url": [source],
        "title": ["Keep in Touch on a Schedule"],
        "excerpt": ["A calendar beats good intentions: small, regular notes keep ties warm."],
        "blog_name": ["Reconnect"],
    }
    assert (small_site / "state" / "outbox.json").is_file()


def test_send_twice_makes_no_request_the_second_time(small_site, server):
    assert send(small_site) == 0
    server.requests.clear()
    assert send(small_site) == 0
    assert server.requests == []


def test_a_hostile_target_is_one_failed_line_and_exit_status_0(small_site, server, capsys):
    """No traceback, the other targets are notified, and the next run has nothing to do."""
    server.routes["/post-a"] = Reply(headers=(("Link", "<http://[oops\x1b[2J>; rel=webmention"),))
    assert send(small_site) == 0
    out, err = capsys.readouterr()
    assert f"{server.url('/post-a')} -> - (none) failed: " in out
    assert "\x1b" not in out + err and "Traceback" not in err
    assert {p.path for p in server.posts()} == {"/wm-b", "/tb/1"}
    server.requests.clear()
    assert send(small_site) == 0
    assert server.requests == []


def test_dry_run_prints_targets_and_writes_nothing(small_site, server, capsys):
    assert send(small_site, "--dry-run") == 0
    assert capsys.readouterr().out.splitlines() == [
        f"{server.url('/post-a')} -> {server.url('/wm-a')} (webmention)",
        f"{server.url('/post-b')} -> {server.url('/wm-b')} (webmention)",
        f"{server.url('/tb/1')} -> {server.url('/tb/1')} (trackback)",
    ]
    assert server.posts() == []
    assert not (small_site / "state").exists()


def test_an_unbuilt_site_is_an_error_that_says_what_to_do(small_site, server, capsys):
    shutil.rmtree(small_site / "output")
    assert send(small_site) == 2
    assert "make publish" in capsys.readouterr().err
    assert server.requests == []


def test_a_relative_siteurl_is_refused(small_site, capsys):
    assert main(["--settings", str(small_site / "linkbacksconf.py"), "send"]) == 2
    assert "SITEURL" in capsys.readouterr().err


def test_a_bad_setting_is_named(small_site, capsys):
    conf = small_site / "linkbacksconf.py"
    conf.write_text(conf.read_text() + 'LINKBACKS["timeout"] = "soon"\n')
    assert send(small_site) == 2
    assert "LINKBACKS['timeout']" in capsys.readouterr().err


def test_dry_run_on_the_demo_site(site, capsys):
    """The real site: one line per external link in an article body, none to our own site.

    Name resolution is stubbed to fail (no test may reach outside), so every
    target shows `(none)`; the point is which targets are listed.
    """
    outbox = ROOT / "content" / "mentions" / "_outbox.json"
    before = outbox.read_bytes() if outbox.exists() else None

    status = main(["send", "--dry-run", "--output", str(site.output), "--siteurl", site.siteurl])

    assert status == 0
    expected = []
    for page in sorted(site.output.glob("*/index.html")):
        soup = site.soup(f"/{page.parent.name}/")
        if not soup.select_one('meta[property="og:type"][content="article"]'):
            continue
        links = [
            a["href"]
            for a in soup.select(".h-entry .e-content a[href]")
            if not a.find_parent(["code", "pre"]) and is_external(a["href"], site.siteurl)
        ]
        expected += [f"{href} -> - (none)" for href in dict.fromkeys(links)]
    out = capsys.readouterr().out.splitlines()
    assert expected, "the demo articles link to outside posts"
    assert sorted(out) == sorted(expected)
    assert (outbox.read_bytes() if outbox.exists() else None) == before
