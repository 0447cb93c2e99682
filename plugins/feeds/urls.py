"""Make every link and image in an HTML fragment absolute.

A feed reader shows an item away from our site, and RSS has no way to name a
base URL, so `/about/` or `images/x.png` in an article must become full URLs.
Pelican only rewrites its own `{filename}`-style links; hand-written Markdown
links stay relative, hence this pass over the rendered HTML.
"""

from urllib.parse import urljoin

import lxml.html

_URL_ATTRIBUTES = ("href", "src")


def absolutize(html: str, base_url: str) -> str:
    """`html` with every href, src and srcset resolved against `base_url`.

    `base_url` is the page the HTML belongs to (the article URL), so
    page-relative links resolve the way a browser on that page would.
    Parsed with lxml rather than a regex so text in code samples that only
    looks like an attribute is left alone.
    """
    if not html.strip():
        return html
    wrapper = lxml.html.fragment_fromstring(html, create_parent="div")
    for element in wrapper.xpath(".//*[@href or @src or @srcset]"):
        for name in _URL_ATTRIBUTES:
            value = element.get(name)
            if value is not None:
                element.set(name, urljoin(base_url, value.strip()))
        srcset = element.get("srcset")
        if srcset is not None:
            element.set("srcset", absolutize_srcset(srcset, base_url))
    serialized = lxml.html.tostring(wrapper, encoding="unicode")
    return serialized[len("<div>") : -len("</div>")]


def absolutize_srcset(srcset: str, base_url: str) -> str:
    """A srcset value ("a.png 1x, b.png 2x") with each candidate URL resolved.

    Candidates are split on commas; Markdown never writes a comma inside an
    image URL, and a percent-encoded one (%2C) is kept as it is.
    """
    candidates = []
    for candidate in srcset.split(","):
        parts = candidate.split()
        if parts:
            candidates.append(" ".join([urljoin(base_url, parts[0]), *parts[1:]]))
    return ", ".join(candidates)
