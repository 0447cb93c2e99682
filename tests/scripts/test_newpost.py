import importlib.util
from datetime import datetime
from pathlib import Path

import pytest
from content_check.headers import header_problems, read_header

from tests.conftest import ROOT

spec = importlib.util.spec_from_file_location("newpost", ROOT / "scripts" / "newpost.py")
newpost = importlib.util.module_from_spec(spec)
spec.loader.exec_module(newpost)


@pytest.fixture
def articles(tmp_path, monkeypatch) -> Path:
    monkeypatch.setattr(newpost, "ARTICLES", tmp_path / "content" / "articles")
    newpost.ARTICLES.mkdir(parents=True)
    return newpost.ARTICLES


def test_newpost_writes_a_dated_draft_whose_header_passes_the_build_check(articles):
    assert newpost.main(["Coffee, Again: Café chats that work"]) == 0
    (path,) = articles.iterdir()
    assert path.name == f"{datetime.now():%Y-%m-%d}-coffee-again-cafe-chats-that-work.md"
    header = read_header(path.read_text(encoding="utf-8"))
    assert header["status"] == "draft"
    assert header["slug"] == "coffee-again-cafe-chats-that-work"
    assert {"title", "date", "category", "tags", "author", "summary"} <= header.keys()
    parse = lambda value: datetime.strptime(value, "%Y-%m-%d %H:%M")  # noqa: E731
    assert header_problems(header, parse, is_article=True) == []


def test_newpost_never_overwrites_an_article(articles, capsys):
    assert newpost.main(["Same title"]) == 0
    first = next(articles.iterdir()).read_text()
    assert newpost.main(["Same title"]) == 1
    assert "already exists" in capsys.readouterr().err
    assert next(articles.iterdir()).read_text() == first


def test_newpost_refuses_a_title_without_letters(articles):
    assert newpost.main(["!!!"]) == 2
    assert list(articles.iterdir()) == []
