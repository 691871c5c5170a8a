"""The index is the ground floor: `indicators` imports nothing built on it. Breakdowns, reports,
reminders and the rest register what they add to the index (indicators/extensions.py) instead."""

import ast
from pathlib import Path

import indicators

ABOVE = {"breakdowns", "reports", "reminders", "accounts", "statutory", "demo", "bench", "kpi_portal"}
ALLOWED = {("indicators/apps.py", "kpi_portal")}
"""The menu the index declares for the service's navigation (kpi_portal/menu.py) is URL wiring."""


def imports_of(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module.split(".")[0])
    return found


def test_indicators_imports_nothing_built_on_it():
    root = Path(indicators.__file__).parent
    above = sorted(
        (f"indicators/{path.relative_to(root)}", name)
        for path in root.rglob("*.py")
        for name in imports_of(path) & ABOVE
    )
    assert [found for found in above if found not in ALLOWED] == []
