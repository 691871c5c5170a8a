"""A scrutiny member browses the index in Chromium: filters, sorting, an indicator, the chart."""

import re
from datetime import date

import pytest
from playwright.sync_api import expect

from tests import factories
from tests.browser.conftest import axe_violations, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def suite(db):
    """A small suite: one Red, one Green within range, one contextual, one restricted."""
    social_care = factories.service_area("Social Care", order=1)
    looked_after = factories.service_area("Looked After Children", order=2)
    assessments = factories.indicator(
        reference="2", title="Single assessments authorised within 45 days", area=social_care
    )
    factories.target(assessments, 2019, value=85, tolerance=10, tolerance_kind="percent")
    repeat_plans = factories.indicator(
        reference="11",
        title="Children subject to a plan for a second time",
        area=social_care,
        polarity="range",
    )
    factories.target(repeat_plans, 2019, lower=12, upper=20, tolerance=3)
    proceedings = factories.indicator(
        reference="16",
        title="Weeks to complete care proceedings",
        area=looked_after,
        unit="weeks",
        polarity="lower",
    )
    factories.target(proceedings, 2019, value=26, tolerance=5, tolerance_kind="percent", kind="national")
    contacts = factories.indicator(
        reference="4",
        title="Contacts received",
        area=social_care,
        unit="count",
        polarity="none",
        is_target_measure=False,
    )
    missing = factories.indicator(
        reference="26",
        title="Children missing from care",
        area=looked_after,
        unit="count",
        polarity="lower",
        is_restricted=True,
    )
    for day, values in [
        (date(2019, 1, 1), (90, 22, 31, 2900, 7)),
        (date(2019, 4, 1), (86, 22, 31, 2950, 8)),
        (date(2019, 7, 1), (71, 20, 28, 2800, 9)),
    ]:
        for indicator, value in zip(
            (assessments, repeat_plans, proceedings, contacts, missing), values, strict=True
        ):
            factories.outturn(indicator, day, value, commentary=f"Commentary on {indicator.reference}")
    factories.comparator(proceedings, 2019, "neighbours", 27, year_label="2019/20", neighbours_used=10)
    factories.comparator(proceedings, 2019, "england", 33, year_label="2019/20")
    return {"assessments": assessments, "repeat_plans": repeat_plans, "proceedings": proceedings}


def test_member_filters_the_index_by_rating_and_shares_the_link(page, live_server, sign_in, suite, alice):
    sign_in(alice)
    page.goto(live_server.url + "/")
    expect(page.get_by_role("heading", name="Performance index", exact=True)).to_be_visible()
    page.get_by_text("Filter the index").click()
    page.get_by_label("RAG rating", exact=True).select_option("red")
    page.get_by_role("button", name="Apply filters").click()
    rows = page.locator("#performance-index tbody tr[data-reference]")
    expect(rows).to_have_count(2)
    assert "rating=red" in page.url
    page.goto(page.url)
    expect(rows).to_have_count(2)
    expect(page.get_by_role("row", name="Weeks to complete care proceedings")).to_contain_text("Red")
    screenshot(page, "index-filtered-red")


def test_member_follows_a_summary_count_link(page, live_server, sign_in, suite, alice):
    sign_in(alice)
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="1 Green").click()
    expect(page.locator("#performance-index tbody tr[data-reference]")).to_have_count(1)
    expect(page.locator("#performance-index")).to_contain_text("Children subject to a plan for a second time")


def test_member_sorts_by_rating_worst_first(page, live_server, sign_in, suite, alice):
    sign_in(alice)
    page.goto(live_server.url + "/")
    page.locator("#performance-index th a", has_text="RAG").click()
    expect(page).to_have_url(re.compile(r"sort=rating"))
    rows = page.locator("#performance-index tbody tr[data-reference]")
    expect(rows).to_have_count(4)
    references = rows.evaluate_all("rows => rows.map(row => row.dataset.reference)")
    assert references[:2] == ["2", "16"] or references[:2] == ["16", "2"]
    assert references[-1] == "4"


def test_member_follows_an_indicator_and_sees_the_chart(page, live_server, sign_in, suite, alice):
    sign_in(alice)
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Weeks to complete care proceedings").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Weeks to complete care proceedings")
    expect(page.locator("#rating-explanation")).to_contain_text(
        "28 weeks against a target of 26 weeks; lower is better; "
        "2 weeks off target (7.7% of the target), at least the tolerance of 5% of the target: Red."
    )
    expect(page.locator("#trend-chart .main-svg").first).to_be_visible()
    expect(page.locator("#figures")).to_contain_text("Q2 2019/20")
    assert page.script_errors == []
    screenshot(page, "indicator-16")


def test_restricted_indicator_stays_invisible_to_a_member(page, live_server, sign_in, suite, alice, bob):
    sign_in(alice)
    page.goto(live_server.url + "/")
    expect(page.locator("#performance-index")).not_to_contain_text("Children missing from care")
    response = page.goto(live_server.url + "/indicators/26/")
    assert response.status == 404
    page.context.clear_cookies()
    sign_in(bob)
    page.goto(live_server.url + "/")
    expect(page.locator("#performance-index")).to_contain_text("Children missing from care")


def test_keyboard_alone_reaches_every_filter_and_link(page, live_server, suite, public_access):
    page.goto(live_server.url + "/")
    wanted = page.evaluate(
        """() => Array.from(document.querySelectorAll('main a[href], main select, main input, main button'))
              .map(el => el.id || el.getAttribute('href') || el.textContent.trim())"""
    )
    reached = set()
    for _ in range(len(wanted) + 20):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            "() => { const el = document.activeElement;"
            " return el.id || el.getAttribute('href') || el.textContent.trim(); }"
        )
        reached.add(focused)
        if focused == "Filter the index":
            page.keyboard.press("Enter")  # the filters open from the keyboard, as from a click
    assert set(wanted) <= reached


@pytest.mark.parametrize("path", ["/", "/exceptions/", "/indicators/16/", "/accounts/login/"])
def test_pages_have_no_wcag_violations(page, live_server, suite, public_access, path):
    page.goto(live_server.url + path)
    page.wait_for_load_state("networkidle")
    assert axe_violations(page) == []
    assert page.script_errors == []


def test_index_is_usable_at_320_pixels(page, live_server, suite, public_access):
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto(live_server.url + "/")
    body_width = page.evaluate("() => document.documentElement.scrollWidth")
    assert body_width <= 320
    page.get_by_text("Filter the index").click()
    expect(page.get_by_label("RAG rating", exact=True)).to_be_visible()
    screenshot(page, "index-320")
