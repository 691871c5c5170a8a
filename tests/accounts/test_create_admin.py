"""`manage.py create_admin` makes a council's first administrator, who sets their own password
through a one-time link."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import CommandError, call_command

from indicators.roles import ADMINISTRATORS

pytestmark = pytest.mark.django_db


def create_admin(*args) -> str:
    out = StringIO()
    call_command("create_admin", *args, stdout=out)
    return out.getvalue()


def link_in(text: str) -> str:
    return next(word for word in text.split() if "/accounts/password/set/" in word)


NEW_PASSWORD = "a-long-council-pass"


def set_password(client, printed: str, password: str = NEW_PASSWORD):
    """Follow the printed link as its recipient would and set a password; the link's path."""
    path = link_in(printed).split(":8000", 1)[1]
    form = client.get(path, follow=True)
    assert "Set your password" in form.text
    client.post(form.redirect_chain[-1][0], {"new_password1": password, "new_password2": password})
    return path


def test_it_creates_an_administrator_with_no_password():
    create_admin("--name", "Asha Patel", "--email", "Asha.Patel@council.example")
    asha = get_user_model().objects.get(username="asha.patel@council.example")
    assert (asha.first_name, asha.last_name, asha.email) == ("Asha", "Patel", "asha.patel@council.example")
    assert asha.is_staff
    assert not asha.has_usable_password()
    assert list(asha.groups.values_list("name", flat=True)) == [ADMINISTRATORS]


def test_it_prints_and_emails_the_link_to_set_a_password(client):
    printed = create_admin("--name", "Asha Patel", "--email", "asha@council.example")
    assert mail.outbox[0].to == ["asha@council.example"]
    assert link_in(printed) in mail.outbox[0].body

    path = link_in(printed).split("127.0.0.1:8000", 1)[1]
    form = client.get(path, follow=True)
    assert b"Set your password" in form.content
    client.post(
        form.redirect_chain[-1][0],
        {"new_password1": "a-long-council-pass", "new_password2": "a-long-council-pass"},
    )
    asha = get_user_model().objects.get(username="asha@council.example")
    assert asha.check_password("a-long-council-pass")


def test_the_link_works_once(client):
    path = link_in(create_admin("--name", "Asha Patel", "--email", "asha@council.example")).split(":8000", 1)[
        1
    ]
    form = client.get(path, follow=True)
    client.post(
        form.redirect_chain[-1][0],
        {"new_password1": "a-long-council-pass", "new_password2": "a-long-council-pass"},
    )
    again = client.get(path, follow=True)
    assert b"This link has expired" in again.content


def test_the_administrator_can_use_the_administration_pages(client):
    path = link_in(create_admin("--name", "Asha Patel", "--email", "asha@council.example")).split(":8000", 1)[
        1
    ]
    form = client.get(path, follow=True)
    client.post(
        form.redirect_chain[-1][0],
        {"new_password1": "a-long-council-pass", "new_password2": "a-long-council-pass"},
    )
    signed_in = client.post(
        "/accounts/login/", {"username": "asha@council.example", "password": "a-long-council-pass"}
    )
    assert signed_in.status_code == 302
    assert client.get("/admin/auth/user/add/").status_code == 200
    assert client.get("/admin/indicators/indicator/").status_code == 200


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--name", " ", "--email", "a@council.example"], "full name"),
        (["--name", "Asha Patel", "--email", "not-an-address"], "is not an e-mail address"),
    ],
)
def test_it_refuses_a_missing_name_or_a_bad_address(args, message):
    with pytest.raises(CommandError, match=message):
        create_admin(*args)
    assert not get_user_model().objects.exists()


def test_it_refuses_someone_already_there_and_changes_nothing():
    create_admin("--name", "Asha Patel", "--email", "asha@council.example", "--no-email")
    with pytest.raises(CommandError, match="already a user"):
        create_admin("--name", "Another Asha", "--email", "ASHA@council.example", "--username", "asha2")
    assert get_user_model().objects.count() == 1
    assert mail.outbox == []
