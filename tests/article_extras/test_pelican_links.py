"""The Pelican internals article_extras reads, checked so that an upgrade fails here, loudly.

`plugin._countable_html` counts words in `Content._content` when resolving
its links cannot change them; that rests on `content` being `_content` with
only the matches of `_get_intrasite_link_regex()` rewritten. When one of
these fails after an upgrade, re-read Pelican's `get_content` and
`_update_content`, adapt the plugin, then update CHECKED_VERSION.
"""

from datetime import datetime
from importlib.metadata import version

from pelican.contents import Article
from pelican.settings import DEFAULT_CONFIG

CHECKED_VERSION = "4.12.0"
SITEURL = "https://reconnect.example"


def _article(context, name, body):
    settings = {**DEFAULT_CONFIG, "PATH": "/site/content", "SITEURL": SITEURL}
    metadata = {"title": name, "date": datetime(2026, 3, 1)}
    article = Article(body, metadata, settings, f"/site/content/{name}.md", context)
    context["generated_content"][f"{name}.md"] = article
    return article


def test_pelican_is_the_version_these_checks_were_written_for():
    assert version("pelican") == CHECKED_VERSION, (
        "Pelican changed: re-check what article_extras/plugin.py reads of it, "
        "then update CHECKED_VERSION"
    )


def test_content_is_the_body_as_read_with_only_link_attributes_rewritten():
    context = {"generated_content": {}, "static_content": {}, "localsiteurl": SITEURL}
    _article(context, "one", "<p>target</p>")
    body = (
        '<p>See <a href="{filename}one.md#top">this</a>, not {filename}one.md '
        'or <b title="{filename}one.md">that</b>.</p>'
    )
    article = _article(context, "two", body)
    assert not hasattr(article, "_get_content")
    assert article._content == body
    matches = list(article._get_intrasite_link_regex().finditer(body))
    assert [(m["what"], m["path"]) for m in matches] == [("filename", "{filename}one.md#top")]
    assert article.content == body.replace("{filename}one.md#top", f"{SITEURL}/one.html#top")
