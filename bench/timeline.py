"""One Pelican build with the time and CPU printed at each of Pelican's signals.

    PYTHONPATH=plugins python -m bench.timeline CONTENT -o OUTPUT -s pelicanconf.py \
        --cache-path CACHE --fatal errors -q [-e 'SEARCH={"enabled": false}' ...]

The arguments are Pelican's own. Each line on stderr is the wall time since
the build started, the CPU time of this process and of its children that have
ended (workers, the share cards' and mentions' children), and the signal:

    [  17.67s] self cpu  17.89 children   0.00 article_generator_pretaxonomy

This is the profile behind README's "Building on every core" and "Benchmark":
it shows which stretches of a build run on one core (the build process's CPU
grows as fast as the wall time, its children's not at all) and which on every
core. Receivers run in the order they were connected and these connect first,
so a line comes before the plugins' receivers of the same signal.
"""

import resource
import sys
import time

from pelican import main, signals

SIGNALS = (
    "initialized",
    "readers_init",
    "article_generator_init",
    "article_generator_pretaxonomy",
    "article_generator_finalized",
    "page_generator_finalized",
    "static_generator_finalized",
    "all_generators_finalized",
    "get_writer",
    "article_writer_finalized",
    "finalized",
)


def _cpu(who: int) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def _marker(name: str, start: float):
    def mark(*_args, **_kwargs) -> None:
        print(
            f"[{time.perf_counter() - start:7.2f}s] self cpu {_cpu(resource.RUSAGE_SELF):6.2f} "
            f"children {_cpu(resource.RUSAGE_CHILDREN):6.2f} {name}",
            file=sys.stderr,
            flush=True,
        )

    return mark


def run(arguments: list[str]) -> None:
    start = time.perf_counter()
    # Blinker holds receivers weakly: the markers must live as long as the build.
    markers = [_marker(name, start) for name in SIGNALS]
    for name, marker in zip(SIGNALS, markers, strict=True):
        getattr(signals, name).connect(marker)
    sys.argv = ["pelican", *arguments]
    try:
        main()
    finally:
        _marker("end", start)()


if __name__ == "__main__":
    run(sys.argv[1:])
