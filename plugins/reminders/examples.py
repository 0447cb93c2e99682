"""The ready-made example files, built at site-build time for readers without JavaScript.

One file per interval offered on the page, each with the example contacts of the settings,
starting on `example_first`, with the default alarm and reminder text. Their DTSTAMP is
`example_first` at 00:00 UTC, so the same settings always give the same bytes.
"""

from dataclasses import dataclass

from .plan import calendar_text
from .settings import ReminderSettings


@dataclass(frozen=True)
class ExampleFile:
    """One example calendar: its path inside output/, interval, "every N months" and text."""

    path: str
    interval: int
    phrase: str
    text: str


def interval_phrase(months: int) -> str:
    """ "every month", "every 6 months"."""
    return "every month" if months == 1 else f"every {months} months"


def example_form(settings: ReminderSettings, interval: int) -> dict:
    """The form a reader would fill in to get the example file for `interval`."""
    return {
        "list": settings.list_name,
        "contacts": "\n".join(settings.example_contacts),
        "tier": settings.default_tier_index,
        "people": [],
        "intervals": [interval] * len(settings.tiers),
        "first": settings.example_first,
        "spread": settings.spread,
        "alarm": settings.default_alarm,
        "years": 0,
        "text": settings.reminder_text,
    }


def example_files(settings: ReminderSettings) -> list[ExampleFile]:
    """Every example file, in the order of the interval choices."""
    now = f"{settings.example_first}T00:00:00Z"
    files = []
    for months in settings.intervals:
        phrase = interval_phrase(months)
        files.append(
            ExampleFile(
                path=f"{settings.example_dir}/keep-in-touch-{phrase.replace(' ', '-')}.ics",
                interval=months,
                phrase=phrase,
                text=calendar_text(example_form(settings, months), settings.options(), now),
            )
        )
    return files
