"""The store on disk: deterministic files, atomic writes, and errors that name file and field."""

import json
import shutil
from collections import Counter
from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from mentions import store
from mentions.moderation import parse_moderation
from mentions.settings import DEFAULTS, load_settings
from mentions.targets import TargetResolver

SITE_STORE = Path(__file__).parent / "fixtures" / "site-store"
LAYOFF = SITE_STORE / "networking-after-a-layoff.json"


@pytest.fixture
def directory(tmp_path) -> Path:
    shutil.copytree(SITE_STORE, tmp_path / "mentions")
    return tmp_path / "mentions"


def test_a_stored_file_reads_back_to_the_same_bytes():
    mentions = store.load_article(LAYOFF)
    assert store.article_text(mentions) == LAYOFF.read_text(encoding="utf-8")


def test_files_have_sorted_keys_two_space_indent_and_a_trailing_newline():
    text = store.article_text(store.load_article(LAYOFF))
    assert text.endswith("}\n") and not text.endswith("\n\n")
    assert text.splitlines()[1] == '  "mentions": ['
    first = json.loads(text)["mentions"][0]
    assert list(first) == sorted(first)


def test_entries_are_sorted_by_date_then_id_whatever_the_input_order():
    mentions = store.load_article(LAYOFF)
    assert store.article_text(reversed(mentions)) == store.article_text(mentions)
    dates = [(m.published, m.id) for m in store.sort_mentions(reversed(mentions))]
    assert dates == sorted(dates)


def test_prepared_bytes_are_the_file_text_and_none_means_remove():
    mentions = store.load_article(LAYOFF)
    assert store.article_bytes(mentions) == LAYOFF.read_bytes()
    assert store.article_bytes([]) is None


@pytest.mark.parametrize(
    ("edit", "reason"),
    [
        # Stored as "999-06-01T00:00:00Z", which no command could read again.
        ({"published": datetime(999, 6, 1, tzinfo=UTC)}, "published"),
        ({"text": "lone \ud800 surrogate"}, "lone surrogate"),
        # No UTC date exists for it: the message says so, in the model's words or ours.
        (
            {"published": datetime(1, 1, 1, tzinfo=timezone(timedelta(hours=5)))},
            r"out of range|years 1\.\.9999",
        ),
    ],
)
def test_a_mention_that_would_not_read_back_is_refused_before_it_is_stored(edit, reason):
    mention = replace(store.load_article(LAYOFF)[0], **edit)
    with pytest.raises(ValueError, match=reason):
        store.check_storable(mention, "entry")


def test_underscore_files_are_not_articles(directory):
    (directory / "_outbox.json").write_text("{}")
    (directory / "_state.json").write_text('{"since_id": 3}')
    assert sorted(store.article_paths(directory)) == [
        "an-article-that-does-not-exist",
        "networking-after-a-layoff",
        "networking-after-redundancy",
        "weak-ties-and-where-jobs-come-from",
    ]
    assert store.load_since_id(directory) == 3


def _broken(directory: Path, edit) -> Path:
    path = directory / "networking-after-a-layoff.json"
    data = json.loads(path.read_text())
    edit(data)
    path.write_text(json.dumps(data))
    return path


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda d: d["mentions"][2].update(kind="follow"), r"mentions\[2\]\.kind: 'follow' is not"),
        (
            lambda d: d["mentions"][0].update(author_avatar="../../x.png"),
            r"mentions\[0\]\.author_avatar",
        ),
        (lambda d: d["mentions"][1].update(published="soon"), r"mentions\[1\]\.published"),
        (lambda d: d["mentions"][1].pop("network"), r"mentions\[1\]\.network: missing"),
        (lambda d: d["mentions"][1].update(extra=1), r"mentions\[1\]: unknown field\(s\): extra"),
        (lambda d: d["mentions"].append(d["mentions"][0]), r"duplicate id"),
        (lambda d: d.update(schema=2), r"schema 2 is not 1"),
    ],
)
def test_an_invalid_file_is_refused_naming_the_file_and_field(directory, edit, message):
    path = _broken(directory, edit)
    with pytest.raises(store.StoreError, match=rf"^{path}: .*{message}"):
        store.load_article(path)


def test_invalid_json_is_reported_with_its_line(directory):
    path = directory / "networking-after-a-layoff.json"
    path.write_text('{\n  "mentions": [\n')
    with pytest.raises(store.StoreError, match=rf"^{path}: invalid JSON at line 3"):
        store.load_article(path)


