"""The fragments one template environment has rendered, by key."""

from collections.abc import Callable, Hashable


class Fragments:
    """`{% call render_once(*key) %}body{% endcall %}`: the body rendered once per key.

    The key must name everything the body reads that differs between the pages
    of one build (an article, a heading level); settings are the same for every
    page. A value the page itself must read, so that a page cache sees it, belongs
    in the key too: it is evaluated on every page, hit or miss.
    """

    def __init__(self):
        self._rendered: dict[tuple, str] = {}

    def __call__(self, *key: Hashable, caller: Callable[[], str]) -> str:
        try:
            return self._rendered[key]
        except KeyError:
            fragment = self._rendered[key] = caller()
            return fragment

    def __reduce__(self):
        # What is held is derived from the keys: a digest of the template helpers
        # (parallel_build's page cache) must not depend on which pages came first.
        return (Fragments, ())
