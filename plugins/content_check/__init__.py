"""Stops the build with a one-line message per broken article or page header.

Pelican on its own skips a file whose header it cannot read (or, with
`--fatal errors`, stops with a traceback). Writers need the file name and
what is wrong with it instead.
"""

from .plugin import register

__all__ = ["register"]