def test_diff_counts_added_updated_and_removed_per_article():
    mentions = store.load_article(LAYOFF)
    edited = [replace(mentions[0], text="edited"), *mentions[2:]]
    changes = store.diff({"a": mentions}, {"a": edited, "b": mentions[:1]})
    assert changes["a"] == Counter(updated=1, removed=1)
    assert changes["b"] == Counter(added=1)


# --- targets and aliases -----------------------------------------------------


@pytest.fixture
def resolver() -> TargetResolver:
    aliases = {
        "https://reconnect.example/2026/01/old-name.html": "reconnect-without-the-awkwardness",
        "https://old-blog.example/posts/42": "networking-is-a-two-way-street",
    }
    return TargetResolver("https://reconnect.example", "{slug}/", aliases)


@pytest.mark.parametrize(
    "url",
    [
        "https://reconnect.example/reconnect-without-the-awkwardness/",
        "http://reconnect.example/reconnect-without-the-awkwardness/",
        "https://www.reconnect.example/reconnect-without-the-awkwardness",
        "https://reconnect.example/reconnect-without-the-awkwardness/index.html",
        "https://reconnect.example/reconnect-without-the-awkwardness/?utm_source=x#mentions",
        "http://reconnect.example/2026/01/old-name.html",
        "/reconnect-without-the-awkwardness/",
    ],
)
def test_variants_and_aliases_of_an_article_url_find_its_slug(resolver, url):
    assert resolver.slug_for(url) == "reconnect-without-the-awkwardness"


def test_an_alias_on_another_host_finds_its_slug(resolver):
    assert (
        resolver.slug_for("http://old-blog.example/posts/42/") == "networking-is-a-two-way-street"
    )


@pytest.mark.parametrize(
    "url",
    [
        "https://elsewhere.example/reconnect-without-the-awkwardness/",
        "https://reconnect.example/",
        "https://reconnect.example/category/networking/",
    ],
)
def test_urls_that_are_not_our_articles_have_no_slug(resolver, url):
    assert resolver.slug_for(url) is None


def test_a_file_named_for_an_old_slug_follows_an_alias_of_its_url():
    resolver = TargetResolver("", "{slug}/", {"/old-slug/": "new-slug"})
    assert resolver.follow("old-slug") == "new-slug"
    assert resolver.follow("other") == "other"


def test_an_article_url_pattern_with_dates_still_finds_the_slug():
    resolver = TargetResolver("https://r.example", "{date:%Y}/{date:%m}/{slug}.html", {})
    assert resolver.slug_for("https://r.example/2026/01/reconnect.html") == "reconnect"
    assert resolver.slug_for("https://r.example/reconnect.html") is None


# --- moderation -------------------------------------------------------------------


def test_moderation_blocks_domains_with_subdomains_sources_and_authors():
    layoff = {m.id: m for m in store.load_article(LAYOFF)}
    moderation = parse_moderation(
        {
            "block_domains": ["twitter.com"],
            "block_sources": ["https://kj.example.org/replies/1/"],
            "block_authors": ["https://MASTODON.example/@annie"],
            "hide_ids": ["wmio:501"],
        },
        "moderation",
    )
    blocked = {i for i, m in layoff.items() if moderation.blocks(m)}
    assert blocked == {
        "import:1001", "import:1002", "import:1003",
        "import:1004", "manual:reply-1", "wmio:500",
    }  # fmt: skip
    assert not moderation.shows(layoff["wmio:501"])
    assert moderation.shows(layoff["wmio:502"])


def test_a_moderation_file_with_an_unknown_key_is_refused():
    with pytest.raises(ValueError, match=r"^_moderation.json: unknown key\(s\): block_domain$"):
        parse_moderation({"block_domain": ["x.example"]}, "_moderation.json")


def test_a_missing_moderation_file_blocks_nothing(tmp_path):
    layoff = store.load_article(LAYOFF)
    assert all(store.load_moderation(tmp_path).shows(m) for m in layoff)


# --- settings -------------------------------------------------------------------------


