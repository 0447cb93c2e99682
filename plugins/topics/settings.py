"""The `TOPICS` setting: defaults and validation in one place.

Keys:
    path (str, default "topics"): the folder of topic intros, relative to
        PATH; `<category-slug>.md` opens that category's page. Keep it out of
        ARTICLE_PATHS, PAGE_PATHS and STATIC_PATHS: it is read by this plugin only.
"""

from dataclasses import dataclass
from typing import Annotated

from known_keys.typed_fields import load_fields, non_empty


@dataclass(frozen=True)
class TopicsSettings:
    path: Annotated[str, non_empty] = "topics"


def load_settings(raw: dict | None) -> TopicsSettings:
    """Merge `raw` over the defaults; raise ValueError naming any bad key."""
    return load_fields("TOPICS", TopicsSettings, raw)
