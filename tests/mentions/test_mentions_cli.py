"""What the commands print: one escaped line per fact, never a body, never the token."""

import json
from pathlib import Path
from urllib.parse import quote

import pytest
from mentions import cli
from mentions.cli import main, redact
from werkzeug import Response

FIXTURES = Path(__file__).parent / "fixtures"
TOKEN = "wmio-test-token-5f3a9c"


def sync(project, *args: str) -> int:
    return main(["--settings", str(project.settings), "sync", *args])


def test_outside_text_is_printed_escaped_and_cannot_forge_a_line(project, fake_api, token, capsys):
    forged = json.loads((FIXTURES / "cli" / "forged-target.json").read_text(encoding="utf-8"))
    fake_api.entries.append(forged)
    assert sync(project) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out and "\u202e" not in out
    [line] = [x for x in out.splitlines() if "nope" in x]
    assert line.startswith("unknown target, not stored: https://reconnect.example/nope/\\x1b[2J")
    assert "\\x0areconnect" in line and "\\u202e" in line
    assert not any(x.startswith("reconnect-without-the-awkwardness: 99") for x in out.splitlines())


@pytest.mark.parametrize("status", [400, 401, 403, 404, 429, 500, 503, 418])
def test_an_error_response_body_is_never_echoed(project, fake_api, token, capsys, status):
    body = json.dumps({"error_description": f"SERVER-WORDS \x1b[31m token={token}"})
    fake_api.failures[0] = Response(body, status=status, content_type="application/json")
    assert sync(project) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"mentions sync: error: webmention.io API: HTTP {status}: ")
    assert "SERVER-WORDS" not in err and token not in err and len(err.splitlines()) == 1


@pytest.mark.parametrize(
    "echo",
    [
        TOKEN,
        quote(TOKEN, safe=""),
        TOKEN[3:14],  # any 8 or more characters of it
        f"token={TOKEN[:-1]}…",
    ],
)
def test_redaction_covers_encoded_and_partial_echoes_of_the_token(echo):
    assert TOKEN[4:12] not in redact(f"upstream said: {echo}.", TOKEN)
    assert "[token]" in redact(f"upstream said: {echo}.", TOKEN)


def test_redaction_of_a_token_with_reserved_characters():
    secret = "a+b/c=d e&f%g"
    line = redact(f"a={quote(secret, safe='')} b={secret}", secret)
    assert "c%3Dd" not in line and "c=d e" not in line


def test_a_long_line_is_cut(project, fake_api, token, capsys):
    forged = json.loads((FIXTURES / "cli" / "forged-target.json").read_text(encoding="utf-8"))
    forged["wm-target"] = "https://reconnect.example/" + "x" * 5000
    fake_api.entries.append(forged)
    assert sync(project) == 0
    assert max(len(x) for x in capsys.readouterr().out.splitlines()) <= 400


def test_an_unexpected_error_is_one_line_and_exit_1_never_a_traceback(project, monkeypatch, capsys):
    def broken(*args, **kwargs):
        raise RuntimeError("boom\n\x1b[2Jforged")

    monkeypatch.setattr(cli, "run_import", broken)
    assert main(["--settings", str(project.settings), "import", "x.csv"]) == 1
    err = capsys.readouterr().err
    assert err == "mentions import: error: unexpected RuntimeError: boom\\x0a\\x1b[2Jforged\n"


def test_an_unreadable_import_file_is_one_line_and_exit_3(project, tmp_path, capsys):
    assert main(["--settings", str(project.settings), "import", str(tmp_path)]) == 3
    assert (
        capsys.readouterr().err
        == f"mentions import: error: {tmp_path}: cannot read: Is a directory\n"
    )
