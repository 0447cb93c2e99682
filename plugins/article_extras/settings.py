"""The `ARTICLE_EXTRAS` setting: defaults and validation in one place.

Keys:
    words_per_minute (int, default 230): reading speed behind "N min read".
    related_count (int, default 3): how many related articles an article lists;
        0 turns the list off.
"""

from dataclasses import dataclass

from known_keys import reject_unknown_keys


@dataclass(frozen=True)
class ExtrasSettings:
    words_per_minute: int = 230
    related_count: int = 3


def load_settings(raw: dict | None) -> ExtrasSettings:
    """Merge `raw` over the defaults; raise ValueError naming any bad key."""
    raw = dict(raw or {})
    reject_unknown_keys("ARTICLE_EXTRAS", raw, ExtrasSettings.__dataclass_fields__)
    merged = ExtrasSettings(**raw)
    if not isinstance(merged.words_per_minute, int) or merged.words_per_minute < 1:
        raise ValueError("ARTICLE_EXTRAS['words_per_minute'] must be a positive integer")
    if not isinstance(merged.related_count, int) or merged.related_count < 0:
        raise ValueError("ARTICLE_EXTRAS['related_count'] must be an integer >= 0")
    return merged
