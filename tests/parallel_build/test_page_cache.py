"""A page's key changes exactly when something it was rendered from changes."""

import threading
from functools import partial

from parallel_build import page_cache

SETTINGS = {"SITENAME": "Reconnect"}


class Doc:
    """Stands for a Pelican content object: metadata, a body, references to settings and site."""

    def __init__(self, source: str, title: str, body: str, context: dict):
        self.source_path, self.title, self._content = source, title, body
        self.settings, self._context = SETTINGS, context


def site(titles=("One", "Two"), bodies=("First body.", "Second body."), order=(0, 1)) -> dict:
    context = {**SETTINGS, "generated_content": {}}
    docs = [Doc(f"/c/{n}.md", titles[n], bodies[n], context) for n in range(len(titles))]
    context["articles"] = docs
    for n in order:
        context["generated_content"][f"{n}.md"] = docs[n]
    return context


class Draft(Doc):
    """A subclass, as Pelican's Article and Page are of Content."""


def key(
    context: dict, page: int, reads: list[int], helpers: tuple = (), named: dict | None = None
) -> bytes | None:
    snapshot = page_cache.Snapshot(
        context=dict(context),
        left_out={Doc: frozenset({"_content", "settings", "_context"})},
        content_type=Doc,
        body=lambda doc: doc._content,
        code=b"templates and code",
        helpers=helpers,
    )
    named = {"article": context["articles"][page], **(named or {})}
    inputs = snapshot.inputs(dict(context), (f"p{page}.html",), named)
    return snapshot.key(inputs, [f"/c/{n}.md" for n in reads])


def test_equal_sites_built_apart_give_equal_keys():
    assert key(site(), 0, [0]) == key(site(), 0, [0]) is not None


def test_a_body_changes_the_key_of_the_pages_that_read_it_only():
    edited = site(bodies=("First body, edited.", "Second body."))
    assert key(edited, 0, [0]) != key(site(), 0, [0])
    assert key(edited, 1, [1]) == key(site(), 1, [1])


def test_metadata_changes_every_key():
    retitled = site(titles=("One", "Two, retitled"))
    assert key(retitled, 0, [0]) != key(site(), 0, [0])


def test_the_order_pelican_read_the_files_in_does_not_matter():
    assert key(site(order=(1, 0)), 0, [0]) == key(site(), 0, [0])


def test_a_page_in_another_context_or_an_unknown_source_has_no_key():
    context = site()
    snapshot = page_cache.Snapshot(dict(context), {Doc: frozenset()}, Doc, lambda d: "", b"")
    assert snapshot.inputs({**context, "extra": 1}, ("p.html",)) is None
    assert snapshot.key(snapshot.inputs(dict(context), ("p.html",)), ["/c/9.md"]) is None


def test_a_site_that_cannot_be_digested_has_no_keys():
    context = {**site(), "lock": threading.Lock()}
    assert key(context, 0, [0]) is None


def test_an_entry_is_intact_until_its_file_changes(tmp_path):
    page = tmp_path / "index.html"
    page.write_bytes(b"<p>page</p>")
    entry = page_cache.entry(b"key", ["/c/0.md"], [str(page)])
    assert entry.intact()
    page.write_bytes(b"<p>other</p>")
    assert not entry.intact()
    page.unlink()
    assert not entry.intact()


def test_thousands_of_linked_articles_are_digested():
    # Older and newer links chain every article to the next: not one deep pickle.
    context = site(titles=("One",) * 3000, bodies=("Body.",) * 3000, order=())
    for newer, older in zip(context["articles"], context["articles"][1:], strict=False):
        newer.older_article, older.newer_article = older, newer
    assert key(context, 0, [0]) is not None


def test_an_article_only_another_one_refers_to_is_digested_too():
    def linked(title: str) -> dict:
        context = site()
        context["articles"][0].related = [Doc("/c/hidden.md", title, "Body.", context)]
        return context

    assert key(linked("Hidden"), 0, [0]) == key(linked("Hidden"), 0, [0])
    assert key(linked("Hidden"), 0, [0]) != key(linked("Hidden, retitled"), 0, [0])


def test_what_a_template_filter_holds_is_in_every_key():
    def fingerprinted(digest: str) -> tuple:
        return (("theme_asset", partial(str.format, "main.{}.css", digest)),)

    first = key(site(), 0, [0], fingerprinted("1a2b"))
    assert first == key(site(), 0, [0], fingerprinted("1a2b"))
    assert first != key(site(), 0, [0], fingerprinted("3c4d"))


def test_a_list_of_articles_among_the_arguments_is_digested_with_its_order_and_members():
    context = site(titles=("One", "Two", "Three"), bodies=("1.", "2.", "3."), order=())
    first, second, third = context["articles"]
    listed = key(context, 0, [], named={"articles": [first, second]})
    assert listed == key(context, 0, [], named={"articles": [first, second]}) is not None
    assert listed != key(context, 0, [], named={"articles": [second, first]})
    assert listed != key(context, 0, [], named={"articles": [first, third]})
    assert listed != key(context, 0, [], named={"articles": [first, second, third]})


def test_a_retitled_article_changes_the_key_of_a_page_that_lists_or_relates_it():
    def relating(title: str) -> dict:
        context = site(titles=("One", title))
        context["articles"][0].related = [context["articles"][1]]
        return context

    assert key(relating("Two"), 0, [0]) != key(relating("Two, retitled"), 0, [0])
    listing = [
        key(c, 0, [], named={"articles": c["articles"]}) for c in (site(), site(("One", "2")))
    ]
    assert listing[0] != listing[1]


def test_a_listed_article_the_site_does_not_hold_is_digested_whole():
    def listing(title: str) -> bytes | None:
        context = site()
        stray = Doc("/c/stray.md", title, "Body.", context)
        return key(context, 0, [], named={"articles": [context["articles"][1], stray]})

    assert listing("Stray") == listing("Stray")
    assert listing("Stray") != listing("Stray, retitled")


def test_a_subclass_is_digested_without_its_body_too():
    def drafted(body: str) -> bytes | None:
        context = site()
        context["drafts"] = [Draft("/c/draft.md", "Draft", body, context)]
        return key(context, 0, [0])

    assert drafted("A draft.") == drafted("A draft, edited.") is not None
