"""`render_once`: a template fragment is rendered the first time its key is seen, then reused."""

import pickle

from jinja2 import DictLoader, Environment
from render_once.fragments import Fragments

TEMPLATES = {
    "list.html": (
        "{% for item in items %}"
        '{% call render_once("item", item) %}<li>{{ render(item) }}</li>{% endcall %}'
        "{% endfor %}"
    ),
}


def _environment() -> Environment:
    environment = Environment(loader=DictLoader(TEMPLATES), autoescape=True)
    environment.globals["render_once"] = Fragments()
    return environment


def _counting_renderer(rendered: list):
    def render(item):
        rendered.append(item)
        return item.upper()

    return render


def test_a_fragment_renders_once_and_every_page_shows_it():
    environment, rendered = _environment(), []
    template = environment.get_template("list.html")
    first = template.render(items=["a", "b"], render=_counting_renderer(rendered))
    second = template.render(items=["b", "a", "c"], render=_counting_renderer(rendered))
    assert first == "<li>A</li><li>B</li>"
    assert second == "<li>B</li><li>A</li><li>C</li>"
    assert rendered == ["a", "b", "c"]


def test_fragments_are_escaped_once():
    environment = _environment()
    template = environment.get_template("list.html")
    pages = [template.render(items=["<b>"], render=str) for _ in range(2)]
    assert pages == ["<li>&lt;b&gt;</li>"] * 2


def test_each_environment_starts_empty():
    """A new build (the dev server's next rebuild) never shows the last build's fragments."""
    rendered = []
    for _ in range(2):
        _environment().get_template("list.html").render(
            items=["a"], render=_counting_renderer(rendered)
        )
    assert rendered == ["a", "a"]


def test_a_digest_of_the_helper_does_not_depend_on_what_it_holds():
    """parallel_build digests the template globals: pages rendered earlier must not change it."""
    fragments = Fragments()
    empty = pickle.dumps(fragments)
    fragments("key", caller=lambda: "rendered")
    assert pickle.dumps(fragments) == empty
