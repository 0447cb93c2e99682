"""A list whose `in` is a set lookup, for lists of objects equal only to themselves.

Pelican filters every article by date for each tag, category and author
page with `article in articles`, a scan of the list: at 4,000 articles that
is tens of millions of comparisons (a second of a build). For objects that
keep `object`'s equality, membership is identity, which a set of ids answers
at once. The set is rebuilt after any change to the list, and the list
pickles as a plain list (without the set, whose order varies by process).
"""

from collections.abc import Iterable

_MUTATORS = (
    "append", "extend", "insert", "remove", "pop", "clear",
    "__setitem__", "__delitem__", "__iadd__", "__imul__",
)  # fmt: skip


class IdentityList(list):
    """A list; `in` answers from a set of ids while the list and the item keep `object`'s equality."""

    __slots__ = ("_ids",)

    def __init__(self, items: Iterable = ()):
        super().__init__(items)
        self._ids = None

    def __contains__(self, item) -> bool:
        if self._ids is None:
            plain = all(type(member).__eq__ is object.__eq__ for member in self)
            self._ids = frozenset(map(id, self)) if plain else False
        if self._ids is False or type(item).__eq__ is not object.__eq__:
            return list.__contains__(self, item)
        return id(item) in self._ids

    def __reduce_ex__(self, protocol):
        return list, (list(self),)


def _forgetting(method):
    def mutate(self, *args):
        self._ids = None
        return method(self, *args)

    mutate.__name__ = method.__name__
    return mutate


for _name in _MUTATORS:
    setattr(IdentityList, _name, _forgetting(getattr(list, _name)))
