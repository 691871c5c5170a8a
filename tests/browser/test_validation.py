"""The lead officer validates a quarter's provisional figures, and the public index then shows them."""

from datetime import date

import pytest
from playwright.sync_api import expect

from tests import factories
from tests.browser.conftest import axe_violations, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGE_WIDTH = "() => document.documentElement.scrollWidth"
VIEWPORTS = [{"width": 320, "height": 800}, {"width": 390, "height": 844}, {"width": 1366, "height": 900}]


@pytest.fixture
def quarter(settings):
    """Two indicators validated for Q1 2019/20; Priya entered their Q2 figures, which Dana leads."""
    settings.PUBLIC_ACCESS = True
    priya = factories.make_user("priya", factories.OFFICERS, first_name="Priya", last_name="Officer")
    dana = factories.make_user("dana", factories.OFFICERS, first_name="Dana", last_name="Okafor")
    area = factories.service_area("Social Care")
    for reference, title, q1, q2 in (
        ("2", "Single assessments authorised within the statutory 45 working days", 85, 71.4),
        ("5", "Referrals that are re-referrals within 12 months", 18, 23.9),
    ):
        indicator = factories.indicator(
            area=area, reference=reference, title=title, decimal_places=1, lead_officer_user=dana
        )
        factories.outturn(indicator, date(2019, 4, 1), q1)
        factories.outturn(
            indicator, date(2019, 7, 1), q2, status="provisional", entered_by=priya, commentary="Checked."
        )
    return dana


@pytest.mark.parametrize("viewport", VIEWPORTS, ids=["320", "390", "1366"])
def test_the_lead_officer_validates_the_quarter_and_the_public_index_moves_on(
    page, live_server, sign_in, quarter, viewport
):
    page.set_viewport_size(viewport)
    page.goto(f"{live_server.url}/")
    expect(page.get_by_text("30 June 2019").first).to_be_visible()
    assert "71.4%" not in page.content()

    sign_in(quarter)
    page.goto(f"{live_server.url}/entry/due/")
    page.get_by_role("link", name="Validate figures").click()
    expect(page.get_by_role("heading", name="Validate figures")).to_be_visible()
    assert page.evaluate(PAGE_WIDTH) <= viewport["width"]
    assert axe_violations(page) == []
    screenshot(page, f"validate-{viewport['width']}")

    page.get_by_label("2: Single assessments authorised within the statutory 45 working days: 71.4%").check()
    page.get_by_label("5: Referrals that are re-referrals within 12 months: 23.9%").check()
    page.get_by_role("button", name="Validate the figures ticked").click()
    expect(page.get_by_text("Validated 2 figures.")).to_be_visible()
    expect(page.get_by_text("No figures are awaiting your validation.")).to_be_visible()

    page.context.clear_cookies()
    page.goto(f"{live_server.url}/")
    expect(page.get_by_text("30 September 2019").first).to_be_visible()
    assert "71.4%" in page.content()
    assert page.script_errors == []
