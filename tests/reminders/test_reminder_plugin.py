"""The Pelican glue: example files written into output/, data for the page, bad settings fail."""

import mimetypes
from pathlib import Path

import pytest
from pelican.server import ComplexHTTPRequestHandler
from reminders.examples import example_files
from reminders.plugin import ReminderGenerator, serve_ics_as_calendar
from reminders.settings import load_settings

import pelicanconf

PLUGIN_DIR = Path(__file__).resolve().parents[2] / "plugins" / "reminders"


def make_generator(tmp_path, reminders=None):
    settings = {"SITEURL": "https://site.example", "REMINDERS": reminders or {}}
    return ReminderGenerator({}, settings, None, None, str(tmp_path))


def test_examples_are_written_and_listed_for_the_page(tmp_path):
    generator = make_generator(tmp_path)
    generator.generate_context()
    generator.generate_output(writer=None)
    tool = generator.context["reminder_tool"]
    expected = example_files(load_settings({}))
    assert [e["url"] for e in tool["examples"]] == [
        f"https://site.example/{item.path}" for item in expected
    ]
    for item in expected:
        assert (tmp_path / item.path).read_bytes() == item.text.encode("utf-8")
    assert not list(tmp_path.rglob("*.tmp"))
    assert tool["script_data"]["options"]["max_contacts"] == 5000
    assert [i["phrase"] for i in tool["intervals"]][:2] == ["every month", "every 2 months"]


def test_examples_are_the_same_on_every_build(tmp_path):
    first, second = tmp_path / "one", tmp_path / "two"
    for output in (first, second):
        generator = make_generator(output)
        generator.generate_context()
        generator.generate_output(writer=None)
    names = sorted(p.relative_to(first) for p in first.rglob("*.ics"))
    assert names == sorted(p.relative_to(second) for p in second.rglob("*.ics"))
    assert all((first / n).read_bytes() == (second / n).read_bytes() for n in names)


def test_a_bad_setting_stops_the_build_with_its_name(tmp_path):
    with pytest.raises(ValueError, match=r"REMINDERS\['max_contacts'\]"):
        make_generator(tmp_path, {"max_contacts": -1}).generate_context()


def test_the_site_enables_the_plugin_with_valid_settings():
    assert "reminders" in pelicanconf.PLUGINS
    load_settings(pelicanconf.REMINDERS)


def test_the_dev_server_sends_ics_as_text_calendar_without_system_mime_types(monkeypatch):
    monkeypatch.setattr(mimetypes, "_db", mimetypes.MimeTypes(filenames=()))
    handler = ComplexHTTPRequestHandler.__new__(ComplexHTTPRequestHandler)
    assert handler.guess_type("/tools/keep-in-touch/a.ics") != "text/calendar"
    serve_ics_as_calendar()
    assert handler.guess_type("/tools/keep-in-touch/a.ics") == "text/calendar"
