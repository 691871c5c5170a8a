"""A role is declared once (indicators/roles.py `ROLES`): its group, the people pages' choice, the
council's sign-in groups and staff status all follow the declaration."""

from django.contrib.auth.models import Group

from accounts.forms import PersonForm
from accounts.sso import ROLE_FOR
from indicators.roles import ROLES, ensure_roles, give_role
from tests import factories


def test_every_role_has_its_group_its_choice_and_its_sign_in_group(db):
    ensure_roles()
    names = [role.name for role in ROLES]
    assert set(Group.objects.filter(name__in=names).values_list("name", flat=True)) == set(names)
    assert [value for value, _ in PersonForm().fields["role"].choices] == names
    assert sorted(ROLE_FOR.values()) == sorted(names)


def test_giving_a_role_takes_the_others_away_and_sets_staff_status_as_declared(db):
    person = factories.scrutiny_member()
    for role in ROLES:
        give_role(person, role.name)
        person.refresh_from_db()
        assert [group.name for group in person.groups.all()] == [role.name]
        assert person.is_staff == role.is_staff
