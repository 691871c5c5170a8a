"""A member reads the demo's published report on a 390 px phone and a 1366 px laptop: a contents
list, the front sheet, the summary and the exceptions within two screens, and axe finds nothing.

Measured on the demo's report of 4 November 2020 (`-s` prints it): before the contents list, 40.6
screens at 390 px with the exceptions 5.9 screens down (20.8 and 4.2 at 1366 px); with it, 20.6
screens and 2.0 (14.1 and 1.7)."""

from datetime import date

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from reports.models import Meeting
from tests.browser.conftest import axe_violations, screenshot
from tests.browser.test_screens import LAPTOP, PHONE, sign_in_as_member

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TOP_OF = "(selector) => document.querySelector(selector).getBoundingClientRect().top + window.scrollY"
PAGE_HEIGHT = "() => document.documentElement.scrollHeight"


@pytest.fixture
def published(db):
    call_command("load_demo", verbosity=0)
    return Meeting.objects.get(as_at=date(2020, 9, 30))


@pytest.mark.parametrize("viewport", [PHONE, LAPTOP], ids=["390", "1366"])
def test_a_member_reaches_the_exceptions_within_two_screens(page, live_server, published, viewport):
    page.set_viewport_size(viewport)
    sign_in_as_member(page, live_server)
    page.goto(live_server.url + published.get_absolute_url())
    page.wait_for_load_state("networkidle")
    screens = page.evaluate(PAGE_HEIGHT) / viewport["height"]
    exceptions_at = page.evaluate(TOP_OF, "#exceptions") / viewport["height"]
    print(f"{viewport['width']} px: {screens:.1f} screens; exceptions start {exceptions_at:.1f} screens down")
    screenshot(page, f"report-{viewport['width']}")
    assert exceptions_at < 2
    assert axe_violations(page) == []

    page.get_by_role("navigation", name="Contents").get_by_role("link", name="Exceptions").click()
    assert page.url.endswith("#exceptions")
    page.get_by_role("navigation", name="Contents").get_by_role("link", name="The full index").click()
    page.get_by_text("Show the full index").click()
    expect(page.locator("#report-index tr[data-reference]").first).to_be_visible()
    assert axe_violations(page) == []


@pytest.mark.parametrize("viewport", [PHONE, LAPTOP], ids=["390", "1366"])
def test_the_commentary_page_shows_the_figure_target_and_rating(page, live_server, published, viewport):
    draft = Meeting.objects.get(as_at=date(2025, 9, 30))
    page.set_viewport_size(viewport)
    sign_in_as_member(page, live_server, "officer")
    page.goto(f"{live_server.url}/meetings/{draft.pk}/commentary/13/")
    page.wait_for_load_state("networkidle")
    facts = page.locator("#report-line")
    for label in ("Latest figure, Sep 2025", "Target", "Rating", "The report shows now"):
        assert label in facts.inner_text()
    assert axe_violations(page) == []
    screenshot(page, f"commentary-{viewport['width']}")
