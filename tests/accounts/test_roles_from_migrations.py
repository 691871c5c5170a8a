"""A migrated database has the roles and their permissions, with no demo loaded: a council's first
`migrate` gives it members, officers and administrators."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command

from indicators.roles import ADMINISTRATORS, MEMBERS, OFFICERS

pytestmark = pytest.mark.django_db


def codenames(group_name: str) -> set[str]:
    return set(Group.objects.get(name=group_name).permissions.values_list("codename", flat=True))


def test_a_migrated_database_has_the_three_roles():
    assert set(Group.objects.values_list("name", flat=True)) >= {MEMBERS, OFFICERS, ADMINISTRATORS}


def test_each_role_has_the_permissions_every_app_grants_it():
    assert "view_indicator" in codenames(MEMBERS)
    assert "enter_outturns" not in codenames(MEMBERS)
    assert {"enter_outturns", "view_restricted_indicator"} <= codenames(OFFICERS)
    assert {"validate_any_outturn", "add_indicator", "view_reminderlog"} <= codenames(ADMINISTRATORS)


def test_migrate_puts_back_a_permission_a_role_lost():
    group = Group.objects.get(name=OFFICERS)
    group.permissions.remove(Permission.objects.get(codename="enter_outturns"))
    call_command("migrate", verbosity=0)
    assert "enter_outturns" in codenames(OFFICERS)


def test_migrate_withdraws_a_permission_the_release_no_longer_grants():
    group = Group.objects.get(name=MEMBERS)
    group.permissions.add(Permission.objects.get(codename="enter_outturns"))
    call_command("migrate", verbosity=0)
    assert "enter_outturns" not in codenames(MEMBERS)
