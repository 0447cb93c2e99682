"""The published article pages stay light: the performance budget of the published site."""

# An article's HTML plus its one stylesheet, uncompressed.
BUDGET_BYTES = 30 * 1024


def _article_urls(site):
    sitemap = site.soup("/sitemap.xml")
    for loc in sitemap.find_all("loc"):
        soup = site.soup(loc.get_text())
        if soup.select_one("article.h-entry .e-content"):
            yield loc.get_text(), soup


def test_there_are_articles_to_weigh(site):
    assert len(list(_article_urls(site))) >= 12


def test_article_html_and_css_fit_the_budget(site):
    for url, soup in _article_urls(site):
        stylesheets = soup.find_all("link", rel="stylesheet")
        weight = site.path_for(url).stat().st_size
        weight += sum(site.path_for(s["href"]).stat().st_size for s in stylesheets)
        assert weight <= BUDGET_BYTES, f"{url}: {weight} bytes"


def test_the_stylesheet_is_the_only_render_blocking_request(site):
    for url, soup in _article_urls(site):
        assert len(soup.find_all("link", rel="stylesheet")) == 1, url
        head_scripts = soup.head.find_all("script")
        assert all(s.get("type") == "application/ld+json" for s in head_scripts), url


def test_images_have_dimensions_and_load_lazily(site):
    for url, soup in _article_urls(site):
        for image in soup.select("main img"):
            assert image.get("width") and image.get("height"), (url, image)
            assert image.get("loading") == "lazy", (url, image)
