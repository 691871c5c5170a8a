"""Administrators invite people by e-mail, give them a role and their indicators, and deactivate
them, in the portal's own screens."""

import re
from unittest import mock

import pytest
from django.contrib.auth import get_user_model
from django.core import mail

from indicators.roles import MEMBERS, OFFICERS
from tests.factories import administrator, indicator, performance_officer, scrutiny_member

pytestmark = pytest.mark.django_db

User = get_user_model()


@pytest.fixture
def charlie(client):
    admin = administrator()
    client.force_login(admin)
    return admin


def invite(client, **fields):
    data = {"name": "Dana Okafor", "email": "Dana.Okafor@council.example", "role": OFFICERS, **fields}
    return client.post("/people/invite/", data, follow=True)


def test_an_invited_officer_gets_a_link_sets_a_password_and_enters_figures(client, charlie):
    cp = indicator(reference="CP1")
    page = invite(client, lead_for=[cp.pk], owner_for=[cp.pk])
    assert "Dana Okafor is invited" in page.text
    dana = User.objects.get(email="dana.okafor@council.example")
    assert not dana.has_usable_password()
    assert [group.name for group in dana.groups.all()] == [OFFICERS]
    cp.refresh_from_db()
    assert cp.lead_officer_user == dana
    assert cp.data_owner_user == dana
    assert mail.outbox[0].to == ["dana.okafor@council.example"]

    client.logout()
    path = re.search(r"https?://[^/]+(/accounts/password/set/\S+)", mail.outbox[0].body).group(1)
    form = client.get(path, follow=True)
    client.post(
        form.redirect_chain[-1][0],
        {"new_password1": "dana-sets-her-own", "new_password2": "dana-sets-her-own"},
    )
    signed_in = client.post("/accounts/login/", {"username": dana.username, "password": "dana-sets-her-own"})
    assert signed_in.status_code == 302
    assert client.get("/entry/", follow=True).status_code == 200


def test_the_list_says_who_is_invited_active_and_deactivated(client, charlie):
    invite(client)
    gone = scrutiny_member("ezra")
    gone.is_active = False
    gone.save()
    text = client.get("/people/").text
    assert re.search(r"Dana Okafor.*?Performance officers.*?Invited", text, re.DOTALL)
    assert re.search(r"ezra.*?Scrutiny members.*?Deactivated", text, re.DOTALL)


def test_an_invitation_with_errors_names_each_and_adds_nobody(client, charlie):
    member = scrutiny_member()
    member.email = "alice@council.example"
    member.save()
    page = client.post("/people/invite/", {"name": "", "email": "ALICE@council.example"})
    for message in [
        "Enter their full name",
        "alice@council.example already has an account",
        "Choose their role",
    ]:
        assert message in page.text
    assert User.objects.count() == 2
    assert mail.outbox == []


def test_an_invitation_that_cannot_be_emailed_adds_nobody(client, charlie):
    with mock.patch("accounts.services.send_mail", side_effect=ConnectionRefusedError("refused")):
        page = invite(client)
    assert "could not be e-mailed" in page.text
    assert not User.objects.filter(email="dana.okafor@council.example").exists()


def test_changing_a_role_and_indicators_replaces_the_old_ones(client, charlie):
    bob = performance_officer()
    old, new = indicator(reference="1"), indicator(reference="2")
    old.lead_officer_user = bob
    old.save()
    client.post(f"/people/{bob.pk}/", {"action": "save", "role": MEMBERS, "lead_for": [new.pk]})
    assert [group.name for group in bob.groups.all()] == [MEMBERS]
    old.refresh_from_db()
    new.refresh_from_db()
    assert old.lead_officer_user is None
    assert new.lead_officer_user == bob


def test_a_deactivated_person_cannot_sign_in_and_keeps_their_name_on_their_work(client, charlie):
    bob = performance_officer()
    client.post(f"/people/{bob.pk}/", {"action": "deactivate"})
    bob.refresh_from_db()
    assert not bob.is_active
    client.logout()
    refused = client.post("/accounts/login/", {"username": "bob", "password": "correct-horse-battery-staple"})
    assert refused.status_code == 200
    assert User.objects.filter(pk=bob.pk).exists()


def test_an_administrator_cannot_deactivate_themself(client, charlie):
    page = client.post(f"/people/{charlie.pk}/", {"action": "deactivate"}, follow=True)
    assert "You cannot deactivate yourself" in page.text
    charlie.refresh_from_db()
    assert charlie.is_active


@pytest.mark.parametrize("reader", [scrutiny_member, performance_officer])
def test_only_administrators_manage_people(client, reader):
    client.force_login(reader())
    assert client.get("/people/").status_code == 403
    assert (
        client.post(
            "/people/invite/", {"name": "X", "email": "x@council.example", "role": OFFICERS}
        ).status_code
        == 403
    )
    assert not User.objects.filter(email="x@council.example").exists()


def test_the_menu_offers_people_to_administrators_only(client, charlie):
    assert 'href="/people/"' in client.get("/").text
    client.force_login(performance_officer())
    assert 'href="/people/"' not in client.get("/").text
