"""The Pelican glue, driven with stand-in articles (no site build).

Pelican builds a generator with (context, settings, path, theme, output_path)
and calls generate_context() then generate_output(); so do these tests.
"""

import json
from datetime import datetime
from types import SimpleNamespace

import feedparser
import pytest
from common.urls import MAX_URL_LENGTH
from feeds import plugin as feeds_plugin
from feeds.build import MAX_FEED_BYTES
from feeds.plugin import BUILTIN_FEED_SETTINGS, FeedsGenerator, disable_builtin_feeds
from pelican.log import LimitFilter

from tests.feeds.feedchecks import shown_text
from tests.feeds.samples import mention

SITEURL = "https://example.org"
SETTINGS = {
    "SITEURL": SITEURL,
    "SITENAME": "Reconnect",
    "SITESUBTITLE": "Honest networking",
    "DEFAULT_LANG": "en",
    "TIMEZONE": "America/New_York",
    "FEEDS": {"max_items": 3, "taxonomy_max_items": 2},
}


class FakeArticle:
    """What the glue reads of a Pelican article. Reading `content` of an
    article no feed lists fails the test: that work is what limits save."""

    def __init__(self, slug, day, category, tags=(), *, listed=True, **extra):
        self.source_path = f"/content/{slug}.md"
        self.url = f"{slug}/"
        # Naive, as Pelican leaves dates when TIMEZONE is unset.
        self.date = datetime(2026, 3, day, 9, 0)
        self.title = f"<em>{slug}</em> &amp; more"
        self.authors = [SimpleNamespace(name="Maya Okafor")]
        self.category = category
        self.tags = list(tags)
        self.summary = '<p>See <a href="/about/">about</a>.</p>'
        self.listed = listed
        self.body = '<p><img src="photo.png" alt=""></p>'
        self.content_reads = 0
        self.__dict__.update(extra)

    @property
    def content(self):
        assert self.listed, f"{self.url}: content read although no feed lists it"
        self.content_reads += 1
        return self.body


def _taxonomy(name, kind):
    slug = name.lower().replace(" ", "-")
    return SimpleNamespace(name=name, slug=slug, url=f"{kind}/{slug}/")


NETWORKING = _taxonomy("Networking", "category")
JOBS = _taxonomy("Job Search", "category")
REFERRALS = _taxonomy("referrals", "tag")


def _build(tmp_path, articles, settings=SETTINGS):
    def members(taxonomy, field):
        return [a for a in articles if taxonomy in ([a.category] if field == "c" else a.tags)]

    context = {
        "articles": articles,
        "categories": [(c, members(c, "c")) for c in (NETWORKING, JOBS)],
        "tags": [(REFERRALS, members(REFERRALS, "t"))],
    }
    generator = FeedsGenerator(context, settings, None, None, str(tmp_path))
    generator.generate_context()
    generator.generate_output(writer=None)
    return context


def _ids(path):
    return [entry.id for entry in feedparser.parse(path.read_bytes()).entries]


@pytest.fixture
def articles():
    """Days 1-5 in Networking, day 6 in Job Search; days 1-3 are past every feed's limit."""
    return [
        FakeArticle("one", 1, NETWORKING, listed=False),
        FakeArticle("two", 2, NETWORKING, listed=False),
        FakeArticle("three", 3, NETWORKING, listed=False),
        FakeArticle("four", 4, NETWORKING, [REFERRALS]),
        FakeArticle("five", 5, NETWORKING, [REFERRALS]),
        FakeArticle("six", 6, JOBS, [REFERRALS]),
    ]


def test_initialization_turns_off_all_twelve_builtin_feeds():
    pelican = SimpleNamespace(settings=dict.fromkeys(BUILTIN_FEED_SETTINGS, "feeds/x.xml"))
    disable_builtin_feeds(pelican)
    assert len(BUILTIN_FEED_SETTINGS) == 12
    assert set(pelican.settings.values()) == {None}


def test_templates_get_every_feed_url(tmp_path, articles):
    links = _build(tmp_path, articles)["FEED_LINKS"]
    assert links["all"]["json"] == f"{SITEURL}/feeds/all.json"
    assert set(links["category"]) == {"networking", "job-search"}
    assert links["tag"]["referrals"]["atom"] == f"{SITEURL}/feeds/tag/referrals.atom.xml"


def test_limits_apply_per_feed_newest_first(tmp_path, articles):
    _build(tmp_path, articles)
    feeds = tmp_path / "feeds"
    assert _ids(feeds / "all.rss.xml") == [f"{SITEURL}/{s}/" for s in ("six", "five", "four")]
    assert _ids(feeds / "category/networking.atom.xml") == [
        f"{SITEURL}/five/",
        f"{SITEURL}/four/",
    ]
    assert len(_ids(feeds / "tag/referrals.rss.xml")) == 2
    assert len(json.loads((feeds / "all.json").read_bytes())["items"]) == 3


