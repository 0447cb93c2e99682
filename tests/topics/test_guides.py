from pathlib import Path
from types import SimpleNamespace

import markdown
import pytest
from topics.guides import TopicGuide, is_start_here, read_intros, topic_guides
from topics.settings import TopicsSettings, load_settings

FIXTURES = Path(__file__).parent / "fixtures"


def render(text: str) -> str:
    return markdown.Markdown(extensions=["markdown.extensions.meta"]).convert(text)


def test_an_intro_is_rendered_under_its_category_slug_without_its_header():
    intros, problems = read_intros(FIXTURES / "topics", ["networking"], render, root=FIXTURES)
    assert intros["networking"] == "<p>People helping each other with <em>information</em>.</p>"
    assert "Title" not in intros["networking"]
    assert problems == [
        "topics/coffee-chats.md: no category has the slug 'coffee-chats'; intro not shown",
        "topics/old-name.md: no category has the slug 'old-name'; intro not shown",
    ]


def test_a_bad_file_is_named_once_and_the_others_still_get_their_intro():
    slugs = ["networking", "coffee-chats", "job-search"]
    intros, problems = read_intros(FIXTURES / "topics", slugs, render, root=FIXTURES)
    assert sorted(intros) == ["networking"]
    assert len(problems) == 2
    assert problems[0].startswith("topics/coffee-chats.md: cannot be read (")
    assert problems[1].startswith("topics/old-name.md: no category has the slug 'old-name'")


def test_no_topics_folder_means_no_intros_and_no_problems(tmp_path):
    assert read_intros(tmp_path / "topics", ["networking"], render, root=tmp_path) == ({}, [])


@pytest.mark.parametrize(
    ("value", "expected"),
    [("true", True), ("True", True), (" TRUE ", True), ("false", False), (None, False)],
)
def test_start_here_is_only_an_explicit_true(value, expected):
    assert is_start_here(value) is expected


def test_guides_keep_the_category_order_and_cover_every_category():
    first, second, third = (SimpleNamespace(title=t, start_here=s) for t, s in
                            [("first", "true"), ("second", None), ("third", "true")])  # fmt: skip
    guides = topic_guides(
        [("networking", [third, second, first]), ("job-search", [second])],
        {"networking": "<p>Intro</p>"},
        lambda article: is_start_here(article.start_here),
    )
    assert guides == {
        "networking": TopicGuide("<p>Intro</p>", (third, first)),
        "job-search": TopicGuide("", ()),
    }


def test_settings_default_and_reject_unknown_or_empty_keys():
    assert load_settings(None) == TopicsSettings(path="topics")
    with pytest.raises(ValueError, match=r"TOPICS: unknown key\(s\): pth"):
        load_settings({"pth": "topics"})
    with pytest.raises(ValueError, match=r"TOPICS\['path'\]"):
        load_settings({"path": " "})
