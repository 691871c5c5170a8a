"""The demo council's indicator page compares it with other councils: both charts are drawn, the
page fits a 320 px phone and a 1366 px laptop without a sideways scroll, and has no WCAG
violations."""

import re

import pytest
from django.core.management import call_command

from indicators.checks import DEMO_PASSWORD
from tests.browser.conftest import axe_violations, screenshot
from tests.browser.test_screens import HIDDEN_COLUMNS, LAPTOP, PAGE_WIDTH, SMALL_PHONE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("viewport", [SMALL_PHONE, LAPTOP], ids=["320", "1366"])
def test_benchmark_charts_are_drawn_and_the_page_fits(page, live_server, viewport):
    call_command("load_demo", verbosity=0)
    page.set_viewport_size(viewport)
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill("member")
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Sign in").click()
    page.goto(f"{live_server.url}/indicators/5/")
    page.wait_for_load_state("networkidle")
    assert page.locator("#benchmark-chart .main-svg").count() > 0
    assert page.locator("#benchmark-over-time-chart .main-svg").count() > 0
    legend = page.locator("#benchmark-over-time-chart .legendtext").all_text_contents()
    assert "Neighbours' median" in legend
    assert page.evaluate(PAGE_WIDTH) <= viewport["width"]
    # Every council's name beside its bar is whole: none starts left of the chart (cut at its edge).
    cut = page.evaluate(
        """() => {
            const chart = document.getElementById('benchmark-chart').getBoundingClientRect();
            return [...document.querySelectorAll('#benchmark-chart .ytick text')]
                .filter(name => name.getBoundingClientRect().left < chart.left - 1)
                .map(name => name.textContent);
        }"""
    )
    assert cut == []
    if viewport is LAPTOP:
        hidden = set(page.evaluate(HIDDEN_COLUMNS))
        assert not hidden & {"benchmark", "benchmark-years", "restatement-trail"}, hidden
    assert axe_violations(page) == []
    screenshot(page, f"benchmark-indicator-5-{viewport['width']}")


def test_the_same_neighbour_rank_is_read_on_the_index_and_the_indicator_page(page, live_server):
    call_command("load_demo", verbosity=0)
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill("member")
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Sign in").click()
    page.goto(f"{live_server.url}/")
    row = page.locator('tr[data-reference="5"]').inner_text()
    found = re.search(r"Rank (\d+) of (\d+) by the published figure", row)
    assert found, row
    page.goto(f"{live_server.url}/indicators/5/")
    on_page = " ".join(page.locator("#benchmark-rank").inner_text().split())
    assert on_page.startswith(f"{found[1]} of {found[2]}, 1 being best, placing DfE's figure for"), on_page
