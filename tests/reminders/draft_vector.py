"""Draft the expected .ics of new shared vectors from the Python writer.

    .venv/bin/python tests/reminders/draft_vector.py tests/vectors/ics/14-new-case.json

Writes 14-new-case.ics next to each JSON file given, refusing to overwrite one. The draft is
only a starting point: read it line by line against the rules in tests/vectors/ics/README.md
before committing it, because the tests compare both writers with it and never rebuild it.
"""

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "plugins"))

from reminders.plan import calendar_text


def draft(vector: Path) -> Path:
    """Write the expected bytes for `vector` (a .json input) and return the new .ics path."""
    case = json.loads(vector.read_text(encoding="utf-8"))
    target = vector.with_suffix(".ics")
    if target.exists():
        raise SystemExit(f"{target} exists; delete it first if you really mean to redraft it")
    target.write_bytes(calendar_text(case["form"], case["options"], case["now"]).encode("utf-8"))
    return target


if __name__ == "__main__":
    for argument in sys.argv[1:]:
        draft(Path(argument))
