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


READS_APP_CONFIGS = {"indicators/apps.py", "indicators/roles.py"}
"""The app's own config, and the roles making sure every app's permissions exist before they grant
them after a migration."""


def test_features_add_to_the_index_only_through_its_extensions():
    """What an app above adds to the index (places, exception details, entry checks and links, the
    published commentary and its stamp, what its roles may do) is registered in
    indicators/extensions.py; no other module of `indicators` goes looking for it among the
    installed apps."""
    root = Path(indicators.__file__).parent
    looking = sorted(
        f"indicators/{path.relative_to(root)}"
        for path in root.rglob("*.py")
        if "migrations" not in path.parts and "django.apps" in modules_imported(path)
    )
    assert [path for path in looking if path not in READS_APP_CONFIGS] == []


def test_published_reports_register_their_commentary_with_the_index():
    from indicators import extensions
    from reports.index_notes import notes_for_index

    assert notes_for_index in extensions.index_notes


def test_every_app_built_on_the_index_grants_its_roles_through_the_extensions():
    from breakdowns.access import ROLE_PERMISSIONS as BREAKDOWNS
    from indicators import extensions
    from reminders.access import ROLE_PERMISSIONS as REMINDERS
    from reports.access import ROLE_PERMISSIONS as REPORTS

    for granted in (BREAKDOWNS, REPORTS, REMINDERS):
        assert any(registered is granted for registered in extensions.role_permissions)


def modules_imported(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found
