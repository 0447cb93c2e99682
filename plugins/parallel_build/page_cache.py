"""Which pages a warm build need not render again, because nothing they were rendered from changed.

A page is a pure function of what its template reads: the site context
(settings, every article's metadata, the lists, the plugins' additions), the
page's own arguments, the templates and the code. All of that but the
articles' bodies goes into one digest per build (`Snapshot.site`), with each
content object pickled once, without its body, and named wherever else it
appears; the bodies a page reads are noted while it renders (the caller
records them by source path) and their digests go into that page's key
(`inputs`, then `key`). A page's own digest is small: its arguments, with
its lists of articles (a tag's, every article) as the lists of their names.
A later build recomputes the key from the same
sources: equal keys mean the page would come out the same, so when its files
are still in the output exactly as written (size and modification time),
it is not rendered again. Anything that cannot be digested (a value pickle
refuses) makes every key None: the build renders everything, as before.

Pickle bytes are a digest here, never loaded: the same objects give the same
bytes, and anything that differs (a set's order in another process, say)
only costs a render.
"""

import copyreg
import hashlib
import operator
import os
import pickle
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from common.files import stamps, unchanged

# Bump when what a key covers changes, so older caches are ignored.
VERSION = 2


@dataclass(frozen=True)
class Entry:
    """One page job of an earlier build: its key, the bodies it read, the files it wrote."""

    key: bytes
    reads: tuple[str, ...]
    outputs: tuple[tuple[str, int, int], ...]  # path, size, mtime_ns

    def intact(self) -> bool:
        """Whether every file is still in the output exactly as this job left it."""
        return bool(self.outputs) and unchanged(self.outputs)


def entry(key: bytes, reads: Iterable[str], outputs: Iterable[str]) -> Entry:
    """The entry for a job just rendered, with its files as they are now."""
    return Entry(key, tuple(sorted(reads)), stamps(outputs))


def _stand_in(*_):
    """Stands for an object digested in part; never called, since digests are never loaded."""


@dataclass(frozen=True)
class _Listed:
    """Stands for a list of content objects the site digest holds: their names, in order."""

    kind: str
    names: bytes


class _Whole:
    """Asks for a content object's own state (the ones it refers to are only named)."""

    __slots__ = ("content",)

    def __init__(self, content):
        self.content = content


class _Reducers:
    """How a snapshot pickles the classes it digests in part; `found` is told of each content object.

    They are reduced through a pickler's dispatch table, which it consults
    for those classes only: every other object (the dicts, lists and dates
    of the metadata) is pickled by C code without a call back into Python.
    """

    def __init__(self, classes: dict, content_type: type):
        self._classes = classes
        self._content_type = content_type
        self.found: Callable = lambda content: None
        self.table = {
            **copyreg.dispatch_table,
            **dict.fromkeys(classes, self._reduce),
            _Whole: self._whole,
        }

    def pickler(self, digest) -> pickle.Pickler:
        """A pickler into `digest`; one digests a queue of content objects, what they share once."""
        pickler = pickle.Pickler(_HashFile(digest), pickle.HIGHEST_PROTOCOL)
        pickler.dispatch_table = self.table
        return pickler

    def _reduce(self, obj):
        if isinstance(obj, self._content_type):
            self.found(obj)
            return _stand_in, (type(obj).__qualname__, obj.source_path)
        return self._state(obj)

    def _whole(self, whole: _Whole):
        return self._state(whole.content)

    def _state(self, obj):
        state = vars(obj).copy()
        for name in self._classes[type(obj)]:
            state.pop(name, None)
        return _stand_in, (type(obj).__qualname__,), state


class _HashFile:
    """A file that hashes what is written to it."""

    __slots__ = ("write",)

    def __init__(self, digest):
        self.write = digest.update


