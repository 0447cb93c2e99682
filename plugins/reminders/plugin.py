"""Pelican glue: check REMINDERS, write the example .ics files, give the tool page its data.

The tool page template reads `reminder_tool` from the context:
    settings: the checked REMINDERS (a ReminderSettings, defaults filled in),
    script_data: the JSON-ready part of them the page script reads,
    intervals: [{"months", "phrase"}] for the interval choices,
    examples: [{"url", "interval", "phrase"}] for the example files.
"""

import mimetypes
from pathlib import Path

from common.files import write_atomic
from pelican import signals

from .examples import example_files, interval_phrase
from .settings import load_settings


class ReminderGenerator:
    """Pelican calls generate_context() on every generator, then generate_output()."""

    def __init__(self, context, settings, path, theme, output_path, **_):
        self.context = context
        self.settings = settings
        self.output_path = output_path
        self.files = []

    def generate_context(self) -> None:
        """Check the settings, build the example files and hand the page its data."""
        reminders = load_settings(self.settings.get("REMINDERS"))
        self.files = example_files(reminders)
        siteurl = self.settings["SITEURL"]
        self.context["reminder_tool"] = {
            "settings": reminders,
            "script_data": reminders.script_data(),
            "intervals": [
                {"months": months, "phrase": interval_phrase(months)}
                for months in reminders.intervals
            ],
            "examples": [
                {"url": f"{siteurl}/{item.path}", "interval": item.interval, "phrase": item.phrase}
                for item in self.files
            ],
        }

    def generate_output(self, writer) -> None:
        """Write the example files into output/ (Pelican's writer only renders templates)."""
        for item in self.files:
            write_atomic(Path(self.output_path, item.path), item.text.encode("utf-8"), mode=0o644)


def get_generators(_pelican):
    return ReminderGenerator


def serve_ics_as_calendar() -> None:
    """Make `make serve` send .ics files as text/calendar.

    Python's own table has no .ics entry and only learns it from the system's mime.types,
    which not every machine has; calendar apps may refuse a file served as anything else.
    """
    mimetypes.add_type("text/calendar", ".ics")


def register() -> None:
    signals.get_generators.connect(get_generators)
    serve_ics_as_calendar()
