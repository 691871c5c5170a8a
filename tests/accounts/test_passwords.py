"""Everyone signed in with a password can change it; anyone can reset a forgotten one by e-mail."""

import re

import pytest
from django.core import mail

from tests.factories import PASSWORD, scrutiny_member

pytestmark = pytest.mark.django_db

NEW = "a-new-and-long-passphrase"


def test_a_member_changes_her_password(client):
    alice = scrutiny_member()
    client.force_login(alice)
    page = client.get("/accounts/password/")
    assert b"Change your password" in page.content
    done = client.post(
        "/accounts/password/",
        {"old_password": PASSWORD, "new_password1": NEW, "new_password2": NEW},
        follow=True,
    )
    assert b"Your password has been changed" in done.content
    alice.refresh_from_db()
    assert alice.check_password(NEW)


def test_a_wrong_old_password_is_named_and_changes_nothing(client):
    alice = scrutiny_member()
    client.force_login(alice)
    page = client.post(
        "/accounts/password/", {"old_password": "wrong", "new_password1": NEW, "new_password2": NEW}
    )
    assert b"There is a problem" in page.content
    assert b'href="#id_old_password"' in page.content
    assert "Your old password was entered incorrectly" in page.text
    alice.refresh_from_db()
    assert alice.check_password(PASSWORD)


def test_each_missing_field_says_what_to_enter(client):
    client.force_login(scrutiny_member())
    page = client.post("/accounts/password/", {})
    for message in ["Enter your current password", "Enter a new password", "Enter the new password again"]:
        assert message in page.text


def test_changing_a_password_needs_signing_in(client):
    assert client.get("/accounts/password/")["Location"].startswith("/accounts/login/")


def test_a_forgotten_password_is_reset_through_the_emailed_link(client):
    alice = scrutiny_member()
    alice.email = "alice@council.example"
    alice.save()
    sent = client.post("/accounts/password/reset/", {"email": "alice@council.example"}, follow=True)
    assert b"Check your e-mail" in sent.content
    path = re.search(r"https?://[^/]+(/accounts/password/set/\S+)", mail.outbox[0].body).group(1)
    form = client.get(path, follow=True)
    client.post(form.redirect_chain[-1][0], {"new_password1": NEW, "new_password2": NEW})
    alice.refresh_from_db()
    assert alice.check_password(NEW)


def test_an_unknown_address_gets_the_same_page_and_no_email(client):
    sent = client.post("/accounts/password/reset/", {"email": "nobody@council.example"}, follow=True)
    assert b"Check your e-mail" in sent.content
    assert mail.outbox == []


def test_the_sign_in_page_offers_a_reset(client):
    assert b'href="/accounts/password/reset/"' in client.get("/accounts/login/").content


def test_a_wrong_password_is_named_in_the_sign_in_pages_error_summary(client):
    scrutiny_member()
    page = client.post("/accounts/login/", {"username": "alice", "password": "not-hers"})
    assert "There is a problem" in page.text
    assert 'href="#id_username"' in page.text
