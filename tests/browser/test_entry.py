"""A performance officer enters a quarter, sees the rating change, and corrects a published figure."""

import re
from datetime import date

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests import factories
from tests.browser.conftest import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo_suite():
    area = factories.service_area("Social Care")
    assessments = factories.indicator(area=area, reference="2", title="Single assessments within 45 days")
    factories.target(assessments, 2019, value=80, tolerance=5)
    factories.outturn(assessments, date(2019, 4, 1), 85)
    referrals = factories.indicator(
        area=area, reference="5", title="Referrals to children's social care", unit="count", polarity="none"
    )
    factories.outturn(referrals, date(2019, 4, 1), 120, first_published_at=timezone.now())
    return factories.performance_officer()


def test_officer_enters_a_quarter_and_corrects_a_published_figure(page, live_server, sign_in, demo_suite):
    sign_in(demo_suite)
    expect(page.locator('[data-reference="2"]')).to_contain_text("Green")

    page.get_by_role("link", name="Enter figures").click()
    page.get_by_label("Period").select_option(label="Q2 2019/20 (July to September 2019)")
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Figures for Q2 2019/20")
    assert axe_violations(page) == []

    page.get_by_label("Numerator for 2", exact=True).fill("60")
    page.get_by_label("Denominator for 2", exact=True).fill("100")
    expect(page.locator("output.kpi-entry__computed").first).to_have_text("= 60.0%")
    page.get_by_label("Status for 2").select_option(label="Provisional")
    page.get_by_role("button", name="Save figures").click()

    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text(
        "Indicator 2: Explain in the commentary why the figure moves by more than 25%"
    )
    summary.get_by_role("link", name="Indicator 2: The figure moves by more than 25%").click()
    expect(page.get_by_label("This large change is right for 2")).to_be_focused()
    page.get_by_label("This large change is right for 2").check()
    page.get_by_label("Commentary for 2").fill("Two teams were short of social workers.")
    page.get_by_role("button", name="Save figures").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Saved 1 figure for Q2 2019/20")

    page.get_by_role("link", name="Performance index").click()
    expect(page.locator('[data-reference="2"]')).to_contain_text("Red")

    page.goto(f"{live_server.url}/entry/quarter-financial-2019-04-01/")
    page.get_by_label("Value for 5", exact=True).fill("125")
    page.get_by_label("Reason for a correction to 5").fill("Late referrals added after the report.")
    page.get_by_role("button", name="Save figures").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("1 of them corrections")

    page.goto(f"{live_server.url}/indicators/5/")
    expect(page.locator("#corrections")).to_contain_text("Q1 2019/20: 120 corrected to 125 on")
    expect(page.locator("#corrections")).to_contain_text("Reason: Late referrals added after the report.")


def test_officer_typing_a_red_figure_on_a_phone_sees_it_is_red_and_needs_commentary(
    page, live_server, sign_in, demo_suite
):
    page.set_viewport_size({"width": 390, "height": 844})
    sign_in(demo_suite)
    page.goto(f"{live_server.url}/entry/quarter-financial-2019-07-01/")
    expect(page.locator("#rows-0-target")).to_have_text(
        "Target 80% or more; off target by less than 5 percentage points: Amber;"
        " by 5 percentage points or more: Red"
    )
    numerator = page.get_by_label("Numerator for 2", exact=True)
    numerator.fill("74")
    page.get_by_label("Denominator for 2", exact=True).fill("100")
    page.get_by_role("button", name="Check figures").click()

    rating = page.locator("#rows-0-rating")
    expect(rating).to_have_text("74% is Red Red figures need commentary before they can be validated.")
    expect(rating.locator(".kpi-rag")).to_be_visible()
    expect(numerator).to_have_accessible_description(
        re.compile(r"Target 80% or more.*74% is Red Red figures")
    )
    expect(page.locator("#checked")).to_contain_text("Nothing is saved yet.")
    expect(page.locator("#checked")).to_contain_text("Single assessments within 45 days: 74% is Red")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert axe_violations(page) == []

    page.get_by_label("Commentary for 2").fill("Two teams were short of social workers.")
    page.get_by_role("button", name="Check figures").click()
    expect(page.locator("#rows-0-rating")).to_have_text("74% is Red")
    page.get_by_role("button", name="Save figures").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Saved 1 figure for Q2 2019/20")
    expect(page.locator("#rows-0-rating")).to_have_text("74% is Red")
