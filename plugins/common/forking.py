"""A helper process forked from the build, starting with its state; None where there can be none.

Forked, a process needs nothing pickled on the way in: it has the caller's
loaded modules, settings and caches. The garbage collector's view of the
caller is frozen across the fork, so the child's collector never scans, and
so copies, every page it shares with the caller. The child is a daemon, so it
never outlives the caller, and ignores Ctrl-C, which the caller handles.

Fork only while no other thread runs: a thread's locks are copied held.
Nor while a worker pool is open: the child would hold the caller's ends of
its pipes, and a worker would never see them close.
"""

import gc
import multiprocessing
import pickle
import signal
from collections.abc import Callable
from multiprocessing.process import BaseProcess


def fork_process(target: Callable, *args) -> BaseProcess | None:
    """A started daemon process running `target(*args)`; None without fork or when the system refuses."""
    if "fork" not in multiprocessing.get_all_start_methods():
        return None
    context = multiprocessing.get_context("fork")
    process = context.Process(target=_without_ctrl_c, args=(target, *args), daemon=True)
    gc.freeze()
    try:
        process.start()
    except OSError:  # no more processes or memory
        return None
    finally:
        gc.unfreeze()
    return process


def _without_ctrl_c(target: Callable, *args) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    target(*args)


class ForkedCall:
    """`function()` computed in a forked child while the caller goes on; `result()` is its value.

    The child sends the value back pickled. Where there is no child (`fork`
    false, no fork, the system refused a process), or it died or raised,
    `result()` calls `here()` (by default `function()`) in the caller: the
    same value, and an error is the caller's. So `function` must not log (the
    caller's handlers would not see it) and may run twice: what it writes, it
    writes whole. `here` is for a caller that does the work differently
    itself (share cards: stop at the first card that fails, naming it).
    """

    def __init__(self, function: Callable, *, fork: bool, here: Callable | None = None):
        self._function = function
        self._here = here or function
        self._process = self._reader = None
        if fork:
            self._reader, writer = multiprocessing.Pipe(duplex=False)
            self._process = fork_process(self._send, writer)
            writer.close()  # the child's end: closed in both, a dead child reads as EOF
            if self._process is None:
                self._reader.close()

    def _send(self, writer) -> None:
        try:
            data = pickle.dumps(self._function(), pickle.HIGHEST_PROTOCOL)
            writer.send_bytes(data)
        except Exception:  # done again by the caller, which reports it
            return

    def result(self):
        """The value of `function()`, waiting for the child if there is one."""
        if self._process is not None:
            try:
                return _unpickled(self._reader.recv_bytes())
            except EOFError:  # died, raised or was refused: done here
                pass
            finally:
                self.close()
        return self._here()

    def close(self) -> None:
        """Stop waiting for the child (a child still sending gets a broken pipe and ends)."""
        if self._process is not None:
            self._reader.close()
            self._process.join()
            self._process = None


def _unpickled(data: bytes):
    # Every object made here stays alive, so a collection while they are made
    # is wasted work; in a build's heap that is two thirds of the time spent.
    enabled = gc.isenabled()
    gc.disable()
    try:
        return pickle.loads(data)
    finally:
        if enabled:
            gc.enable()
