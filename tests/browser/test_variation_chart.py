"""The indicator page's variation chart reads without colour, and it, its guide and the change point
form pass axe at 390 and 1366 px."""

import tempfile
from pathlib import Path

import pytest
from playwright.sync_api import expect

from indicators.models import ChangePoint
from indicators.rules.periods import Period, PeriodKind
from indicators.services import period_for
from tests import factories
from tests.browser.conftest import axe_violations
from tests.indicators.test_variation_page import FIRST, STEADY_THEN_HIGH

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1366, "height": 768}
SHOTS = Path(tempfile.gettempdir()) / "shots"

# The shape each legend entry draws for the chart's points: Plotly draws a marker as a path.
LEGEND_SHAPES = """() => Object.fromEntries([...document.querySelectorAll('#xmr-chart .legend .traces')]
  .map(entry => [entry.querySelector('.legendtext').textContent,
                 (entry.querySelector('.scatterpts') || {getAttribute: () => null}).getAttribute('d')])
  .filter(([, shape]) => shape))"""
ICONS = """() => [...document.querySelectorAll('.kpi-mdc-icon')].map(icon => ({
  letter: (icon.querySelector('text') || {textContent: ''}).textContent.trim(),
  wave: !!icon.querySelector('path'),
  words: icon.querySelector('.kpi-mdc-icon__words').innerText.trim(),
}))"""


@pytest.fixture
def indicator(db):
    made = factories.indicator(
        reference="12", title="Assessments in time", frequency="month", polarity="lower"
    )
    for offset, value in enumerate(STEADY_THEN_HIGH):
        factories.outturn(made, FIRST.shifted(offset), value)
    factories.target(made, 2024, value=30)
    ChangePoint.objects.create(
        indicator=made, period=period_for(FIRST.shifted(12)), reason="Assessments counted from referral"
    )
    yearly = factories.indicator(reference="20", title="Reviews on time", frequency="year")
    factories.outturn(yearly, Period(FIRST.start, PeriodKind.YEAR), numerator=50, denominator=100)
    factories.comparator(yearly, 2023, "england", 65, year_label="2023/24")
    factories.comparator(yearly, 2023, "neighbours", 52, year_label="2023/24")
    return made


def sign_in(page, live_server, user):
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(factories.PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Sign in").click()


def shot(page, name: str) -> None:
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SHOTS / f"{name}.png", full_page=True)


@pytest.mark.parametrize("viewport", [PHONE, LAPTOP], ids=["390", "1366"])
def test_the_charts_points_and_icons_are_told_apart_without_colour(
    page, live_server, alice, indicator, viewport
):
    page.set_viewport_size(viewport)
    sign_in(page, live_server, alice)
    page.goto(live_server.url + "/indicators/12/")
    expect(page.locator("#xmr-chart .main-svg").first).to_be_attached()
    shapes = page.evaluate(LEGEND_SHAPES)
    assert set(shapes) >= {"Common cause variation", "Special cause variation: concern"}
    assert len(set(shapes.values())) == len(shapes), shapes  # each kind of point its own shape
    icons = page.evaluate(ICONS)
    assert icons[0] == {"letter": "H", "wave": False, "words": "Special cause concern: higher"}
    assert icons[1]["letter"]  # assurance: P, F or ?, with its words
    assert icons[1]["words"]
    expect(
        page.get_by_text("Limits recalculated from here: Assessments counted from referral")
    ).to_be_hidden()
    page.get_by_text("The chart as a table").click()
    expect(
        page.get_by_text("Limits recalculated from here: Assessments counted from referral")
    ).to_be_visible()
    expect(page.get_by_role("link", name="How to read these charts")).to_be_visible()
    assert page.evaluate("() => document.documentElement.scrollWidth") <= viewport["width"]
    assert axe_violations(page) == []
    assert page.script_errors == []
    page.locator("#variation").screenshot(path=_shot_path(f"variation-12-{viewport['width']}"))


def _shot_path(name: str) -> Path:
    SHOTS.mkdir(exist_ok=True)
    return SHOTS / f"{name}.png"


@pytest.mark.parametrize("viewport", [PHONE, LAPTOP], ids=["390", "1366"])
def test_significance_and_the_guide_pass_axe(page, live_server, alice, indicator, viewport):
    page.set_viewport_size(viewport)
    sign_in(page, live_server, alice)
    page.goto(live_server.url + "/indicators/20/")
    expect(page.locator("#significance-table")).to_contain_text("Worse than England (95%)")
    assert page.evaluate("() => document.documentElement.scrollWidth") <= viewport["width"]
    assert axe_violations(page) == []
    page.locator("#significance").screenshot(path=_shot_path(f"significance-20-{viewport['width']}"))
    page.get_by_role("link", name="What significance against England means").click()
    expect(page.get_by_role("heading", name="How to read these charts")).to_be_visible()
    assert axe_violations(page) == []
    shot(page, f"how-to-read-{viewport['width']}")


@pytest.mark.parametrize("viewport", [PHONE, LAPTOP], ids=["390", "1366"])
def test_an_officer_records_a_change_point_and_sees_the_errors_first(
    page, live_server, bob, indicator, viewport
):
    page.set_viewport_size(viewport)
    sign_in(page, live_server, bob)
    page.goto(live_server.url + "/indicators/12/")
    page.get_by_role("link", name="Record a change in the process").click()
    page.get_by_role("button", name="Record the change").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Choose the first period of the new baseline"
    )
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter why the process changed")
    assert axe_violations(page) == []
    shot(page, f"change-point-errors-{viewport['width']}")
    page.get_by_label("First period of the new baseline").select_option(label="Sep 2024")
    page.get_by_label("Why the process changed").fill("A new duty team took referrals")
    page.get_by_role("button", name="Record the change").click()
    expect(page.locator("#change-points")).to_contain_text("From Sep 2024: A new duty team took referrals")
    assert axe_violations(page) == []
