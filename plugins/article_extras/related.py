"""Related articles: the ones sharing the most tags."""

import hashlib
import pickle
from collections import defaultdict
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class Tagged:
    """What ranking needs of an article: a key, its tags and its date."""

    key: Hashable
    tags: frozenset[str]
    date: datetime


def related_by_tags(items: Sequence[Tagged], count: int) -> dict[Hashable, list[Hashable]]:
    """Map each item's key to up to `count` keys of other items sharing tags.

    Ranked by the number of shared tags, then newest first, then place in `items`,
    so the result is the same on every build. Items sharing no tag are never
    listed.

    Each tag is a set of items held as the bits of one integer, bit r for
    the item ranked r by (newest first, place in `items`). For one item,
    `at_least[j]` is the set sharing j or more of its tags; taking the
    lowest bits of each level, most shared first, gives the ranking without
    counting or sorting the thousands of items a common tag brings.
    """
    if count <= 0:
        return {item.key: [] for item in items}
    ranked = sorted(range(len(items)), key=lambda index: (-items[index].date.timestamp(), index))
    members: dict[str, int] = defaultdict(int)
    for rank, index in enumerate(ranked):
        for tag in items[index].tags:
            members[tag] |= 1 << rank
    rank_of = {index: rank for rank, index in enumerate(ranked)}
    result = {}
    for index, item in enumerate(items):
        tags = item.tags
        at_least = [-1] + [0] * len(tags)  # -1: every bit set
        for tag in tags:
            bits = members[tag]
            for level in range(len(tags), 0, -1):
                at_least[level] |= at_least[level - 1] & bits
        taken = 1 << rank_of[index]  # never the item itself
        chosen = []
        for level in range(len(tags), 0, -1):
            candidates = at_least[level] & ~taken
            while candidates and len(chosen) < count:
                lowest = candidates & -candidates
                chosen.append(items[ranked[lowest.bit_length() - 1]].key)
                candidates ^= lowest
                taken |= lowest
            if len(chosen) == count:
                break
        result[item.key] = chosen
    return result


def ranking_key(items: Sequence[Tagged], count: int) -> bytes:
    """A digest of everything `related_by_tags(items, count)` depends on.

    Equal digests give equal results, so a build can keep the last one when
    no article's tags, date or place in the list changed (an edited body).
    """
    ranked = [(item.key, sorted(item.tags), item.date.timestamp()) for item in items]
    return hashlib.sha256(pickle.dumps((count, ranked), pickle.HIGHEST_PROTOCOL)).digest()
