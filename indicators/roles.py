"""The three roles and what each may do.

- Scrutiny members read the index, indicators, exceptions and reports.
- Performance officers also enter and correct figures, and see restricted (Part 2) indicators.
- Administrators also change the suite (indicators, targets, comparators, service areas) and users,
  and may validate any indicator's figures.

Only administrators are staff and use the administration pages; officers enter and correct figures
on the portal's "Enter figures" pages (see indicators/admin.py for why).
"""

from django.apps import apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission

MEMBERS = "Scrutiny members"
OFFICERS = "Performance officers"
ADMINISTRATORS = "Administrators"

READ = [
    "view_indicator",
    "view_target",
    "view_outturn",
    "view_comparator",
    "view_servicearea",
    "view_reportingperiod",
    "view_correction",
]
ROLE_PERMISSIONS = {
    MEMBERS: READ,
    OFFICERS: [*READ, "enter_outturns", "view_restricted_indicator"],
    ADMINISTRATORS: [
        *READ,
        "enter_outturns",
        "view_restricted_indicator",
        "validate_any_outturn",
        "add_indicator",
        "change_indicator",
        "delete_indicator",
        "add_target",
        "change_target",
        "delete_target",
        "add_comparator",
        "change_comparator",
        "delete_comparator",
        "add_servicearea",
        "change_servicearea",
        "delete_servicearea",
        "add_reportingperiod",
        "change_reportingperiod",
        "view_user",
        "add_user",
        "change_user",
        "view_group",
        "view_dfemapping",
        "add_dfemapping",
        "change_dfemapping",
        "delete_dfemapping",
        "view_neighbourgroup",
        "view_dfevalue",
    ],
}


def ensure_roles() -> dict[str, Group]:
    """Create or update the three role groups with the permissions every app grants them (each
    app's `role_permissions`, on its AppConfig)."""
    granted: dict[str, set[str]] = {name: set() for name in ROLE_PERMISSIONS}
    for config in apps.get_app_configs():
        for name, codenames in getattr(config, "role_permissions", {}).items():
            granted[name].update(codenames)
    groups = {}
    for name in ROLE_PERMISSIONS:
        group, _ = Group.objects.get_or_create(name=name)
        wanted = granted[name]
        group.permissions.set(Permission.objects.filter(codename__in=wanted))
        groups[name] = group
    return groups


def sync_roles_after_migrate(sender, *, using="default", verbosity=1, **kwargs) -> None:
    """Every `migrate` leaves the roles as this release declares them: on an empty database it
    creates them, after an upgrade it grants and withdraws what the release changed.

    Django sends `post_migrate` once per app; this runs on the portal's own app only, after making
    sure every app's permissions exist (auth creates them per app in the same signal, so an app
    later in INSTALLED_APPS may not have its permissions yet)."""
    if sender.label != "indicators":
        return
    for config in apps.get_app_configs():
        create_permissions(config, verbosity=0, using=using)
    ensure_roles()
    if verbosity >= 2:
        print("  Roles in step:", ", ".join(ROLE_PERMISSIONS))
