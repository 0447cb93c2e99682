"""Smart punctuation: byte for byte smarty's HTML, at a fraction of the cost."""

from pathlib import Path

import markdown
import pytest

from bench.corpus import generate

FIXTURES = Path(__file__).parent / "fixtures"
ROOT = Path(__file__).resolve().parents[2]
COMMON = {
    "markdown.extensions.codehilite": {"css_class": "highlight", "guess_lang": False},
    "markdown.extensions.extra": {},
    "markdown.extensions.meta": {},
    "markdown.extensions.toc": {"permalink": False, "toc_depth": "2-3"},
}


def convert(text: str, extension: str, **config) -> str:
    configs = {**COMMON, extension: config}
    md = markdown.Markdown(extensions=list(configs), extension_configs=configs)
    return md.convert(text)


def smarty(text: str, **config) -> str:
    return convert(text, "markdown.extensions.smarty", **config)


def ours(text: str, **config) -> str:
    return convert(text, "fast_markdown.typography", **config)


def sources(tmp_path_factory) -> list[Path]:
    corpus = tmp_path_factory.mktemp("corpus")
    generate(corpus, 40)
    return [
        FIXTURES / "punctuation.md",
        *sorted((ROOT / "content").rglob("*.md")),
        *sorted((corpus / "articles").glob("*.md")),
    ]


def test_the_html_is_exactly_what_smarty_makes(tmp_path_factory):
    for path in sources(tmp_path_factory):
        text = path.read_text(encoding="utf-8")
        assert ours(text) == smarty(text), path.name


@pytest.mark.parametrize(
    "options",
    [
        {"smart_quotes": False},
        {"smart_dashes": False},
        {"smart_ellipses": False},
        {"smart_quotes": False, "smart_dashes": False, "smart_ellipses": False},
    ],
)
def test_each_option_switches_what_smarty_switches(options):
    text = (FIXTURES / "punctuation.md").read_text(encoding="utf-8")
    assert ours(text, **options) == smarty(text, **options)


def test_entities_in_text_and_code_untouched():
    page = ours('"It\'s" -- here... `"code" -- ...`')
    assert page == '<p>&ldquo;It&rsquo;s&rdquo; &ndash; here&hellip; <code>"code" -- ...</code></p>'


def test_a_backslash_keeps_a_quote_straight():
    assert ours(r"\"straight\" and \'straight\'") == "<p>\"straight\" and 'straight'</p>"
