"""Browser-only helpers: the accessibility scans every page type must pass."""

import pytest
from axe_playwright_python.sync_playwright import Axe

# axe-core impacts that fail a page in the serious-only scan; "moderate" and
# "minor" are reported by axe but judged by people there.
FAILING_IMPACTS = {"serious", "critical"}
# Every rule set axe has: the WCAG 2.0-2.2 A/AA rules, best practices, and the
# experimental rules (off by default; Label in Name is one of them).
RULE_SETS = [
    "wcag2a",
    "wcag2aa",
    "wcag21a",
    "wcag21aa",
    "wcag22aa",
    "best-practice",
    "experimental",
]
ALL_RULE_SETS = {"runOnly": {"type": "tag", "values": RULE_SETS}, "resultTypes": ["violations"]}


def _describe(violations) -> list[str]:
    return [f"{v['id']} ({v['impact']}): {v['help']} ({len(v['nodes'])} nodes)" for v in violations]


@pytest.fixture(scope="session")
def axe():
    return Axe()


@pytest.fixture(scope="session")
def serious_violations(axe):
    """A function: page -> 'rule-id (impact): help (N nodes)' for serious or critical violations."""

    def scan(page) -> list[str]:
        violations = axe.run(page).response["violations"]
        return _describe(v for v in violations if v.get("impact") in FAILING_IMPACTS)

    return scan


@pytest.fixture(scope="session")
def all_violations(axe):
    """A function: page -> every violation of any impact, with the experimental and best-practice rules."""

    def scan(page) -> list[str]:
        return _describe(axe.run(page, options=ALL_RULE_SETS).response["violations"])

    return scan
