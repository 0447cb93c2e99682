"""Which pages a warm build need not render again, because nothing they were rendered from changed.

A page is a pure function of what its template reads: the site context
(settings, every article's metadata, the lists, the plugins' additions), the
page's own arguments, the templates and the code. All of that but the
articles' bodies goes into one digest per build (`Snapshot.site`), with each
content object pickled without its body; the bodies a page reads are noted
while it renders (the caller records them by source path) and their digests
go into that page's key (`inputs`, then `key`). A later build recomputes the key from the same
sources: equal keys mean the page would come out the same, so when its files
are still in the output exactly as written (size and modification time),
it is not rendered again. Anything that cannot be digested (a value pickle
refuses) makes every key None: the build renders everything, as before.

Pickle bytes are a digest here, never loaded: the same objects give the same
bytes, and anything that differs (a set's order in another process, say)
only costs a render.
"""

import hashlib
import io
import os
import pickle
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from common.files import stamps, unchanged

# Bump when what a key covers changes, so older caches are ignored.
VERSION = 1


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


class _Digester(pickle.Pickler):
    """Pickles `root`; a content object anywhere inside it is named, and handed to `found`."""

    def __init__(self, file, snapshot: "Snapshot", root: object, found: Callable):
        super().__init__(file, pickle.HIGHEST_PROTOCOL)
        self._snapshot = snapshot
        self._root = root
        self._found = found

    def reducer_override(self, obj):
        snapshot = self._snapshot
        left_out = next((v for k, v in snapshot.left_out.items() if isinstance(obj, k)), None)
        if left_out is None:
            return NotImplemented
        if isinstance(obj, snapshot.content_type) and obj is not self._root:
            self._found(obj)
            return _stand_in, (type(obj).__qualname__, obj.source_path)
        state = {k: v for k, v in vars(obj).items() if k not in left_out}
        return _stand_in, (type(obj).__qualname__,), state


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
    sources: dict = field(default_factory=dict)
    site: bytes | None = None
    _bodies: dict = field(default_factory=dict)
    _digested: set = field(default_factory=set)  # ids of the content objects in `site`

    def __post_init__(self):
        site = {key: _in_order(value) for key, value in self.context.items()}
        self.site = self._digest(self._digested, self.code, self.helpers, site)

    def inputs(self, context: dict, arguments: tuple) -> bytes | None:
        """The digest of a page's context and arguments, taken before any page renders.

        Rendering may change what it is given (Pelican fills in attributes
        as pages ask for them), so every page's inputs are digested first.
        """
        if self.site is None or not _same_values(context, self.context):
            return None
        return self._digest(set(), self.site, arguments)

    def key(self, inputs: bytes | None, reads: Iterable[str]) -> bytes | None:
        """The key of a page with these `inputs` that read the bodies of `reads`."""
        if inputs is None:
            return None
        pieces = []
        for source in sorted(reads):
            body = self._body(source)
            if body is None:
                return None
            pieces.append((source, body))
        return self._digest(set(), inputs, pieces)

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
        try:
            digest.update(self._pickle(parts, None, found))
            for content in queue:  # grows as contents refer to more contents
                digest.update(self._pickle(content, content, found))
        except (pickle.PicklingError, TypeError, AttributeError, RecursionError):
            return None
        return digest.digest()

    def _pickle(self, obj, root, found) -> bytes:
        buffer = io.BytesIO()
        _Digester(buffer, self, root, found).dump(obj)
        data = buffer.getvalue()
        return len(data).to_bytes(8, "big") + data


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


def _same_values(context: dict, reference: dict) -> bool:
    """Whether `context` holds the very objects `reference` does (a copy of the same context)."""
    return context.keys() == reference.keys() and all(
        value is reference[key] for key, value in context.items()
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
