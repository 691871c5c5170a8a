"""The demo council's pages fit the screen they are read on: a 1366 px laptop, a 390 px phone, and
(for meetings, decisions and a report) a 320 px phone."""

import re
from datetime import date

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from indicators.checks import DEMO_PASSWORD
from reports.models import Meeting
from tests.browser.conftest import axe_violations, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1366, "height": 768}
SMALL_PHONE = {"width": 320, "height": 640}
SCREENS = (SMALL_PHONE, PHONE, LAPTOP)
"""The widths each page is opened at in turn, for one demo council: a small and a usual phone, a laptop."""

PAGE_WIDTH = "() => document.documentElement.scrollWidth"
FIRST_RATING_BOX = (
    "() => document.querySelector('#performance-index tr[data-reference] .kpi-rag')"
    ".getBoundingClientRect().toJSON()"
)
# Tables wider than the box that scrolls them sideways: columns a reader must find by scrolling.
HIDDEN_COLUMNS = """() => [...document.querySelectorAll('table')].filter(table => {
  for (let box = table.parentElement; box; box = box.parentElement) {
    if (['auto', 'scroll'].includes(getComputedStyle(box).overflowX)) {
      return table.getBoundingClientRect().width > box.clientWidth + 1;
    }
  }
  return false;
}).map(table => table.id || table.className)"""


@pytest.fixture
def demo(db):
    call_command("load_demo", verbosity=0)
    return Meeting.objects.get(as_at=date(2019, 9, 30))


def sign_in_as_member(page, live_server, username: str = "member"):
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Sign in").click()


MENU_LINES = """() => new Set([...document.querySelectorAll('.govuk-service-navigation__item')]
  .map(item => Math.round(item.getBoundingClientRect().top))).size"""


@pytest.mark.parametrize("username", ["officer", "lead", "admin"])
def test_the_menu_is_one_line_on_a_laptop_for_officers_and_administrators(page, live_server, demo, username):
    page.set_viewport_size(LAPTOP)
    sign_in_as_member(page, live_server, username)
    for path in ("/", "/meetings/", "/entry/", "/reminders/"):
        page.goto(live_server.url + path)
        assert page.evaluate(MENU_LINES) == 1, path
        assert page.evaluate(PAGE_WIDTH) <= LAPTOP["width"], path
    header = page.locator(".kpi-header__account")
    assert f"Signed in as {username}" in header.inner_text()
    expect(header.get_by_role("button", name="Sign out")).to_be_visible()
    screenshot(page, f"screens-menu-{username}-1366")


def test_the_menu_and_the_readers_own_links_fit_a_phone(page, live_server, demo):
    page.set_viewport_size(PHONE)
    sign_in_as_member(page, live_server, "admin")
    page.goto(live_server.url + "/meetings/")
    assert page.evaluate(PAGE_WIDTH) <= PHONE["width"]
    for name in ("Your reminders", "Administration"):
        expect(page.locator(".kpi-header__account").get_by_role("link", name=name)).to_be_visible()
    page.get_by_role("button", name="Menu").click()
    expect(page.get_by_role("link", name="Enter figures")).to_be_visible()
    assert axe_violations(page) == []
    screenshot(page, "screens-menu-admin-390")


def test_index_shows_every_column_on_a_laptop_without_a_sideways_scroll(page, live_server, demo):
    page.set_viewport_size(LAPTOP)
    sign_in_as_member(page, live_server)
    page.goto(live_server.url + "/")
    screenshot(page, "screens-index-1366")
    assert page.evaluate(PAGE_WIDTH) <= LAPTOP["width"]
    assert page.evaluate(HIDDEN_COLUMNS) == []
    rating = page.evaluate(FIRST_RATING_BOX)
    assert rating["x"] >= 0
    assert rating["x"] + rating["width"] <= LAPTOP["width"]
    # The rating is its row's cell, as tall as the row: its word, at the top, is on the first screen.
    assert rating["y"] + 40 <= LAPTOP["height"]
    for heading in ("Statistical neighbours", "Region", "England", "Target", "RAG", "Direction of travel"):
        expect(page.get_by_role("columnheader", name=heading).first).to_be_visible()
    assert axe_violations(page) == []


