"""Pelican glue: every generator's template environment gets its own `render_once`."""

from pelican import signals

from .fragments import Fragments


def add_global(generator) -> None:
    generator.env.globals["render_once"] = Fragments()


def register() -> None:
    signals.generator_init.connect(add_global)