def test_each_listed_article_is_rendered_once_however_many_feeds_list_it(tmp_path, articles):
    _build(tmp_path, articles)
    assert articles[4].content_reads == 1


def test_entries_are_absolute_plain_titled_and_in_the_site_time_zone(tmp_path, articles):
    _build(tmp_path, articles)
    entry = feedparser.parse((tmp_path / "feeds/all.atom.xml").read_bytes()).entries[0]
    assert entry.title == "six & more"
    assert entry.published == "2026-03-06T09:00:00-05:00"
    assert 'src="https://example.org/six/photo.png"' in entry.content[0].value
    assert 'href="https://example.org/about/"' in entry.summary
    assert [t.term for t in entry.tags] == ["Job Search", "referrals"]


def test_a_moved_article_keeps_its_old_id(tmp_path, articles):
    articles[5].feed_id = "https://example.org/old-six/"
    _build(tmp_path, articles)
    assert _ids(tmp_path / "feeds/all.rss.xml")[0] == "https://example.org/old-six/"


def test_mentions_attached_to_articles_become_the_mentions_feed(tmp_path, articles):
    articles[3].mentions = [mention(7, kind="like", author_name="Ada", text=None)]
    _build(tmp_path, articles)
    parsed = feedparser.parse((tmp_path / "feeds/mentions.rss.xml").read_bytes())
    assert [shown_text(e.title_detail) for e in parsed.entries] == ["Ada liked “four & more”"]


def test_without_mentions_the_mentions_feed_is_empty_but_valid(tmp_path, articles):
    _build(tmp_path, articles)
    for name in ("mentions.rss.xml", "mentions.atom.xml"):
        parsed = feedparser.parse((tmp_path / "feeds" / name).read_bytes())
        assert not parsed.bozo and parsed.entries == []


def test_a_development_build_uses_the_local_base(tmp_path, articles):
    links = _build(tmp_path, articles, {**SETTINGS, "SITEURL": ""})["FEED_LINKS"]
    assert links["all"]["rss"] == "http://127.0.0.1:8000/feeds/all.rss.xml"
    assert _ids(tmp_path / "feeds/all.rss.xml")[0] == "http://127.0.0.1:8000/six/"


def test_an_article_without_author_stops_the_build_naming_its_file(tmp_path, articles):
    articles[4].authors = []
    with pytest.raises(ValueError, match=r"/content/five\.md: .*no author"):
        _build(tmp_path, articles)


def test_a_bad_setting_stops_the_build_naming_the_key(tmp_path, articles):
    with pytest.raises(ValueError, match="max_items"):
        _build(tmp_path, articles, {**SETTINGS, "FEEDS": {"max_items": 0}})


def test_a_feed_is_dated_by_its_own_entries_not_by_an_older_article_edited_later(
    tmp_path, articles
):
    articles[0].modified = datetime(2026, 4, 1, 9, 0)
    _build(tmp_path, articles)
    parsed = feedparser.parse((tmp_path / "feeds/all.atom.xml").read_bytes())
    assert parsed.feed.updated == "2026-03-06T09:00:00-05:00"


def _mentions(count, *, text, name="Ada", source="https://social.example/like/{n}"):
    return [
        mention(n, text=text, author_name=name, source_url=source.format(n=n)) for n in range(count)
    ]


def _sizes(tmp_path):
    return {name: (tmp_path / "feeds" / name).stat().st_size for name in MENTION_FEEDS}


MENTION_FEEDS = ("mentions.rss.xml", "mentions.atom.xml")


def test_34_mentions_of_2000_ampersands_keep_the_build_and_every_entry(tmp_path, articles):
    articles[3].mentions = _mentions(34, text="&" * 2000)
    _build(tmp_path, articles)
    for name, size in _sizes(tmp_path).items():
        assert size < 300_000, name
        assert len(_ids(tmp_path / "feeds" / name)) == 34


def test_the_largest_mentions_the_store_accepts_never_push_the_feed_over_the_limit(
    tmp_path, articles, caplog
):
    """Names, texts and URLs at their caps, all `&` (5 bytes each once escaped),
    and the owner raising mentions_max_items far above the default."""
    url = "https://social.example/{n}?" + "&" * (MAX_URL_LENGTH - 40)
    articles[3].mentions = _mentions(500, text="&" * 2000, name="&" * 100, source=url)
    settings = {**SETTINGS, "FEEDS": {**SETTINGS["FEEDS"], "mentions_max_items": 500}}
    _build(tmp_path, articles, settings)
    for name, size in _sizes(tmp_path).items():
        assert size < MAX_FEED_BYTES, name
        ids = _ids(tmp_path / "feeds" / name)
        # The newest are kept, the oldest left out.
        assert 10 < len(ids) < 500
        assert ids[0] == f"{SITEURL}/four/#mention-wmio%3A499"
    assert "feeds/mentions: only the newest" in caplog.text


