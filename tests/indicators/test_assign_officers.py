"""Administrators assign a data owner, lead officer and second officer to a set of indicators at
once, from the indicators' list in the administration pages."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME

from indicators.models import Indicator
from tests import factories

pytestmark = pytest.mark.django_db
CHANGELIST = "/admin/indicators/indicator/"


@pytest.fixture
def suite(db):
    return [factories.indicator(reference=str(n), title=f"Indicator {n}") for n in (1, 2, 3)]


def _act(client, indicators, **fields):
    data = {"action": "assign_officers", ACTION_CHECKBOX_NAME: [i.pk for i in indicators], **fields}
    return client.post(CHANGELIST, data, follow=True)


def test_the_action_asks_whom_to_assign_and_names_the_indicators(client, charlie, suite, bob, alice):
    client.force_login(charlie)
    page = _act(client, suite[:2]).content.decode()
    assert "Assign officers to the selected indicators" in page
    assert "1: Indicator 1" in page
    assert "2: Indicator 2" in page
    assert "3: Indicator 3" not in page
    assert "(bob)" in page
    assert "(alice)" not in page, "a scrutiny member cannot own or validate figures"


def test_officers_are_assigned_to_the_ticked_indicators_only(client, charlie, suite, bob):
    dana = factories.performance_officer("dana")
    client.force_login(charlie)
    page = _act(
        client, suite[:2], assign="Assign officers", data_owner_user=bob.pk, lead_officer_user=dana.pk
    ).content.decode()
    assert "to 2 of 2 indicators" in page
    owners = dict(Indicator.objects.values_list("reference", "data_owner_user"))
    leads = dict(Indicator.objects.values_list("reference", "lead_officer_user"))
    assert owners == {"1": bob.pk, "2": bob.pk, "3": None}
    assert leads == {"1": dana.pk, "2": dana.pk, "3": None}
    assert Indicator.history.filter(reference="1").first().data_owner_user_id == bob.pk


def test_a_role_left_blank_keeps_each_indicators_own(client, charlie, suite, bob):
    dana = factories.performance_officer("dana")
    Indicator.objects.filter(reference="1").update(lead_officer_user=dana)
    client.force_login(charlie)
    _act(client, suite, assign="Assign officers", data_owner_user=bob.pk)
    assert Indicator.objects.get(reference="1").lead_officer_user == dana
    assert Indicator.objects.get(reference="2").lead_officer_user is None


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({}, "Choose at least one officer to assign."),
        ({"lead_officer_user": "bob", "second_officer_user": "bob"}, "someone other than the lead officer"),
        ({"data_owner_user": "alice"}, "Select a valid choice."),
    ],
    ids=["nobody", "lead-is-second", "a-member"],
)
def test_a_wrong_choice_is_refused_and_changes_nothing(client, charlie, suite, bob, alice, fields, message):
    users = {"bob": bob.pk, "alice": alice.pk}
    client.force_login(charlie)
    response = _act(client, suite, assign="Assign officers", **{k: users[v] for k, v in fields.items()})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Indicator.objects.exclude(data_owner_user=None, lead_officer_user=None).exists()


def test_officers_who_are_not_staff_cannot_use_the_administration_pages(client, bob, suite):
    client.force_login(bob)
    response = _act(client, suite, assign="Assign officers", data_owner_user=bob.pk)
    assert response.redirect_chain
    assert "/admin/login/" in response.redirect_chain[0][0]
    assert not Indicator.objects.exclude(data_owner_user=None).exists()
