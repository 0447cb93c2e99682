"""One check, one message, for every settings dict and data record we validate.

A library used by each plugin's settings module and by the mentions data
files; not a Pelican plugin (no register(), not in PLUGINS). A typo in a key
("intervall") must stop with its name rather than be silently ignored.
`typed_fields` builds on it: the one loader of every plugin's settings dict.
"""

from collections.abc import Iterable


def reject_unknown_keys(
    where: str, given: Iterable[str], allowed: Iterable[str], noun: str = "key"
) -> None:
    """Raise ValueError "WHERE: unknown NOUN(s): a, b" when `given` holds names not `allowed`."""
    unknown = sorted(set(given) - set(allowed))
    if unknown:
        raise ValueError(f"{where}: unknown {noun}(s): {', '.join(unknown)}")
