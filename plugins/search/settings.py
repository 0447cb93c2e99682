"""The `SEARCH` setting: defaults and validation in one place.

Keys:
    enabled (bool, default True): build the search index after every build.
        Off, /search/ still exists and says that search is unavailable.
    bundle_dir (str, default "pagefind"): the index's folder in the output,
        which the search page loads its script and index from.
"""

from dataclasses import dataclass
from typing import Annotated

from known_keys.typed_fields import Rule, load_fields

# A folder inside the output: not empty, not the output itself, never climbing out of it.
inside_output = Rule(
    lambda value: value.strip("/") != "" and ".." not in value.split("/"),
    "a folder name inside the output",
)


@dataclass(frozen=True)
class SearchSettings:
    enabled: bool = True
    bundle_dir: Annotated[str, inside_output] = "pagefind"


def load_settings(raw: dict | None) -> SearchSettings:
    """Merge `raw` over the defaults; raise ValueError naming any bad key."""
    return load_fields("SEARCH", SearchSettings, raw)
