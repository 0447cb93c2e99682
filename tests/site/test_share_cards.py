"""Each article page names its share card the way Mastodon, Bluesky and the rest read it."""

import re

import pytest
from PIL import Image

from tests.site.test_site import PUBLISHED


def _meta(soup, **attrs) -> str:
    tag = soup.find("meta", attrs=attrs)
    assert tag is not None, attrs
    return tag["content"]


@pytest.mark.parametrize("header", PUBLISHED, ids=lambda h: h["slug"])
def test_an_article_page_names_its_card_and_the_card_is_there(site, header):
    soup = site.soup(f"/{header['slug']}/")
    image_url = _meta(soup, property="og:image")
    assert re.fullmatch(rf"{re.escape(site.siteurl)}/cards/[0-9a-f]{{12}}\.png", image_url)
    assert _meta(soup, name="twitter:card") == "summary_large_image"
    assert (_meta(soup, property="og:image:width"), _meta(soup, property="og:image:height")) == (
        "1200",
        "630",
    )
    assert _meta(soup, property="og:image:alt") == header["title"]
    path = site.path_for(image_url)
    assert path.stat().st_size <= 100 * 1024
    with Image.open(path) as card:
        assert (card.format, card.size) == ("PNG", (1200, 630))


def test_the_cards_font_is_never_served(site):
    assert not list(site.output.rglob("*.ttf"))


def test_pages_that_are_not_articles_name_no_card(site):
    for url in ["/", "/archives/", "/about/"]:
        assert site.soup(url).find("meta", property="og:image") is None
