"""Negative controls: each feed check fails on a feed broken for it, and only there.

`fixtures/site/` is a tiny built site whose `feeds/all.*` pass every check;
`fixtures/broken/<check>.<what>.<ext>` are copies broken in one way each.
The same checks then run on the real feeds in tests/site/test_feeds.py.
"""

from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from tests.feeds.feedchecks import JSON_CHECKS, MAX_BYTES, XML_CHECKS, FeedFile, check_size

FIXTURES = Path(__file__).parent / "fixtures"
SITE = FIXTURES / "site"
BROKEN = sorted((FIXTURES / "broken").iterdir())
SITEURL = "https://example.org"
ZONE = ZoneInfo("America/New_York")


def _feed_file(data: bytes, suffix: str) -> FeedFile:
    return FeedFile(
        data=data,
        public_url=f"{SITEURL}/feeds/all{suffix}",
        home_url=f"{SITEURL}/",
        siteurl=SITEURL,
        output=SITE,
        zone=ZONE,
    )


def _suffix(path: Path) -> str:
    return ".json" if path.name.endswith(".json") else "." + ".".join(path.name.split(".")[-2:])


def _checks_for(path: Path) -> dict:
    return JSON_CHECKS if path.suffix == ".json" else XML_CHECKS


@pytest.mark.parametrize("good", sorted((SITE / "feeds").iterdir()), ids=lambda p: p.name)
def test_the_good_sample_feeds_pass_every_check(good):
    feed = _feed_file(good.read_bytes(), _suffix(good))
    for check in _checks_for(good).values():
        check(feed)


@pytest.mark.parametrize("broken", BROKEN, ids=lambda p: p.name)
def test_the_check_a_broken_feed_targets_fails_on_it(broken):
    check = _checks_for(broken)[broken.name.split(".")[0]]
    with pytest.raises(AssertionError):
        check(_feed_file(broken.read_bytes(), _suffix(broken)))


@pytest.mark.parametrize(
    ("kind", "checks"), [("xml", XML_CHECKS), ("json", JSON_CHECKS)], ids=["xml", "json"]
)
def test_every_check_has_a_broken_fixture(kind, checks):
    """Size aside (a 1 MB fixture would be noise), no check goes unproven."""
    covered = {
        path.name.split(".")[0] for path in BROKEN if (path.suffix == ".json") == (kind == "json")
    }
    assert set(checks) - {"size"} <= covered


def test_the_size_check_fails_on_a_feed_of_a_megabyte():
    good = (SITE / "feeds" / "all.atom.xml").read_bytes()
    padded = good.replace(b"</feed>", b"<!--" + b"x" * MAX_BYTES + b"--></feed>")
    with pytest.raises(AssertionError):
        check_size(_feed_file(padded, ".atom.xml"))
