"""Topic pages guide a reader: our intro, the start-here articles, then every article of the topic."""

import pytest

from tests.conftest import ROOT
from tests.site.test_site import PUBLISHED

TOPICS = sorted((ROOT / "content" / "topics").glob("*.md"))


def _slug(name: str) -> str:
    return name.lower().replace(" ", "-")


def test_every_category_has_an_intro_and_something_to_start_with():
    categories = {_slug(h["category"]) for h in PUBLISHED}
    assert {path.stem for path in TOPICS} == categories
    starters = {_slug(h["category"]) for h in PUBLISHED if h.get("start_here") == "true"}
    assert starters == categories


@pytest.mark.parametrize("topic", TOPICS, ids=lambda path: path.stem)
def test_the_page_opens_with_the_intro_then_start_here_then_the_list(site, topic):
    main = site.soup(f"/category/{topic.stem}/").find("main")
    intro = main.select_one(".topic-intro")
    first_words = " ".join(topic.read_text(encoding="utf-8").split()[:6])
    assert intro.get_text(" ", strip=True).startswith(first_words)

    in_topic = [h for h in PUBLISHED if _slug(h["category"]) == topic.stem]
    newest_first = sorted(in_topic, key=lambda h: h["date"], reverse=True)
    start_here = main.select_one("section.start-here")
    assert start_here.h2.get_text(strip=True) == "Start here"
    assert [a.get_text(strip=True) for a in start_here.select("li > a")] == [
        h["title"] for h in newest_first if h.get("start_here") == "true"
    ]

    headings = [h.get_text(strip=True) for h in main.find_all(["h1", "h2"])]
    assert headings[-2:] == ["Start here", f"All articles on {in_topic[0]['category']}"]
    listed = [a.get_text(strip=True) for a in main.select("article.summary h3 a")]
    assert listed == [h["title"] for h in newest_first]
    order = [main.find_all(True).index(tag) for tag in (intro, start_here, main.article)]
    assert order == sorted(order)


def test_only_topic_pages_have_a_guide(site):
    for url in ["/", "/tag/referrals/", "/author/maya-okafor/"]:
        main = site.soup(url).find("main")
        assert not main.select(".topic-intro, .start-here, .all-articles"), url
