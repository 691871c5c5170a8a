"""People sign in through the council's OpenID Connect provider, a real one started on the
loopback address (tests/sso/provider.mjs), and land on the index with the role their groups give;
someone in no such group, or not invited where roles are assigned in the portal, is refused with a
message."""

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from indicators.roles import MEMBERS, OFFICERS
from tests.browser.conftest import axe_violations, screenshot
from tests.factories import make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1366, "height": 768}


def sign_in_through_the_provider(page, live_server, login: str) -> None:
    """Through the provider's pages, each click waited on until the page it leads to has loaded, so
    what is asked of the next page is not asked of the one before it."""
    page.goto(f"{live_server.url}/accounts/login/")
    with page.expect_navigation():
        page.get_by_role("button", name="Sign in with your council account").click()
    if page.locator("input[name=login]").count():  # not already signed in at the provider
        page.locator("input[name=login]").fill(login)
        page.locator("input[name=password]").fill("any password the provider accepts")
        with page.expect_navigation():
            page.get_by_role("button", name="Sign-in").click()
    if page.get_by_role("button", name="Continue").count():
        with page.expect_navigation():
            page.get_by_role("button", name="Continue").click()


def roles_of(email: str) -> list[str]:
    user = get_user_model().objects.get(email__iexact=email)
    return [group.name for group in user.groups.all()]


def test_an_officer_signs_in_with_the_role_her_groups_give(page, live_server, sso):
    page.set_viewport_size(LAPTOP)
    sign_in_through_the_provider(page, live_server, "dana")
    assert page.url == f"{live_server.url}/"
    account = page.get_by_role("list", name="Your account")
    expect(account.get_by_text("dana.okafor@council.example")).to_be_visible()
    expect(page.get_by_role("link", name="Enter figures")).to_be_visible()
    assert roles_of("dana.okafor@council.example") == [OFFICERS]


def test_a_member_signs_in_on_a_phone_and_cannot_enter_figures(page, live_server, sso):
    page.set_viewport_size(PHONE)
    sign_in_through_the_provider(page, live_server, "cllr.ash")
    assert page.url == f"{live_server.url}/"
    assert roles_of("ash.rahman@council.example") == [MEMBERS]
    assert page.goto(f"{live_server.url}/entry/").status == 403


def test_someone_in_no_group_that_gives_a_role_is_refused_with_a_message(page, live_server, sso):
    for width in (PHONE, LAPTOP):
        page.set_viewport_size(width)
        sign_in_through_the_provider(page, live_server, "stranger")
        assert "/accounts/login/" in page.url
        expect(page.get_by_text("Your council account is not set up for this portal")).to_be_visible()
        screenshot(page, f"sso-refused-{width['width']}")
        assert axe_violations(page) == []
    assert not get_user_model().objects.filter(email__iexact="stranger@council.example").exists()


def test_where_roles_are_assigned_in_the_portal_only_invited_people_come_in(page, live_server, sso):
    sso.OIDC_ROLE_GROUPS = {}
    sso.OIDC_CREATE_USER = False
    make_user("dana", MEMBERS, email="dana.okafor@council.example")
    sign_in_through_the_provider(page, live_server, "dana")
    assert page.url == f"{live_server.url}/"
    assert roles_of("dana.okafor@council.example") == [MEMBERS]  # the portal's role, not her groups'

    page.get_by_role("button", name="Sign out").click()
    page.context.clear_cookies()  # signed out at the provider too: another person at the keyboard
    sign_in_through_the_provider(page, live_server, "cllr.ash")
    expect(page.get_by_text("Your council account is not set up for this portal")).to_be_visible()


def test_a_deactivated_person_is_refused(page, live_server, sso):
    make_user("dana", OFFICERS, email="dana.okafor@council.example", is_active=False)
    sign_in_through_the_provider(page, live_server, "dana")
    expect(page.get_by_text("Your council account is not set up for this portal")).to_be_visible()
