"""Do a list of independent jobs in forked worker processes and in the calling process at once.

The caller asks for results in list order, as a serial loop would (`result(i)`),
and does the jobs from the front of the list itself while the workers are sent
jobs from the back; they meet in the middle. The caller is the only dispatcher,
so there is no shared lock a dying process could leave held.

What must stay exactly as in a serial run, and how:

- A job that raises in a worker, or logs a warning or worse, is not reported
  from there: the caller does it again itself, so the error or warning comes
  from the caller, in serial order, with the caller's log configuration (and
  Pelican's `--fatal` rule). Records below WARNING are sent back and handed to
  the caller's log handlers when the caller takes that result.
- A worker that dies (killed, out of memory) loses only its unfinished jobs:
  the caller does them itself and stops sending work to that worker.
- Results travel as pickles. `shared` is one object (the Pelican settings
  dict) that results refer to: it is not copied but replaced, on arrival, by
  the caller's own object, so a result is what the caller would have made.

Workers are forked (`common.forking`), so they start with the caller's state
(loaded readers, templates, settings) and nothing has to be pickled on the
way in. Where processes cannot be forked (no "fork" start method, or the
system refuses one), the caller does every job itself.
"""

import io
import logging
import multiprocessing
import pickle
from collections.abc import Callable, Sequence
from multiprocessing.connection import Connection, wait

from common.forking import fork_process

# Jobs queued at each worker: enough that it never waits for the caller, few
# enough that little is lost when it dies.
DEPTH = 3
SHARED = "shared"
# How long a closed worker may take to finish the job in hand before it is killed.
JOIN_SECONDS = 10


class _Redo(Exception):
    """The job logged a warning: the caller does it again, to log it in serial order."""


class _Collector(logging.Handler):
    """In a worker: keeps the records of the current job instead of printing them."""

    def __init__(self):
        super().__init__()
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


class _SharedPickler(pickle.Pickler):
    def __init__(self, file, shared):
        super().__init__(file, pickle.HIGHEST_PROTOCOL)
        self._shared = shared

    def persistent_id(self, obj):
        return SHARED if obj is self._shared else None


class _SharedUnpickler(pickle.Unpickler):
    def __init__(self, file, shared):
        super().__init__(file)
        self._shared = shared

    def persistent_load(self, pid):
        if pid != SHARED:
            raise pickle.UnpicklingError(f"unknown persistent id {pid!r}")
        return self._shared


class WorkerPool:
    """`workers` forked processes doing `work(items[i])`; use as a context manager."""

    def __init__(self, items: Sequence, work: Callable, workers: int, shared: object = None):
        self._items = items
        self._work = work
        self._shared = shared
        self._results: dict[int, bytes | None] = {}  # None: the caller does it itself
        self._back = len(items)  # jobs at and after this index went to workers
        self._owner: dict[int, Connection] = {}
        self._queued: dict[Connection, int] = {}
        self._processes = []
        self.done_by_workers = 0
        for _ in range(workers if len(items) > 1 else 0):
            ours, theirs = multiprocessing.Pipe()
            process = fork_process(self._serve, theirs, ours)
            if process is None:  # no fork, or no more processes: the ones started will do
                ours.close()
                theirs.close()
                break
            theirs.close()
            self._queued[ours] = 0
            self._processes.append(process)

    def __enter__(self) -> "WorkerPool":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def result(self, index: int):
        """What `work(items[index])` returns (or raises), with its log records replayed."""
        self._collect(block=False)
        self._dispatch(index)
        if index < self._back:
            return self._work(self._items[index])
        while index not in self._results and self._owner.get(index) in self._queued:
            self._collect(block=True)
            self._dispatch(index)
        self._owner.pop(index, None)  # asked again, it is done here
        payload = self._results.pop(index, None)
        if payload is None:
            return self._work(self._items[index])
        value, records = _SharedUnpickler(io.BytesIO(payload), self._shared).load()
        self.done_by_workers += 1
        for record in records:
            logger = logging.getLogger(record.name)
            if logger.isEnabledFor(record.levelno):
                logger.callHandlers(record)
        return value

    def poll(self) -> None:
        """Take finished results and hand out jobs without waiting (the caller is busy elsewhere)."""
        self._collect(block=False)
        self._dispatch(0)

    def close(self) -> None:
        """Stop every worker; jobs not taken are dropped."""
        for connection in list(self._queued):
            self._drop(connection)
        for process in self._processes:
            process.join(timeout=JOIN_SECONDS)
            if process.is_alive():
                process.kill()
                process.join()

    def _dispatch(self, current: int) -> None:
        # Hand out jobs from the back while the back is ahead of the caller.
        for connection, queued in list(self._queued.items()):
            while queued < DEPTH and self._back - 1 > current:
                self._back -= 1
                try:
                    connection.send(self._back)
                except OSError:
                    self._drop(connection)
                    break
                self._owner[self._back] = connection
                queued += 1
            if connection in self._queued:
                self._queued[connection] = queued

    def _collect(self, block: bool) -> None:
        if not self._queued:
            return
        for connection in wait(list(self._queued), timeout=None if block else 0):
            try:
                index, payload = connection.recv()
            except (EOFError, OSError):  # the worker died
                self._drop(connection)
                continue
            self._results[index] = payload
            self._queued[connection] -= 1

    def _drop(self, connection: Connection) -> None:
        del self._queued[connection]
        connection.close()

    def _serve(self, connection: Connection, callers_end: Connection) -> None:
        """A worker: do each job index the caller sends until the pipe closes."""
        # The caller's ends of the pipes, copied by the fork: while a worker
        # holds one, that pipe never reports the caller closing it.
        for end in (callers_end, *self._queued):
            end.close()
        collector = _Collector()
        logging.root.handlers[:] = [collector]
        while True:
            try:
                index = connection.recv()
            except (EOFError, OSError):
                return
            collector.records.clear()
            try:
                connection.send((index, self._attempt(index, collector.records)))
            except OSError:  # the caller closed the pool
                return

    def _attempt(self, index: int, records: list[logging.LogRecord]) -> bytes | None:
        buffer = io.BytesIO()
        try:
            value = self._work(self._items[index])
            if any(record.levelno >= logging.WARNING for record in records):
                raise _Redo
            _SharedPickler(buffer, self._shared).dump((value, [_portable(r) for r in records]))
        except Exception:  # the caller does it again and reports it as a serial run would
            return None
        return buffer.getvalue()


def _portable(record: logging.LogRecord) -> logging.LogRecord:
    """The record with its message formatted, so arguments of any type survive pickling."""
    record.msg, record.args = record.getMessage(), None
    if record.exc_info:
        record.exc_text = logging.Formatter().formatException(record.exc_info)
        record.exc_info = None
    return record
