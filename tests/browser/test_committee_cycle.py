"""The demo council through a committee cycle in Chromium: an officer enters a quarter, publishes the
report after its checklist, corrects a published figure, and the next report lists the correction."""

from datetime import date

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from indicators.checks import DEMO_PASSWORD
from reports.models import Meeting
from tests.browser.conftest import axe_violations, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(db):
    call_command("load_demo", verbosity=0)
    return Meeting.objects.get(as_at=date(2025, 9, 30))


def sign_in_as_officer(page, live_server):
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill("officer")
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def test_officer_takes_the_demo_council_through_a_committee_cycle(page, live_server, demo):
    sign_in_as_officer(page, live_server)

    # Enter Q3 2025/26 for single assessments (indicator 2), well below its 85% target.
    page.get_by_role("link", name="Enter figures").click()
    page.get_by_label("Period").select_option(label="Q3 2025/26 (October to December 2025)")
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("Numerator for 2", exact=True).fill("270")
    page.get_by_label("Denominator for 2", exact=True).fill("400")
    page.get_by_label("Commentary for 2", exact=True).fill(
        "Staffing gaps in the assessment teams over the autumn."
    )
    page.get_by_role("button", name="Save figures").click()
    expect(page.locator(".govuk-notification-banner, .govuk-error-summary").first).to_be_visible()
    if page.get_by_label("This large change is right for 2", exact=True).count():
        page.get_by_label("This large change is right for 2", exact=True).check()
        page.get_by_role("button", name="Save figures").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Saved 1 figure for Q3 2025/26")

    page.goto(f"{live_server.url}/?as_at=2025-12-31")
    expect(page.locator('[data-reference="2"]')).to_contain_text("68%")
    expect(page.locator('[data-reference="2"]')).to_contain_text("Red")

    # Publish the draft report as at 30 September 2025: the checklist first, then the confirmation.
    page.goto(f"{live_server.url}/meetings/{demo.pk}/")
    page.get_by_role("link", name="Publish this report").click()
    expect(page.locator("h1")).to_contain_text("Before you publish the report for 5 November 2025")
    expect(page.locator("#checklist")).to_contain_text("Exceptions without a responsible officer")
    page.get_by_role("button", name="Continue").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Give your reason to publish")
    assert axe_violations(page) == []
    page.get_by_label("Your reason to publish with these items outstanding").fill(
        "The panel asked for the figures before every exception's commentary was in."
    )
    page.get_by_role("button", name="Continue").click()
    expect(page.locator("#frozen")).to_contain_text("Data as at 30 September 2025")
    assert axe_violations(page) == []
    screenshot(page, "publish-confirm")
    page.get_by_role("button", name="Publish and sign off").click()
    expect(page.locator("main")).to_contain_text("Published")
    expect(page.locator("#sign-off")).to_contain_text("The reason given for publishing: The panel asked")
    published = page.locator('#report-index [data-reference="21"]').inner_text()

    # Correct a figure that report published (one not reported by locality: those are corrected
    # through their localities' figures, which make the council's).
    page.goto(f"{live_server.url}/entry/quarter-financial-2025-07-01/")
    page.get_by_label("Numerator for 21", exact=True).fill("36")
    page.get_by_label("Denominator for 21", exact=True).fill("144")
    page.get_by_label("Reason for a correction to 21", exact=True).fill(
        "Placements recounted after a data cleanse."
    )
    page.get_by_label("Commentary for 21", exact=True).fill(
        "Fewer agency placements once duplicates were merged."
    )
    page.get_by_role("button", name="Save figures").click()
    expect(page.locator(".govuk-notification-banner, .govuk-error-summary").first).to_be_visible()
    if page.get_by_label("This large change is right for 21", exact=True).count():
        page.get_by_label("This large change is right for 21", exact=True).check()
        page.get_by_role("button", name="Save figures").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("1 of them corrections")

    # The published report is unchanged; the next report lists the correction.
    page.goto(f"{live_server.url}/meetings/{demo.pk}/")
    assert page.locator('#report-index [data-reference="21"]').inner_text() == published
    following = Meeting.objects.create(
        committee=demo.committee, date=date(2026, 2, 4), as_at=date(2025, 12, 31)
    )
    page.goto(f"{live_server.url}/meetings/{following.pk}/")
    corrections = page.locator("#corrections + table")
    expect(corrections).to_contain_text("Placements recounted after a data cleanse.")
    expect(corrections).to_contain_text("25%")
    assert axe_violations(page) == []
    screenshot(page, "next-report")


DEMO_PAGES = (
    "/meetings/",
    "/decisions/",
    "/exceptions/",
    "/indicators/40/",
    "/entry/",
    "/committees/",
    "/committees/add/",
    "/committees/{committee}/edit/",
    "/meetings/add/",
    "/meetings/{draft}/edit/",
    "/meetings/{draft}/publish/",
)


def test_demo_pages_have_no_wcag_violations(page, live_server, demo):
    """Each page an officer opens in the cycle, in turn, for one demo council: no axe violation and
    no script error on any of them."""
    sign_in_as_officer(page, live_server)
    found = {}
    for path in DEMO_PAGES:
        path = path.format(committee=demo.committee_id, draft=demo.pk)
        page.goto(live_server.url + path)
        page.wait_for_load_state("networkidle")
        problems = axe_violations(page) + page.script_errors
        page.script_errors.clear()
        if problems:
            found[path] = problems
    assert found == {}
