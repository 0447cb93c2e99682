"""The Pelican internals parallel_build depends on, each checked so an upgrade fails here, loudly.

The list is in plugins/parallel_build/plugin.py's docstring and at the Pelican
pin in requirements.in. When one of these fails after an upgrade, re-read
that part of Pelican, adapt plugin.py, then update the pin below.
"""

import inspect
import os
from importlib.metadata import version
from pathlib import Path
from types import SimpleNamespace

import pytest
from pelican import Pelican, signals
from pelican.contents import Article, Content
from pelican.generators import ArticlesGenerator
from pelican.readers import Readers
from pelican.settings import DEFAULT_CONFIG, configure_settings
from pelican.utils import memoized
from pelican.writers import Writer

FIXTURES = Path(__file__).parent / "fixtures"
CHECKED_VERSION = "4.12.0"


@pytest.fixture
def settings(tmp_path) -> dict:
    raw = {**DEFAULT_CONFIG, "PATH": str(FIXTURES), "CACHE_PATH": str(tmp_path / "cache")}
    return configure_settings(raw)


def test_pelican_is_the_version_these_checks_were_written_for():
    assert version("pelican") == CHECKED_VERSION, (
        "Pelican changed: re-check the internals listed in plugins/parallel_build/plugin.py, "
        "then update CHECKED_VERSION and the pin in requirements.in"
    )


def test_read_file_calls_the_readers_read_with_the_absolute_path(settings):
    readers = Readers(settings)
    assert readers.settings is settings
    reader = readers.readers["md"]
    calls = []
    original = reader.read
    reader.read = lambda path: calls.append(path) or original(path)
    article = readers.read_file(base_path=str(FIXTURES), path="article.md", content_class=Article)
    assert calls == [os.path.abspath(os.path.join(str(FIXTURES), "article.md"))]
    assert "<h2" in article.content


def test_read_file_reads_nothing_the_reader_cache_holds(settings):
    settings = {**settings, "CACHE_CONTENT": True, "LOAD_CONTENT_CACHE": True}
    # The name the articles generator gives its readers' cache.
    first = Readers(settings, cache_name="ArticlesGenerator-Readers")
    first.read_file(base_path=str(FIXTURES), path="article.md", content_class=Article)
    first.save_cache()
    second = Readers(settings, cache_name="ArticlesGenerator-Readers")
    path = os.path.abspath(os.path.join(str(FIXTURES), "article.md"))
    assert second.get_cached_data(path, None) is not None
    second.readers["md"].read = lambda path: pytest.fail("read a cached file")
    second.read_file(base_path=str(FIXTURES), path="article.md", content_class=Article)


def test_metadata_objects_refer_to_the_readers_settings(settings):
    # The worker pool sends results back with this one object replaced by the
    # build's own: anything else referring to settings would arrive as a copy.
    reader = Readers(settings).readers["md"]
    _, metadata = reader.read(str(FIXTURES / "article.md"))
    wrappers = [metadata["category"], *metadata["tags"], metadata["author"]]
    assert all(wrapper.settings is settings for wrapper in wrappers)


def test_the_articles_generator_reads_in_get_files_order():
    source = inspect.getsource(ArticlesGenerator.generate_context)
    assert 'self.settings["ARTICLE_PATHS"], exclude=self.settings["ARTICLE_EXCLUDES"]' in source
    assert "self.get_cached_data(f, None)" in source
    assert "self.readers.read_file(" in source


def test_the_articles_generator_writes_first_and_says_when_it_is_done():
    bare = SimpleNamespace(settings={"TEMPLATE_PAGES": {}, "OUTPUT_SOURCES": False})
    assert Pelican._get_generator_classes(bare)[0] is ArticlesGenerator
    source = inspect.getsource(ArticlesGenerator.generate_output)
    assert "signals.article_writer_finalized.send(self, writer=writer)" in source
    assert "signals.get_writer.send(self)" in inspect.getsource(Pelican._get_writer)


def test_the_writer_has_the_signature_and_the_bookkeeping_we_use(tmp_path):
    parameters = list(inspect.signature(Writer.write_file).parameters)
    assert parameters == [
        "self", "name", "template", "context", "relative_urls", "paginated",
        "template_name", "override_output", "url", "kwargs",
    ]  # fmt: skip
    writer = Writer(str(tmp_path), settings={"PAGINATED_TEMPLATES": {}})
    assert writer._written_files == set() and writer._overridden_files == set()
    template = _Template("hello")
    writer.write_file("a/index.html", template, {"localsiteurl": ""})
    assert writer._written_files == {str(tmp_path / "a" / "index.html")}
    assert isinstance(signals.content_written.receivers, dict)


class _Template:
    def __init__(self, text: str):
        self.text = text

    def render(self, context) -> str:
        return self.text


def test_the_writer_opens_pages_through_its_modules_open():
    # ParallelWriter sets `pelican.writers.open` around `_open_w` to keep unchanged files.
    import pelican.writers

    source = inspect.getsource(Writer._open_w)
    assert source.rstrip().endswith('return open(filename, "w", encoding=encoding)')
    assert "open" not in vars(pelican.writers)
    for method in (Writer.write_file, Writer.write_feed):
        assert "with self._open_w(" in inspect.getsource(method)


def test_pages_read_bodies_through_two_memoized_methods(settings):
    for name in ("get_content", "get_summary"):
        method = vars(Content)[name]
        assert isinstance(method, memoized) and method.func.__name__ == name
    assert "self.get_content(" in inspect.getsource(Content.content.fget)
    assert "self.get_summary(" in inspect.getsource(Content.summary.fget)
    assert "self._content" in inspect.getsource(vars(Content)["get_content"].func)
    summary = inspect.getsource(vars(Content)["get_summary"].func)
    assert 'if "summary" in self.metadata:\n            return self.metadata["summary"]' in summary


def test_content_and_its_wrappers_refer_to_the_settings_and_context_by_these_names(settings):
    reader = Readers(settings)
    context = {"generated_content": {}}
    article = reader.read_file(
        base_path=str(FIXTURES), path="article.md", content_class=Article, context=context
    )
    assert article.settings is settings and article._context is context
    assert "<h2" in article._content
    assert vars(article.category)["settings"] is settings


def test_the_list_pages_filter_the_dates_by_membership_in_the_lists_we_index():
    # plugin.index_lists replaces these lists, after generate_context, before generate_output.
    for method, loop in (
        (ArticlesGenerator.generate_tags, "for tag, articles in self.tags.items():"),
        (ArticlesGenerator.generate_categories, "for cat, articles in self.categories:"),
        (ArticlesGenerator.generate_authors, "for aut, articles in self.authors:"),
    ):
        source = inspect.getsource(method)
        assert loop in source
        assert "dates = [article for article in self.dates if article in articles]" in source
    context = inspect.getsource(ArticlesGenerator.generate_context)
    assert "self.categories = list(self.categories.items())" in context
    assert "self.authors = list(self.authors.items())" in context
    assert "self.tags[tag].append(article)" in context
    assert "__eq__" not in vars(Content) and "__eq__" not in vars(Article)
