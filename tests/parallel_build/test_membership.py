"""An IdentityList answers `in` exactly as a list does, whatever is done to it."""

import pickle

from parallel_build.membership import IdentityList


class Doc:
    """Equal only to itself, as Pelican's articles are."""


class Named:
    """Equal to any object of the same name, as Pelican's tags are to their names."""

    def __init__(self, name: str):
        self.name = name

    def __eq__(self, other):
        return getattr(other, "name", other) == self.name

    __hash__ = None


def test_membership_is_the_lists_after_every_kind_of_change():
    docs = [Doc() for _ in range(8)]
    members = IdentityList(docs[:4])
    plain = list(docs[:4])
    changes = [
        lambda x: x.append(docs[4]),
        lambda x: x.extend(docs[5:7]),
        lambda x: x.insert(0, docs[7]),
        lambda x: x.remove(docs[1]),
        lambda x: x.pop(),
        lambda x: x.__setitem__(0, docs[1]),
        lambda x: x.__delitem__(2),
        lambda x: x.__iadd__([docs[2]]),
        lambda x: x.clear(),
    ]
    for change in changes:
        assert [doc in members for doc in docs] == [doc in plain for doc in docs]
        change(members)
        change(plain)
    assert [doc in members for doc in docs] == [doc in plain for doc in docs] == [False] * 8


def test_objects_with_their_own_equality_are_compared_as_a_list_would():
    members = IdentityList([Named("career")])
    assert "career" in members and Named("career") in members and "other" not in members
    docs = IdentityList([Doc()])
    docs.append(Named("career"))
    assert Named("career") in docs and "career" in docs


def test_it_pickles_as_a_plain_list_without_its_ids():
    docs = [Doc(), Doc()]
    asked, fresh = IdentityList(docs), IdentityList(docs)
    assert docs[0] in asked
    assert pickle.dumps([docs, asked], 5) == pickle.dumps([docs, fresh], 5)
    loaded = pickle.loads(pickle.dumps(asked))
    assert type(loaded) is list and len(loaded) == 2
