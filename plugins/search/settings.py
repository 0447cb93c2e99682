"""The `SEARCH` setting: defaults and validation in one place.

Keys:
    enabled (bool, default True): build the search index after every build.
        Off, /search/ still exists and says that search is unavailable.
    bundle_dir (str, default "pagefind"): the index's folder in the output,
        which the search page loads its script and index from.
"""

from dataclasses import dataclass
from typing import Annotated

from known_keys.typed_fields import inside_folder, load_fields


@dataclass(frozen=True)
class SearchSettings:
    enabled: bool = True
    bundle_dir: Annotated[str, inside_folder] = "pagefind"


def load_settings(raw: dict | None) -> SearchSettings:
    """Merge `raw` over the defaults; raise ValueError naming any bad key."""
    return load_fields("SEARCH", SearchSettings, raw)