def test_index_headings_name_the_periods_and_other_periods_say_so(page, live_server, demo):
    page.set_viewport_size(LAPTOP)
    sign_in_as_member(page, live_server)
    page.goto(live_server.url + "/?as_at=2025-09-30")
    headings = page.locator("#performance-index thead th").all_inner_texts()
    # The year end is one of the four recent quarters: its own column says so, once.
    assert [text.strip() for text in headings[2:7]] == [
        "Q3 2024/25",
        "Q4 2024/25 (year end)",
        "Q1 2025/26",
        "Q2 2025/26",
        "Target",
    ]
    assert not any("Latest" in text for text in headings)
    quarterly = page.locator('#performance-index tr[data-reference="2"] .kpi-index__figure').last
    assert "Q2 2025/26" not in quarterly.inner_text()
    # A monthly indicator's latest figure is for a month (its validated September or August), and says so.
    monthly = page.locator('#performance-index tr[data-reference="13"] .kpi-index__figure').last
    assert re.search(r"\b(Sep|Aug) 2025\b", monthly.inner_text())


def test_index_on_a_phone_shows_the_first_rating_beside_its_name_on_the_first_screen(page, live_server, demo):
    page.set_viewport_size(PHONE)
    sign_in_as_member(page, live_server)
    page.goto(live_server.url + "/")
    assert page.evaluate(PAGE_WIDTH) <= PHONE["width"]
    assert page.evaluate(HIDDEN_COLUMNS) == []
    rating = page.evaluate(FIRST_RATING_BOX)
    assert rating["y"] + rating["height"] <= PHONE["height"]
    first = page.locator("#performance-index tr[data-reference]").first
    title = first.locator(".kpi-index__title a").bounding_box()
    assert rating["y"] < title["y"] + title["height"]  # on the title's line, not below the figures
    assert first.locator(".kpi-rag").inner_text() in {"Red", "Amber", "Green", "Not rated", "No data"}
    assert axe_violations(page) == []
    screenshot(page, "screens-index-390")


def test_phone_reader_can_still_open_the_filters(page, live_server, demo):
    page.set_viewport_size(PHONE)
    sign_in_as_member(page, live_server)
    page.goto(live_server.url + "/")
    expect(page.get_by_label("RAG rating", exact=True)).to_be_hidden()
    page.get_by_text("Filter the index").click()
    page.get_by_label("RAG rating", exact=True).select_option("red")
    page.get_by_role("button", name="Apply filters").click()
    expect(page).to_have_url(re.compile(r"rating=red"))
    ratings = page.locator("#performance-index tr[data-reference] .kpi-rag").all_inner_texts()
    assert ratings
    assert set(ratings) == {"Red"}


@pytest.mark.parametrize("path", ["/meetings/", "/decisions/", "report", "/open-data/"])
def test_meetings_decisions_a_report_and_the_open_data_page_fit_the_screen(page, live_server, demo, path):
    sign_in_as_member(page, live_server)
    address = live_server.url + (demo.get_absolute_url() if path == "report" else path)
    for viewport in SCREENS:
        fits_the_screen(page, address, viewport)
        screenshot(page, f"screens-{path.strip('/') or 'index'}-{viewport['width']}")


@pytest.mark.parametrize("path", ["/committees/", "committee", "/meetings/add/", "checklist"])
def test_committee_meeting_and_publishing_pages_fit_the_screen(page, live_server, demo, path):
    draft = Meeting.objects.get(as_at=date(2025, 9, 30))
    sign_in_as_member(page, live_server, "officer")
    url = {
        "committee": f"/committees/{draft.committee_id}/edit/",
        "checklist": f"/meetings/{draft.pk}/publish/",
    }
    for viewport in SCREENS:
        fits_the_screen(page, live_server.url + url.get(path, path), viewport)
        screenshot(page, f"screens-{path.strip('/').replace('/', '-')}-{viewport['width']}")


def fits_the_screen(page, address: str, viewport: dict) -> None:
    """The page opened at this size is no wider than the screen, hides no column in a sideways
    scroll and passes axe; a failure names the width."""
    page.set_viewport_size(viewport)
    page.goto(address)
    page.wait_for_load_state("networkidle")
    width = viewport["width"]
    assert page.evaluate(PAGE_WIDTH) <= width, f"wider than {width} px"
    assert page.evaluate(HIDDEN_COLUMNS) == [], f"at {width} px"
    assert axe_violations(page) == [], f"at {width} px"


def test_an_indicators_tables_fit_a_laptop_without_a_sideways_scroll(page, live_server, demo):
    """Indicator 5 has localities, figures, DfE's benchmarks and comparators with long file names."""
    page.set_viewport_size(LAPTOP)
    sign_in_as_member(page, live_server)
    page.goto(live_server.url + "/indicators/5/")
    expect(page.locator("#benchmark-years")).to_be_visible()
    wider = page.evaluate(
        """() => [...document.querySelectorAll('.kpi-table-wrap')]
            .filter(box => box.scrollWidth > box.clientWidth)
            .map(box => box.getAttribute('aria-label'))"""
    )
    assert wider == []
    assert page.evaluate("document.documentElement.scrollWidth") <= LAPTOP["width"]
