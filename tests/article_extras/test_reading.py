from pathlib import Path

from article_extras.reading import count_words, reading_minutes

SAMPLE = (Path(__file__).parent / "fixtures" / "with-code.html").read_text(encoding="utf-8")


def test_words_exclude_tags_and_code_blocks():
    # "Why it matters" (3) + the paragraph (10) + "Send it today." (3)
    assert count_words(SAMPLE) == 16


def test_minutes_round_up_and_never_show_zero():
    assert reading_minutes(SAMPLE, 230) == 1
    assert reading_minutes("<p>" + "word " * 231 + "</p>", 230) == 2
    assert reading_minutes("", 230) == 1
