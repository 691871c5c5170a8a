"""The three roles and what each may do.

- Scrutiny members read the index, indicators, exceptions and reports.
- Performance officers also enter and correct figures, and see restricted (Part 2) indicators.
- Administrators also change the suite (indicators, targets, comparators, service areas) and users,
  and may validate any indicator's figures.

Only administrators are staff and use the administration pages; officers enter and correct figures
on the portal's "Enter figures" pages (see indicators/admin.py for why).

`ROLES` declares them once: the role groups (synced on every migrate), the people pages' choice of
role, single sign-on's groups and the demo's users read it; menus and page decorators read the
permissions a role grants. Each app built on the index says what a role may do in it
(`role_permissions` in indicators/extensions.py).
"""

from dataclasses import dataclass

from django.apps import apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission

from indicators import extensions

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


@dataclass(frozen=True)
class Role:
    name: str
    """Its group's name, as the people pages show it."""
    key: str
    """How the council's sign-in groups name it (OIDC_GROUP_MEMBERS: "members")."""
    permissions: tuple[str, ...]
    """What it may do in the index; other apps grant theirs (indicators/extensions.py)."""
    is_staff: bool = False
    """Whether it uses the administration pages."""


MEMBER_PERMISSIONS = (*READ,)
OFFICER_PERMISSIONS = (*READ, "enter_outturns", "view_restricted_indicator")
ADMINISTRATOR_PERMISSIONS = (
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
)

ROLES = (
    Role(MEMBERS, "members", MEMBER_PERMISSIONS),
    Role(OFFICERS, "officers", OFFICER_PERMISSIONS),
    Role(ADMINISTRATORS, "administrators", ADMINISTRATOR_PERMISSIONS, is_staff=True),
)
"""Least trusted first: someone given several roles by their sign-in groups has the last."""

ROLE_PERMISSIONS = {role.name: list(role.permissions) for role in ROLES}
"""What each role may do in the index, by name."""


def role_named(name: str) -> Role:
    return next(role for role in ROLES if role.name == name)


def give_role(user, name: str) -> None:
    """Give `user` exactly this one of the roles, and staff status with it if the role uses the
    administration pages (and only then)."""
    user.groups.remove(*Group.objects.filter(name__in=[role.name for role in ROLES]).exclude(name=name))
    user.groups.add(ensure_roles()[name])
    is_staff = role_named(name).is_staff
    if user.is_staff != is_staff:
        user.is_staff = is_staff
        user.save(update_fields=["is_staff"])


def ensure_roles() -> dict[str, Group]:
    """Create or update a group for each of `ROLES` with the permissions the index and every app
    built on it grant it (`extensions.role_permissions`)."""
    granted: dict[str, set[str]] = {role.name: set() for role in ROLES}
    for permissions in (ROLE_PERMISSIONS, *extensions.role_permissions):
        for name, codenames in permissions.items():
            granted[name].update(codenames)
    groups = {}
    for name in granted:
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
        print("  Roles in step:", ", ".join(role.name for role in ROLES))
