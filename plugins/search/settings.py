"""The `SEARCH` setting: defaults and validation in one place.

Keys:
    enabled (bool, default True): build the search index after every build.
        Off, /search/ still exists and says that search is unavailable.
    bundle_dir (str, default "pagefind"): the index's folder in the output,
        which the search page loads its script and index from.
"""

from dataclasses import dataclass

from known_keys import reject_unknown_keys


@dataclass(frozen=True)
class SearchSettings:
    enabled: bool = True
    bundle_dir: str = "pagefind"


def load_settings(raw: dict | None) -> SearchSettings:
    """Merge `raw` over the defaults; raise ValueError naming any bad key."""
    raw = dict(raw or {})
    reject_unknown_keys("SEARCH", raw, SearchSettings.__dataclass_fields__)
    merged = SearchSettings(**raw)
    if not isinstance(merged.enabled, bool):
        raise ValueError(f"SEARCH['enabled'] must be true or false, not {merged.enabled!r}")
    bundle = merged.bundle_dir
    if not isinstance(bundle, str) or not bundle.strip("/") or ".." in bundle.split("/"):
        raise ValueError(
            f"SEARCH['bundle_dir'] must be a folder name inside the output, not {bundle!r}"
        )
    return merged
