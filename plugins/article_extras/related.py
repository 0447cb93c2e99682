"""Related articles: the ones sharing the most tags."""

from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable, Sequence
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
    by_tag: dict[str, list[Tagged]] = defaultdict(list)
    for item in items:
        for tag in item.tags:
            by_tag[tag].append(item)
    order = {item.key: index for index, item in enumerate(items)}
    result = {}
    for item in items:
        shared: Counter = Counter()
        others: dict[Hashable, Tagged] = {}
        for other in _neighbours(item, by_tag):
            shared[other.key] += 1
            others[other.key] = other
        ranked = sorted(
            shared,
            key=lambda key: (-shared[key], -others[key].date.timestamp(), order[key]),
        )
        result[item.key] = ranked[:count]
    return result


def _neighbours(item: Tagged, by_tag: dict[str, list[Tagged]]) -> Iterable[Tagged]:
    for tag in item.tags:
        for other in by_tag[tag]:
            if other.key != item.key:
                yield other
