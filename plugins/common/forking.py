"""A helper process forked from the build, starting with its state; None where there can be none.

Forked, a process needs nothing pickled on the way in: it has the caller's
loaded modules, settings and caches. The garbage collector's view of the
caller is frozen across the fork, so the child's collector never scans, and
so copies, every page it shares with the caller. The child is a daemon, so it
never outlives the caller, and ignores Ctrl-C, which the caller handles.

Fork only while no other thread runs: a thread's locks are copied held.
"""

import gc
import multiprocessing
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
