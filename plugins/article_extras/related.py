"""Related articles: the ones sharing the most tags."""

import hashlib
import heapq
import pickle
from collections import Counter, defaultdict
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

    Ranked by the number of shared tags, then newest first, then key order,
    so the result is the same on every build. Items sharing no tag are never
    listed. An index from tag to items keeps this linear in the number of
    (tag, item) pairs rather than quadratic in the number of articles.
    """
    if count <= 0:
        return {item.key: [] for item in items}
    by_tag: dict[str, list[Hashable]] = defaultdict(list)
    for item in items:
        for tag in item.tags:
            by_tag[tag].append(item.key)
    # The tie-breakers, computed once per item rather than in every comparison.
    order = {item.key: (-item.date.timestamp(), index) for index, item in enumerate(items)}
    result = {}
    for item in items:
        shared: Counter = Counter()
        for tag in item.tags:
            shared.update(by_tag[tag])
        del shared[item.key]
        result[item.key] = heapq.nsmallest(
            count, shared, key=lambda key: (-shared[key], order[key])
        )
    return result


def ranking_key(items: Sequence[Tagged], count: int) -> bytes:
    """A digest of everything `related_by_tags(items, count)` depends on.

    Equal digests give equal results, so a build can keep the last one when
    no article's tags, date or place in the list changed (an edited body).
    """
    ranked = [(item.key, sorted(item.tags), item.date.timestamp()) for item in items]
    return hashlib.sha256(pickle.dumps((count, ranked), pickle.HIGHEST_PROTOCOL)).digest()
