"""Search as a reader uses it: the header box, the results page, filters, keyboard only, no script."""

from urllib.parse import urlsplit

import pytest

from tests.site.test_site import PUBLISHED

pytestmark = pytest.mark.browser

REFERRAL = (
    "Asking for a Referral Without Using People",
    "/asking-for-a-referral-without-using-people/",
)
# Generous: the index loads from 127.0.0.1, but the machine may be busy.
WAIT_MS = 30_000


def _results(page) -> list[tuple[str, str]]:
    page.wait_for_selector(".search-result", timeout=WAIT_MS)
    links = page.locator(".search-result h2 a")
    return [
        (links.nth(i).inner_text(), links.nth(i).get_attribute("href"))
        for i in range(links.count())
    ]


def _found(page) -> int:
    """The number of articles the status line reports."""
    return int(page.locator("#search-status").inner_text().split()[0])


def _tab_to(page, element_id: str, limit: int = 30) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.id") == element_id:
            return
    pytest.fail(f"#{element_id} was not reached with Tab")


def test_header_box_keyboard_only_finds_the_referral_article_first_from_our_host_only(page, site):
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(site.siteurl + "/")
    _tab_to(page, "site-search-q")
    page.keyboard.type("referral")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search/?q=referral")
    results = _results(page)
    assert results[0] == REFERRAL
    first = page.locator(".search-result").first
    assert first.locator("time").inner_text() == "July 8, 2026"
    assert "in Job Search" in first.locator(".meta").inner_text()
    marked = first.locator(".search-excerpt mark").all_inner_texts()
    assert marked and all("referral" in word.lower() for word in marked)
    own = urlsplit(site.siteurl).netloc
    assert [url for url in requested if urlsplit(url).netloc != own] == []
    # On with the keyboard to the first result, past the filters, and open it.
    first_link = page.locator(".search-result h2 a").first
    for _ in range(60):
        page.keyboard.press("Tab")
        if first_link.evaluate("link => link === document.activeElement"):
            break
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{REFERRAL[1]}")


def test_typing_on_the_search_page_updates_the_results_and_the_address(page, site):
    page.goto(site.siteurl + "/search/?q=referral")
    assert _results(page)[0] == REFERRAL
    page.fill("#search-q", "linkedin")
    page.wait_for_function(
        "() => document.querySelector('.search-result h2 a')?.textContent.includes('LinkedIn')",
        timeout=WAIT_MS,
    )
    assert page.evaluate("() => location.search") == "?q=linkedin"


def test_filters_narrow_the_results_by_topic_and_tag(page, site):
    page.goto(site.siteurl + "/search/?q=referral")
    everything = _results(page)
    assert len(everything) > 1
    page.get_by_label("Networking", exact=True).check()
    page.wait_for_function(
        "n => document.querySelectorAll('.search-result').length < n",
        arg=len(everything),
        timeout=WAIT_MS,
    )
    narrowed = _results(page)
    assert narrowed and REFERRAL not in narrowed
    categories = page.locator(".search-result .meta").all_inner_texts()
    assert all(text.endswith("in Networking") for text in categories)
    assert "category=Networking" in page.url
    page.goto(site.siteurl + "/search/?q=messages")
    _results(page)
    untagged = _found(page)
    page.goto(site.siteurl + "/search/?q=messages&tag=referrals")
    tagged = {href for _, href in _results(page)}
    assert tagged <= {f"/{h['slug']}/" for h in PUBLISHED if "referrals" in h["tags"]}
    assert 0 < _found(page) == len(tagged) < untagged


def test_an_unknown_word_says_nothing_was_found(page, site):
    page.goto(site.siteurl + "/search/?q=xylophonist")
    page.wait_for_function(
        "() => document.getElementById('search-status').textContent.includes('No articles')",
        timeout=WAIT_MS,
    )
    assert page.locator(".search-result").count() == 0


def test_without_javascript_the_search_page_points_to_the_archives_and_topics(browser, site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site.siteurl + "/search/?q=referral")
    main = page.locator("main")
    text = main.inner_text()
    links = main.locator(".search-fallback >> visible=true").locator("a").all_inner_texts()
    context.close()
    assert "needs JavaScript" in text
    assert links == ["the list of all articles", "the topics"]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_search_page_with_results_passes_every_accessibility_rule(
    browser, site, all_violations, scheme
):
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    page.goto(site.siteurl + "/search/?q=referral")
    _results(page)
    violations = all_violations(page)
    context.close()
    assert violations == []


def test_when_the_index_cannot_load_the_page_says_so_and_links_the_archives(page, site):
    page.route("**/pagefind/**", lambda route: route.fulfill(status=404, body="gone"))
    page.goto(site.siteurl + "/search/?q=referral")
    failed = page.locator("#search-failed")
    failed.wait_for(state="visible", timeout=WAIT_MS)
    assert failed.locator("a").all_inner_texts() == ["the list of all articles", "the topics"]
    assert page.locator("#search-app").is_hidden()


def test_more_results_come_in_steps_and_focus_moves_to_the_first_new_one(page, site):
    page.goto(site.siteurl + "/search/?q=people")
    first_step = _results(page)
    found = _found(page)
    assert len(first_step) < found, "the query should match more articles than one step shows"
    page.get_by_role("button", name="Show more results").focus()
    page.keyboard.press("Enter")
    page.wait_for_function(
        "n => document.querySelectorAll('.search-result').length > n",
        arg=len(first_step),
        timeout=WAIT_MS,
    )
    focused = page.evaluate("() => document.activeElement.textContent")
    assert focused == page.locator(".search-result h2 a").nth(len(first_step)).inner_text()
    # Step by step to the end: every article found is listed once, and the button goes.
    for _ in range(found):
        more = page.locator(".search-more button:enabled")
        if not more.count():
            break
        shown = page.locator(".search-result").count()
        more.click()
        page.wait_for_function(
            "n => document.querySelectorAll('.search-result').length > n",
            arg=shown,
            timeout=WAIT_MS,
        )
    links = page.locator(".search-result h2 a").evaluate_all("links => links.map(a => a.href)")
    assert len(links) == len(set(links)) == found
    assert page.locator(".search-more").count() == 0
