"""The `PARALLEL_BUILD` setting: defaults and validation in one place.

Keys:
    workers (int or None, default None): how many processes build the site, the
        build's own process included; None means one per core this process may
        run on (`len(os.sched_getaffinity(0))`). 1 builds serially, exactly as
        Pelican alone does; the output is the same bytes either way.
"""

import os
from dataclasses import dataclass, replace
from typing import Annotated

from known_keys.typed_fields import Rule, load_fields

_ONE_OR_MORE = Rule(lambda v: v is None or v >= 1, "an integer >= 1, or None for every core")


@dataclass(frozen=True)
class ParallelSettings:
    workers: Annotated[int | None, _ONE_OR_MORE] = None


def usable_cores() -> int:
    """The cores this process may run on (a container or `taskset` may allow fewer than exist)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1  # macOS has no affinity call


def load_settings(raw: dict | None) -> ParallelSettings:
    """Merge `raw` over the defaults, resolve `workers`; raise ValueError naming any bad key."""
    merged = load_fields("PARALLEL_BUILD", ParallelSettings, raw)
    if merged.workers is None:
        return replace(merged, workers=usable_cores())
    return merged
