"""The demo panel's actions in Chromium at a phone's and a desktop's width: the report following them
up, the indicator page's open actions, and the officers' and the owner's forms, with no WCAG
violations."""

from datetime import date

import pytest
from django.core.management import call_command

from indicators.checks import DEMO_PASSWORD
from reports.models import Action, Meeting
from tests.browser.conftest import SCREENSHOTS, axe_violations, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = (390, 1366)


@pytest.fixture
def demo(db):
    call_command("load_demo", verbosity=0)
    return Meeting.objects.get(date=date(2020, 11, 4))


def sign_in(page, live_server, username):
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()


@pytest.mark.parametrize("width", WIDTHS)
def test_a_member_reads_the_actions_followed_up_and_those_still_open(page, live_server, demo, width):
    page.set_viewport_size({"width": width, "height": 900})
    sign_in(page, live_server, "member")
    page.goto(f"{live_server.url}/meetings/{demo.pk}/#actions")
    section = page.locator("#actions + p + table, #actions ~ table").first
    assert "Recruit two experienced social workers" in section.inner_text()
    assert axe_violations(page) == []
    screenshot(page, f"actions-report-{width}")
    page.locator("[aria-label='Actions since the last meeting']").screenshot(
        path=SCREENSHOTS / f"actions-section-{width}.png"
    )

    page.goto(f"{live_server.url}/indicators/2/")
    assert "Recruit two experienced social workers" in page.locator("main").inner_text()
    assert axe_violations(page) == []
    screenshot(page, f"actions-indicator-{width}")
    page.locator("#actions").locator("xpath=following-sibling::*[1]").screenshot(
        path=SCREENSHOTS / f"actions-open-{width}.png"
    )


@pytest.mark.parametrize("width", WIDTHS)
def test_officers_record_and_change_actions_and_the_owner_updates(page, live_server, demo, width):
    page.set_viewport_size({"width": width, "height": 900})
    first = Meeting.objects.get(date=date(2019, 11, 6))
    late = Action.objects.get(text__startswith="Recruit")
    sign_in(page, live_server, "officer")
    page.goto(f"{live_server.url}/meetings/{first.pk}/actions/2/")
    page.get_by_role("button", name="Record the action").click()
    assert "There is a problem" in page.locator("main").inner_text()
    assert axe_violations(page) == []
    screenshot(page, f"actions-record-{width}")

    page.goto(f"{live_server.url}/actions/{late.pk}/")
    page.get_by_label("Progress").select_option("dropped")
    page.get_by_role("button", name="Save").click()
    assert "Say why the action was dropped." in page.locator("main").inner_text()
    assert axe_violations(page) == []
    screenshot(page, f"actions-change-{width}")

    page.goto(f"{live_server.url}/actions/{late.pk}/update/")
    assert axe_violations(page) == []
    screenshot(page, f"actions-update-{width}")
    assert page.script_errors == []