class LongArticle(FakeArticle):
    content = "<p>" + "x" * 400_000 + "</p>"


def test_our_own_content_over_the_limit_names_the_setting_of_that_feed(tmp_path):
    articles = [LongArticle(f"a{day}", day, NETWORKING) for day in range(1, 5)]
    with pytest.raises(ValueError, match=r"feeds/all\.rss\.xml .* FEEDS\['max_items'\]"):
        _build(tmp_path, articles)
    settings = {**SETTINGS, "FEEDS": {"max_items": 1, "taxonomy_max_items": 3}}
    with pytest.raises(ValueError, match=r"feeds/category/.* FEEDS\['taxonomy_max_items'\]"):
        _build(tmp_path, articles, settings)


def _cached(tmp_path):
    """SETTINGS with Pelican's content cache on, kept in `tmp_path`/cache."""
    return {**SETTINGS, "CACHE_CONTENT": True, "LOAD_CONTENT_CACHE": True,
            "CACHE_PATH": str(tmp_path / "cache")}  # fmt: skip


def _contents(path):
    return [entry.content[0].value for entry in feedparser.parse(path.read_bytes()).entries]


@pytest.fixture
def serialized(monkeypatch):
    """The feed files each build serializes, by URL, in the order written."""
    urls = []

    def spy(serialize):
        def counted(info, entries):
            urls.append(info.feed_url)
            return serialize(info, entries)

        return counted

    spies = {fmt: spy(serialize) for fmt, serialize in feeds_plugin.SERIALIZERS.items()}
    monkeypatch.setattr(feeds_plugin, "SERIALIZERS", spies)
    return urls


def test_a_warm_build_with_nothing_changed_serializes_no_feed(tmp_path, articles, serialized):
    out = tmp_path / "out"
    _build(out, articles, _cached(tmp_path))
    first = {p: p.read_bytes() for p in out.rglob("*.xml")}
    assert serialized
    serialized.clear()
    _build(out, articles, _cached(tmp_path))
    assert serialized == []
    assert {p: p.read_bytes() for p in out.rglob("*.xml")} == first


def test_a_cached_entry_is_never_reused_once_its_article_changed(tmp_path, articles):
    """Article six is in the site feed, its category's and its tag's."""
    out, clean = tmp_path / "out", tmp_path / "clean"
    _build(out, articles, _cached(tmp_path))
    articles[5].body = "<p>The edited text.</p>"
    articles[5].title = "six, renamed"
    _build(out, articles, _cached(tmp_path))
    for name in ("all.atom.xml", "category/job-search.rss.xml", "tag/referrals.atom.xml"):
        assert _contents(out / "feeds" / name)[0] == "<p>The edited text.</p>", name
        assert feedparser.parse((out / "feeds" / name).read_bytes()).entries[0].title == (
            "six, renamed"
        )
    _build(clean, articles)
    assert [p.read_bytes() for p in sorted(out.rglob("*.*"))] == [
        p.read_bytes() for p in sorted(clean.rglob("*.*"))
    ]


def test_a_feed_file_changed_by_hand_is_written_again(tmp_path, articles, serialized):
    out = tmp_path / "out"
    _build(out, articles, _cached(tmp_path))
    feed = out / "feeds" / "all.json"
    right = feed.read_bytes()
    feed.write_bytes(b"{}")
    (out / "feeds" / "all.rss.xml").unlink()
    serialized.clear()
    _build(out, articles, _cached(tmp_path))
    assert feed.read_bytes() == right
    assert sorted(serialized) == [
        f"{SITEURL}/feeds/{n}" for n in ("all.atom.xml", "all.json", "all.rss.xml")
    ]


def test_a_warm_build_warns_again_of_mentions_left_out(
    tmp_path, articles, caplog, serialized, monkeypatch
):
    articles[3].mentions = _mentions(
        500, text="&" * 2000, name="Ada", source="https://social.example/{n}"
    )
    settings = {**_cached(tmp_path), "FEEDS": {**SETTINGS["FEEDS"], "mentions_max_items": 500}}
    _build(tmp_path / "out", articles, settings)
    assert "feeds/mentions: only the newest" in caplog.text
    # Pelican logs a message once per process; each real build is a process of its own.
    monkeypatch.setattr(LimitFilter, "_raised_messages", set())
    caplog.clear()
    serialized.clear()
    _build(tmp_path / "out", articles, settings)
    assert serialized == []
    assert "feeds/mentions: only the newest" in caplog.text
