"""Which role a person's groups at the council's provider give them, and single sign-on's settings."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from accounts.sso import role_from_groups
from indicators.roles import ADMINISTRATORS, MEMBERS, OFFICERS

GROUPS = {"g-members": "members", "g-officers": "officers", "g-admins": "administrators"}


@pytest.mark.parametrize(
    ("groups", "role"),
    [
        (["g-members"], MEMBERS),
        (["g-officers", "g-other"], OFFICERS),
        (["g-members", "g-officers", "g-admins"], ADMINISTRATORS),
        (["g-other"], None),
        ([], None),
        (None, None),
    ],
)
def test_the_most_trusted_role_of_a_persons_groups(groups, role):
    assert role_from_groups(groups, GROUPS) == role


def test_single_sign_on_with_an_endpoint_missing_stops_start_up(monkeypatch):
    import importlib

    import kpi_portal.settings

    monkeypatch.setenv("OIDC_CLIENT_ID", "portal")
    monkeypatch.setenv("OIDC_CLIENT_SECRET", "secret")
    monkeypatch.setenv("OIDC_AUTHORIZATION_ENDPOINT", "https://login.example/authorize")
    with pytest.raises(
        ImproperlyConfigured, match="OIDC_TOKEN_ENDPOINT, OIDC_USER_ENDPOINT, OIDC_JWKS_ENDPOINT"
    ):
        importlib.reload(kpi_portal.settings)
    monkeypatch.undo()
    importlib.reload(kpi_portal.settings)


@pytest.mark.django_db
def test_without_single_sign_on_its_pages_do_not_exist(client):
    assert client.get("/accounts/sso/start/").status_code == 404
    assert b"Sign in with your council account" not in client.get("/accounts/login/").content
