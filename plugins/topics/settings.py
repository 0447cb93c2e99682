"""The `TOPICS` setting: defaults and validation in one place.

Keys:
    path (str, default "topics"): the folder of topic intros, relative to
        PATH; `<category-slug>.md` opens that category's page. Keep it out of
        ARTICLE_PATHS, PAGE_PATHS and STATIC_PATHS: it is read by this plugin only.
"""

from dataclasses import dataclass

from known_keys import reject_unknown_keys


@dataclass(frozen=True)
class TopicsSettings:
    path: str = "topics"


def load_settings(raw: dict | None) -> TopicsSettings:
    """Merge `raw` over the defaults; raise ValueError naming any bad key."""
    raw = dict(raw or {})
    reject_unknown_keys("TOPICS", raw, TopicsSettings.__dataclass_fields__)
    merged = TopicsSettings(**raw)
    if not isinstance(merged.path, str) or not merged.path.strip():
        raise ValueError("TOPICS['path'] must be a non-empty folder name")
    return merged
