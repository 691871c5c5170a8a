"""Wrong passwords lock sign-in: one account from one address after five, and every account from an
address after ten, whatever the usernames tried."""

import pytest

from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db
LOGIN_URL = "/accounts/login/"
LOCKED = "signing in is locked for an hour"


def sign_in(client, username, password, address="192.0.2.10"):
    return client.post(LOGIN_URL, {"username": username, "password": password}, REMOTE_ADDR=address)


def test_ten_usernames_sprayed_from_one_address_lock_that_address(client, bob):
    for number in range(9):
        assert sign_in(client, f"guess{number}", "password1").status_code == 200
    assert sign_in(client, "guess9", "password1").status_code == 429
    response = sign_in(client, "bob", PASSWORD)
    assert response.status_code == 429
    assert LOCKED in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_another_address_still_signs_in_while_one_is_locked(client, bob):
    for number in range(10):
        sign_in(client, f"guess{number}", "password1")
    response = sign_in(client, "bob", PASSWORD, address="198.51.100.7")
    assert response.status_code == 302


def test_a_few_wrong_passwords_across_accounts_from_one_address_lock_nobody(client, bob):
    for number in range(4):
        sign_in(client, f"colleague{number}", "typo")
    assert sign_in(client, "bob", PASSWORD).status_code == 302


def test_five_wrong_passwords_lock_the_account_at_that_address(client, bob):
    for _ in range(5):
        sign_in(client, "bob", "wrong")
    response = sign_in(client, "bob", PASSWORD)
    assert response.status_code == 429
    assert LOCKED in response.content.decode()
    assert sign_in(client, "bob", PASSWORD, address="198.51.100.7").status_code == 302
