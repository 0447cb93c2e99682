"""The same reply and like arriving twice, through Bridgy and webmention.io and read directly: kept once.

fixtures/direct/bridgy-entries.json holds what Bridgy sends for the
fixture posts (a Bluesky reply named by the author's handle, a like
`#liked_by_<DID>`, a Mastodon reply, a favourite `#favorited-by-<id>`) and
one favourite the direct read does not see, which stays.
"""

import json
from urllib.parse import urlsplit

import pytest

from tests.mentions.conftest import SLUG, Run, syndicate
from tests.mentions.fake_networks import DIRECT

BRIDGED = {"wmio:301", "wmio:302", "wmio:303", "wmio:304"}


def bridgy_entries(fake_mastodon) -> list[dict]:
    text = (DIRECT / "bridgy-entries.json").read_text(encoding="utf-8")
    text = text.replace("{mastodon}", fake_mastodon.base)
    return json.loads(text.replace("{mastodon_host}", urlsplit(fake_mastodon.base).netloc))


@pytest.fixture
def both_ways(posted, fake_api, fake_mastodon):
    fake_api.entries = bridgy_entries(fake_mastodon)
    return posted


def ids(project) -> set[str]:
    return {m["id"] for m in project.read(SLUG)["mentions"]}


def test_each_reaction_that_came_both_ways_is_kept_once_as_read_directly(both_ways, run):
    lines = run()
    stored = ids(both_ways)
    assert not stored & BRIDGED
    assert "wmio:305" in stored  # only Bridgy saw this favourite
    assert "dropped 4 webmention.io copy(ies) of directly read reactions" in lines
    assert len([m for m in stored if m.startswith(("bluesky:", "mastodon:"))]) == 14


def test_the_outcome_does_not_depend_on_which_came_first(
    both_ways, run, new_project, fake_appview, fake_mastodon
):
    run()
    together = both_ways.read(SLUG)
    later = new_project("later")
    syndicate(later, bluesky=fake_appview.post_url, mastodon=fake_mastodon.post_url)
    later.write_settings(bluesky_appview=fake_appview.base, collect_direct=False)
    Run(later)()
    assert ids(later) >= BRIDGED  # stored through webmention.io first
    later.write_settings(bluesky_appview=fake_appview.base)
    Run(later)()
    assert later.read(SLUG) == together


def test_a_bridged_copy_arriving_later_never_comes_back(both_ways, run, fake_api):
    run()
    again = dict(fake_api.entries[1], **{"wm-id": 306})
    fake_api.entries.append(again)
    run()
    assert "wmio:306" not in ids(both_ways)