@dataclass
class Snapshot:
    """Digests of what one build's pages are rendered from.

    `left_out` names, by class, the attributes an object is digested
    without: its body, and its references to the settings and the site
    context (digested once, from `context`; objects loaded from the content
    cache hold copies of the settings). `content_type` is
    the class of articles and pages, whose bodies are read through `body`;
    `code` covers templates and code, `helpers` what the templates call
    (filters and globals, with what they hold: a fingerprinting filter
    holds the fingerprints).
    """

    context: dict
    left_out: dict[type, frozenset[str]]
    content_type: type
    body: Callable[[object], str]
    code: bytes
    helpers: tuple = ()
    between: Callable[[], object] | None = None  # called between objects, as the site is digested
    sources: dict = field(default_factory=dict)
    site: bytes | None = None
    classes: dict = field(
        default_factory=dict
    )  # every subclass of `left_out`'s -> what it leaves out
    _bodies: dict = field(default_factory=dict)
    _digested: set = field(default_factory=set)  # ids of the content objects in `site`
    _lists: dict = field(default_factory=dict)  # id -> (list, its `_Listed`)
    _reducers: _Reducers | None = None

    def __post_init__(self):
        for base, left_out in reversed(self.left_out.items()):  # the first match wins, as in order
            for cls in _subclasses(base):
                self.classes[cls] = left_out
        self._reducers = _Reducers(self.classes, self.content_type)
        site = {key: _in_order(value) for key, value in self.context.items()}
        self.site = self._digest(self._digested, self.code, self.helpers, site)

    def inputs(self, context: dict, arguments: tuple, named: dict | None = None) -> bytes | None:
        """The digest of a page's context and arguments, taken before any page renders.

        Rendering may change what it is given (Pelican fills in attributes
        as pages ask for them), so every page's inputs are digested first.
        `named` are the page's keyword arguments: a list of content objects
        among them (a tag's articles, every article) is digested as the list
        of their names, since `site` holds each one's digest.
        """
        if self.site is None or not (context is self.context or same_values(context, self.context)):
            return None
        named = sorted((key, self._listed(value)) for key, value in (named or {}).items())
        return self._digest(set(), self.site, arguments, named)

    def key(self, inputs: bytes | None, reads: Iterable[str]) -> bytes | None:
        """The key of a page with these `inputs` that read the bodies of `reads`."""
        if inputs is None:
            return None
        digest = hashlib.sha256(inputs)
        for source in sorted(reads):
            body = self._body(source)
            if body is None:
                return None
            digest.update(b"%d\0%s" % (len(source), source.encode("utf-8", "surrogatepass")))
            digest.update(body)
        return digest.digest()

    def _listed(self, value):
        if not isinstance(value, list | tuple) or len(value) < 2:
            return value
        known = self._lists.get(id(value))
        if known is None or known[0] is not value:
            content_type, digested = self.content_type, self._digested
            if not all(isinstance(item, content_type) and id(item) in digested for item in value):
                return value
            names = "\0".join(f"{type(item).__qualname__}\0{item.source_path}" for item in value)
            listed = _Listed(type(value).__name__, names.encode("utf-8", "surrogatepass"))
            known = self._lists[id(value)] = (value, listed)
        return known[1]

    def _body(self, source: str) -> bytes | None:
        if source not in self._bodies:
            content = self.sources.get(source)
            self._bodies[source] = (
                None
                if content is None
                else hashlib.sha256(self.body(content).encode("utf-8", "surrogatepass")).digest()
            )
        return self._bodies[source]

    def _digest(self, digested: set, *parts) -> bytes | None:
        """The digest of `parts` and of every content object in them not yet in `site`.

        Each content object is digested on its own, with the ones it refers
        to (older and newer articles, translations) named: one pickle of a
        thousand linked articles would recurse a thousand levels deep.
        """
        queue = []

        def found(content):
            if id(content) not in self._digested and id(content) not in digested:
                digested.add(id(content))
                self.sources.setdefault(content.source_path, content)
                queue.append(content)

        digest = hashlib.sha256()
        self._reducers.found = found
        pickler = self._reducers.pickler(digest)
        try:
            pickler.dump(parts)
            for content in queue:  # grows as contents refer to more contents
                if self.between:
                    self.between()
                pickler.dump(_Whole(content))
        except (pickle.PicklingError, TypeError, AttributeError, RecursionError):
            return None
        return digest.digest()


def _subclasses(base: type) -> list[type]:
    found, queue = [], [base]
    while queue:
        cls = queue.pop()
        if cls not in found:
            found.append(cls)
            queue.extend(cls.__subclasses__())
    return found


def _in_order(value):
    """A dict or set of the context keyed by strings, in sorted order.

    Pelican fills some (`generated_content`) in the order of a set of file
    names, which differs from one process to the next; a page cannot depend
    on that order without differing between two clean builds too.
    """
    if isinstance(value, dict) and all(isinstance(key, str) for key in value):
        return dict(sorted(value.items()))
    if isinstance(value, set | frozenset) and all(isinstance(item, str) for item in value):
        return sorted(value)
    return value


def same_values(context: dict, reference: dict) -> bool:
    """Whether `context` holds the very objects `reference` does (a copy of the same context)."""
    return list(context) == list(reference) and all(
        map(operator.is_, context.values(), reference.values())
    )


def code_digest(templates: Iterable[tuple[str, str]], directories: Iterable[str], versions: str):
    """A digest of the templates' text, every Python file under `directories`, and `versions`."""
    digest = hashlib.sha256(versions.encode())
    for name, text in sorted(templates):
        digest.update(f"{name}\0{text}\0".encode("utf-8", "surrogatepass"))
    for directory in sorted(directories):
        for root, dirs, names in os.walk(directory):
            dirs.sort()
            for name in sorted(names):
                if name.endswith(".py"):
                    path = os.path.join(root, name)
                    with open(path, "rb") as handle:
                        digest.update(path.encode() + b"\0" + handle.read() + b"\0")
    return digest.digest()
