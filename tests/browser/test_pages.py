"""Pages in a real headless Chromium: readable, keyboard-usable, accessible, self-contained."""

from urllib.parse import urlsplit

import pytest

pytestmark = pytest.mark.browser

ARTICLE = "/keep-in-touch-on-a-schedule/"
PAGE_TYPES = {
    "home": "/",
    "home-page-2": "/page/2/",
    "article": ARTICLE,
    "page": "/about/",
    "subscribe": "/subscribe/",
    "tool": "/tools/keep-in-touch/",
    "category": "/category/networking/",
    "categories": "/categories/",
    "tag": "/tag/reconnecting/",
    "tags": "/tags/",
    "author": "/author/maya-okafor/",
    "authors": "/authors/",
    "archives": "/archives/",
    "search": "/search/",
    "404": "/404.html",
}
VIEWPORTS = {"phone": {"width": 375, "height": 740}, "desktop": {"width": 1280, "height": 800}}


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("url", ["/", ARTICLE])
def test_page_is_readable_without_sideways_scrolling(browser, site, viewport, url):
    context = browser.new_context(viewport=VIEWPORTS[viewport])
    page = context.new_page()
    page.goto(site.siteurl + url)
    layout = page.evaluate(
        """() => {
            const p = document.querySelector('.e-content p') || document.querySelector('main p');
            const style = getComputedStyle(p);
            return {
                overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
                fontSize: parseFloat(style.fontSize),
                lineHeight: parseFloat(style.lineHeight) / parseFloat(style.fontSize),
                paragraphWidth: p.getBoundingClientRect().width / parseFloat(style.fontSize),
                stylesheetApplied: getComputedStyle(document.body).marginTop === '0px',
            };
        }"""
    )
    context.close()
    assert layout["stylesheetApplied"]
    assert layout["overflow"] <= 0, "the page scrolls sideways"
    assert layout["fontSize"] >= 16
    assert layout["lineHeight"] >= 1.4
    assert layout["paragraphWidth"] <= 45, "lines are too long to read comfortably"


def test_skip_link_is_the_first_stop_and_moves_focus_to_the_content(page, site):
    page.goto(site.siteurl + ARTICLE)
    page.keyboard.press("Tab")
    focused = page.evaluate(
        "() => [document.activeElement.textContent.trim(), document.activeElement.getAttribute('href')]"
    )
    assert focused == ["Skip to main content", "#main"]
    assert page.locator(".skip-link").bounding_box()["y"] >= 0, "the focused skip link is visible"
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "main"
    page.keyboard.press("Tab")
    inside_main = page.evaluate(
        "() => document.querySelector('main').contains(document.activeElement)"
    )
    assert inside_main, "the next Tab stays in the article, past the navigation"


def test_focus_is_visible_on_links(page, site):
    page.goto(site.siteurl + "/")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    outline = page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in ("none", "")


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("name", PAGE_TYPES)
def test_every_page_type_passes_every_accessibility_rule(
    browser, site, all_violations, name, scheme
):
    """Any impact fails, with the best-practice and experimental rules on (Label in Name)."""
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    page.goto(site.siteurl + PAGE_TYPES[name])
    violations = all_violations(page)
    context.close()
    assert violations == []


def test_dark_mode_follows_the_system_setting(browser, site):
    colours = {}
    for scheme in ("light", "dark"):
        context = browser.new_context(color_scheme=scheme)
        page = context.new_page()
        page.goto(site.siteurl + ARTICLE)
        colours[scheme] = page.evaluate("() => getComputedStyle(document.body).backgroundColor")
        context.close()
    assert colours["light"] != colours["dark"]


@pytest.mark.parametrize("url", ["/", ARTICLE, "/about/"])
def test_pages_request_nothing_from_other_hosts(page, site, url):
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(site.siteurl + url, wait_until="networkidle")
    own = urlsplit(site.siteurl).netloc
    assert requested, "the page loaded nothing at all"
    assert [u for u in requested if urlsplit(u).netloc != own] == []


def test_article_reads_the_same_with_javascript_off(browser, site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site.siteurl + ARTICLE)
    text = page.locator("article.h-entry .e-content").inner_text()
    context.close()
    assert len(text.split()) > 200
