"""The `ARTICLE_EXTRAS` setting: defaults and validation in one place.

Keys:
    words_per_minute (int, default 230): reading speed behind "N min read".
    related_count (int, default 3): how many related articles an article lists;
        0 turns the list off.
"""

from dataclasses import dataclass
from typing import Annotated

from known_keys.typed_fields import at_least, load_fields


@dataclass(frozen=True)
class ExtrasSettings:
    words_per_minute: Annotated[int, at_least(1)] = 230
    related_count: Annotated[int, at_least(0)] = 3


def load_settings(raw: dict | None) -> ExtrasSettings:
    """Merge `raw` over the defaults; raise ValueError naming any bad key."""
    return load_fields("ARTICLE_EXTRAS", ExtrasSettings, raw)
