"""Feed entries for the mentions feed: one per social mention of an article.

The seam with the mentions plugin is duck-typed: each article carries
`article.mentions`, a list of objects with `id`, `kind`, `source_url`,
`author_name` (may be None), `published` (aware datetime) and `text` (may be
None). Everything they hold comes from outside, so it is escaped here and a
source URL is linked only when it is http(s).
"""

from datetime import tzinfo
from html import escape
from urllib.parse import quote

from common.urls import is_http_url

from .model import FeedEntry, in_zone

_VERBS = {
    "reply": "replied to",
    "like": "liked",
    "repost": "reposted",
    "bookmark": "bookmarked",
    "mention": "mentioned",
}


def mention_entry(mention, article_url: str, article_title: str, zone: tzinfo) -> FeedEntry:
    """The entry for one mention of the article at `article_url`.

    Its id is a URL on our site built from the mention's stable id, so it
    never collides with an article id and survives rebuilds.
    """
    name = mention.author_name or "Someone"
    verb = _VERBS.get(mention.kind, "mentioned")
    article_link = f'<a href="{escape(article_url)}">{escape(article_title, quote=False)}</a>'
    sentence = f"{escape(name, quote=False)} {verb} {article_link}."
    source = mention.source_url if is_http_url(mention.source_url) else None
    if source:
        sentence += f' <a href="{escape(source)}">See the original post</a>.'
    quote_html = (
        f"<blockquote><p>{escape(mention.text, quote=False)}</p></blockquote>"
        if mention.text
        else ""
    )
    published = in_zone(mention.published, zone)
    return FeedEntry(
        id=f"{article_url}#mention-{quote(mention.id, safe='')}",
        url=source or article_url,
        title=f"{name} {verb} “{article_title}”",
        content_html=f"<p>{sentence}</p>{quote_html}",
        summary_html=quote_html or f"<p>{sentence}</p>",
        authors=(name,),
        published=published,
        updated=published,
        categories=(mention.kind,),
    )
