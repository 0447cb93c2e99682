"""Browser-only helpers: the accessibility scan every page type must pass."""

import pytest
from axe_playwright_python.sync_playwright import Axe

# axe-core impacts that fail a page; "moderate" and "minor" are reported by
# axe but judged by people, not by this suite.
FAILING_IMPACTS = {"serious", "critical"}


@pytest.fixture(scope="session")
def serious_violations():
    """A function: page -> list of 'rule-id: help (N nodes)' for serious or critical violations."""
    axe = Axe()

    def scan(page) -> list[str]:
        results = axe.run(page)
        return [
            f"{v['id']}: {v['help']} ({len(v['nodes'])} nodes)"
            for v in results.response["violations"]
            if v.get("impact") in FAILING_IMPACTS
        ]

    return scan
