import pytest
from common.urls import MAX_URL_LENGTH, http_url, is_http_url

ACCEPTED = [
    "https://example.org/",
    "http://127.0.0.1:8000/path?q=1#top",
    "HTTPS://Example.ORG/a b".replace(" ", "%20"),
    "https://zoë.example/ünïcode",
]
REFUSED = [
    None,
    42,
    "",
    "/relative/",
    "https://",
    "javascript:alert(1)",
    "data:text/html,<script>",
    "ftp://example.org/",
    "https://user:pass@example.org/",
    "https://user@example.org/",
    "https://example.org/a b",
    'https://example.org/"onmouseover="x',
    "https://example.org/<script>",
    "https://example.org/\x00",
    "https://example.org/\u202e",
    "https://example.org/\ud800",
    "https://example.org/\udfff/x",
    "https://example.org/\ufffe",
    "https://example.org/\U0010ffff",
    "https://example.org/\ufdd0",
    "https://example.org/\u2066x\u2069",
    "https://example.org/a\xa0b",
    "https://example.org/\x85x",
    "https://example.org/\ufeff",
    "https://example.org:port/",
    "http://[oops/",
    "https://example.org/" + "a" * MAX_URL_LENGTH,
]


@pytest.mark.parametrize("value", ACCEPTED)
def test_accepted(value):
    assert http_url(value) == value
    assert is_http_url(value)


@pytest.mark.parametrize("value", REFUSED)
def test_refused(value):
    assert http_url(value) is None
    assert not is_http_url(value)


def test_outer_whitespace_is_removed():
    assert http_url("  https://example.org/\n") == "https://example.org/"
