"""The `SHARE_CARDS` setting: defaults and validation in one place.

Keys:
    enabled (bool, default True): give every article a share card and the
        `og:image` and `twitter:card` tags that point to it.
    output_dir (str, default "cards"): the cards' folder in the output; a
        card is `<output_dir>/<the start of its hash>.png`.
    cache_dir (str, default "share_cards"): the folder inside Pelican's
        CACHE_PATH that keeps every card drawn, named by the hash of what it
        shows, so a build draws only the cards that changed.
"""

from dataclasses import dataclass
from typing import Annotated

from known_keys.typed_fields import inside_folder, load_fields


@dataclass(frozen=True)
class ShareCardsSettings:
    enabled: bool = True
    output_dir: Annotated[str, inside_folder] = "cards"
    cache_dir: Annotated[str, inside_folder] = "share_cards"


def load_settings(raw: dict | None) -> ShareCardsSettings:
    """Merge `raw` over the defaults; raise ValueError naming any bad key."""
    return load_fields("SHARE_CARDS", ShareCardsSettings, raw)