def test_settings_default_to_documented_values():
    settings = load_settings(None)
    assert settings.path == DEFAULTS["path"] == "mentions"
    assert (settings.max_names, settings.quote_length, settings.fold_after) == (5, 280, 8)
    assert (settings.replies_shown, settings.replies_max) == (10, 30)
    assert (settings.excerpts_shown, settings.excerpts_max, settings.networks_max) == (5, 20, 6)
    assert settings.avatar_allow_private_hosts is False


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ({"fold_afer": 3}, r": unknown key\(s\): fold_afer"),
        ({"fold_after": "8"}, r"\['fold_after'\] must be an integer >= 1, got '8'"),
        ({"fold_after": 0}, r"\['fold_after'\] must be an integer >= 1, got 0"),
        ({"max_names": True}, r"\['max_names'\] must be an integer >= 1, got True"),
        ({"api_url": "ftp://webmention.io/api"}, r"\['api_url'\] must be an http\(s\) URL"),
        ({"path": ""}, r"\['path'\] must be a non-empty string"),
        ({"replies_shown": 40}, r"\['replies_max'\] must be at least MENTIONS\['replies_shown'\]"),
    ],
)
def test_a_bad_setting_is_refused_naming_the_key(raw, message):
    with pytest.raises(ValueError, match=rf"^MENTIONS{message}"):
        load_settings(raw)


# --- import ids without the network (migration of stores written before) -------------

DEMO_STORE = Path(__file__).parents[2] / "content" / "mentions"
MIGRATION = Path(__file__).parent / "fixtures" / "migration"


def without_network(identifier: str) -> str:
    """An old import id as its current form: `import:twitter:123` -> `import:123`."""
    origin, *_, key = identifier.split(":")
    return f"{origin}:{key}"


def test_the_demo_store_reads_with_current_ids_and_persists_them(tmp_path):
    shutil.copytree(DEMO_STORE, tmp_path / "mentions")
    directory = tmp_path / "mentions"
    raw = {
        slug: json.loads(path.read_text(encoding="utf-8"))["mentions"]
        for slug, path in store.article_paths(directory).items()
    }
    loaded = store.load_all(directory)
    for slug, records in raw.items():
        # Nothing is lost or merged, and only import ids change: to the old key without the network.
        expected = {
            without_network(r["id"]) if r["origin"] == "import" else r["id"]: r for r in records
        }
        assert len(expected) == len(records) == len(loaded[slug])
        for mention in loaded[slug]:
            assert {**store.to_record(mention), "id": None} == {**expected[mention.id], "id": None}
    imports = {m.id for m in loaded["reconnect-without-the-awkwardness"] if m.origin == "import"}
    assert imports == {f"import:1879000000000000{n}" for n in (101, 177, 230, 311, 402, 518, 666)}
    # What a command writes holds the new ids, and reads back unchanged.
    for slug, mentions in loaded.items():
        (directory / f"{slug}.json").write_bytes(store.article_bytes(mentions))
    assert store.load_all(directory) == loaded
    assert ":twitter:" not in (directory / "reconnect-without-the-awkwardness.json").read_text()


def test_two_old_ids_of_one_post_become_one_record_whatever_their_order(tmp_path):
    data = json.loads((MIGRATION / "duplicate-pair.json").read_text(encoding="utf-8"))
    results = []
    for order in (data["mentions"], data["mentions"][::-1]):
        path = tmp_path / "article.json"
        path.write_text(json.dumps({"schema": 1, "mentions": order}), encoding="utf-8")
        results.append(store.article_text(store.load_article(path)))
    assert results[0] == results[1]
    mentions = {m.id: m for m in store.load_article(MIGRATION / "duplicate-pair.json")}
    assert sorted(mentions) == [
        "import:1879000000000000999", "import:a9e7f4d557a0e1ae", "manual:alumni-newsletter",
    ]  # fmt: skip
    # The LinkedIn copy, written once LinkedIn was recognised, is the one kept.
    dana = mentions["import:a9e7f4d557a0e1ae"]
    assert (dana.network, dana.author_url) == (
        "linkedin",
        "https://www.linkedin.com/in/dana-okafor",
    )


def test_a_literal_duplicate_id_is_still_an_error(tmp_path):
    data = json.loads((MIGRATION / "duplicate-pair.json").read_text(encoding="utf-8"))
    path = tmp_path / "article.json"
    data["mentions"].append(data["mentions"][0])
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(store.StoreError, match=r"mentions\[4\]\.id: duplicate id"):
        store.load_article(path)
