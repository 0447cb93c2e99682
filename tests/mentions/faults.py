"""Failures injected into the store's writes, to prove a command is all or nothing."""

import os
from collections.abc import Callable
from pathlib import Path

from common import files


def fail_rename(monkeypatch, when: Callable[[int, Path], bool]) -> list[Path]:
    """Make write_together's rename raise OSError for the call (1-based) and file `when` picks.

    Returns the list of files renamed or tried so far.
    """
    real = os.replace
    calls: list[Path] = []

    def replace(source, target):
        calls.append(Path(target))
        if when(len(calls), Path(target)):
            raise OSError("injected: disk full")
        real(source, target)

    monkeypatch.setattr(files.os, "replace", replace)
    return calls
