"""What is due, on the demo council at a 1366 px laptop and a 390 px phone: a summary of what is
overdue, due, awaiting validation and validated at the top, each count a link to its figures, and a
page short enough to read, with the validated figures folded away."""

import os
from pathlib import Path

import pytest
from django.core.management import call_command

from indicators.checks import DEMO_PASSWORD
from tests.browser.conftest import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1366, "height": 768}
SHOTS = Path(os.environ.get("SHOTS_DIR", Path(__file__).resolve().parent.parent / "screenshots"))


@pytest.fixture
def demo(db):
    call_command("load_demo", verbosity=0)


def sign_in_and_open_what_is_due(page, live_server, viewport) -> None:
    page.set_viewport_size(viewport)
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill("officer")
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Sign in").click()
    page.goto(f"{live_server.url}/entry/due/")


@pytest.mark.parametrize(("viewport", "longest"), [(PHONE, 21_000), (LAPTOP, 7_500)], ids=["390", "1366"])
def test_what_is_due_opens_with_a_summary_and_is_short_enough_to_read(
    page, live_server, demo, viewport, longest
):
    """The demo has 190 figures outstanding, of 41 indicators: one row for each indicator and a line
    of counts for each period took the page from 25,000 px to 6,700 at a laptop, and from 55,000 px
    to 19,200 on a phone."""
    sign_in_and_open_what_is_due(page, live_server, viewport)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SHOTS / f"what-is-due-{viewport['width']}.png", full_page=True)
    summary = page.get_by_role("list", name="Figures in the last year, by where they stand")
    assert summary.bounding_box()["y"] < viewport["height"]
    links = summary.get_by_role("link")
    assert [text.split(maxsplit=1)[1] for text in links.all_inner_texts()] == [
        "overdue",
        "due",
        "entered, awaiting validation",
        "validated",
    ]
    for link in links.all():
        assert page.locator(link.get_attribute("href")).count() == 1
    height = page.evaluate("() => document.documentElement.scrollHeight")
    assert height < longest
    assert page.evaluate("() => document.documentElement.scrollWidth") <= viewport["width"]
    assert axe_violations(page) == []


def test_a_summary_count_takes_the_officer_to_those_figures(page, live_server, demo):
    sign_in_and_open_what_is_due(page, live_server, LAPTOP)
    page.get_by_role("link", name="due", exact=False).filter(has_text="overdue").first.click()
    assert page.url.endswith("#overdue")
    overdue = page.locator("section", has=page.locator("#overdue"))
    assert overdue.get_by_role("row").count() > 1
