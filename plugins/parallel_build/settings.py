"""The `PARALLEL_BUILD` setting: defaults and validation in one place.

Keys:
    workers (int or None, default None): how many processes build the site, the
        build's own process included; None means one per core this process may
        run on (`len(os.sched_getaffinity(0))`). 1 builds serially, exactly as
        Pelican alone does; the output is the same bytes either way.
"""

import os
from dataclasses import dataclass

from known_keys import reject_unknown_keys


@dataclass(frozen=True)
class ParallelSettings:
    workers: int | None = None


def usable_cores() -> int:
    """The cores this process may run on (a container or `taskset` may allow fewer than exist)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1  # macOS has no affinity call


def load_settings(raw: dict | None) -> ParallelSettings:
    """Merge `raw` over the defaults, resolve `workers`; raise ValueError naming any bad key."""
    raw = dict(raw or {})
    reject_unknown_keys("PARALLEL_BUILD", raw, ParallelSettings.__dataclass_fields__)
    merged = ParallelSettings(**raw)
    workers = merged.workers
    if workers is None:
        return ParallelSettings(workers=usable_cores())
    if isinstance(workers, bool) or not isinstance(workers, int) or workers < 1:
        raise ValueError(
            "PARALLEL_BUILD['workers'] must be an integer >= 1, or None for every core"
        )
    return merged
