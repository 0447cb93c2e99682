"""Make a store look as it did before import ids lost their network (for the migration tests)."""

import json
from pathlib import Path

from common.files import canonical_json
from mentions import store


def written_before_the_migration(directory: Path) -> set[str]:
    """Give every imported record the id the old importer wrote: `import:<network>:<key>`.

    Returns the names of the files changed.
    """
    changed = set()
    for path in store.article_paths(directory).values():
        data = json.loads(path.read_text(encoding="utf-8"))
        for record in data["mentions"]:
            if record["origin"] == "import":
                record["id"] = f"import:{record['network']}:{record['id'].rsplit(':', 1)[1]}"
                changed.add(path.name)
        path.write_text(canonical_json(data), encoding="utf-8")
    return changed
