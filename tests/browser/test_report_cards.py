"""A member on a phone goes from the index to a Red indicator's report card, its commentary and its
open actions in no more than three taps, and axe finds nothing wrong on the way."""

import re
from datetime import timedelta

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from indicators.models import Indicator
from indicators.reader import Reader
from indicators.rules.terms import Rating
from indicators.selectors import assessments_for, latest_as_at
from reports.actions import report_action
from reports.models import Action, Meeting
from reports.selectors import latest_published_commentary
from tests.browser.conftest import axe_violations, screenshot
from tests.browser.test_screens import LAPTOP, PHONE, sign_in_as_member

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ACTION = "Audit every assessment open longer than 35 days each week"


@pytest.fixture
def red_with_commentary(db):
    """The demo, and a Red indicator on the member's index whose last published report commented
    on it and agreed an action that is still open."""
    call_command("load_demo", verbosity=0)
    from django.contrib.auth import get_user_model

    member = get_user_model().objects.get(username="member")
    reader = Reader.for_user(member)
    as_at = latest_as_at(reader=reader)
    suite = Indicator.objects.filter(is_restricted=False).select_related("service_area")
    red = [a.indicator for a in assessments_for(suite, reader=reader, as_at=as_at) if a.rating is Rating.RED]
    commented = latest_published_commentary([indicator.pk for indicator in red], reader=Reader.PUBLIC)
    indicator = next(indicator for indicator in red if indicator.pk in commented)
    meeting = Meeting.objects.filter(status="published").order_by("-date").first()
    lead = get_user_model().objects.get(username="lead")
    action = Action.objects.create(
        indicator=indicator, meeting=meeting, text=ACTION, owner=lead, due=meeting.date + timedelta(days=90)
    )
    # As the report agreeing it froze it when published.
    meeting.actions_at_publication = [report_action(action, on=meeting.published_at.date()).to_json()]
    meeting.save(update_fields=["actions_at_publication"])
    return indicator, commented[indicator.pk]


@pytest.mark.parametrize("viewport", [PHONE, LAPTOP], ids=["390", "1366"])
def test_member_reaches_a_red_indicators_card_commentary_and_actions_in_three_taps(
    page, live_server, red_with_commentary, viewport
):
    indicator, published = red_with_commentary
    page.set_viewport_size(viewport)
    sign_in_as_member(page, live_server)
    page.goto(live_server.url + "/")
    assert axe_violations(page) == []

    taps = 0
    with page.expect_navigation():
        page.locator("a.kpi-rag--red").first.click()  # the summary's Red count
    taps += 1
    # The row itself says why and what is being done: the commentary and the open action, a tap away.
    row = page.locator(f'tr[data-reference="{indicator.reference}"]')
    row.locator("summary", has_text="open action").click()
    taps += 1
    expect(row.locator("details[open]")).to_contain_text(ACTION)
    expect(row.locator("details[open]")).to_contain_text(" ".join(published.text.split())[:40])
    assert axe_violations(page) == []
    screenshot(page, f"index-row-actions-{viewport['width']}")
    with page.expect_navigation():
        page.get_by_role("link", name=indicator.title, exact=True).first.click()
    taps += 1

    card = page.locator(f"#card-{re.sub(r'[^0-9A-Za-z]', '-', indicator.reference)}")
    expect(card.get_by_role("heading", name=re.compile("Report card"))).to_be_visible()
    expect(card.locator(".kpi-card__story")).to_contain_text(" ".join(published.text.split())[:40])
    expect(card.get_by_role("link", name=published.source.words)).to_be_visible()
    expect(card.locator(".kpi-card__actions")).to_contain_text(ACTION)
    expect(card.locator(".kpi-card__actions")).to_contain_text("Owner:")
    expect(card.get_by_text("Lead officer")).to_be_visible()
    assert taps <= 3
    assert page.evaluate("() => document.documentElement.scrollWidth") <= viewport["width"]
    assert axe_violations(page) == []
    screenshot(page, f"report-card-{indicator.reference}-{viewport['width']}")

    with page.expect_navigation():
        card.get_by_role("link", name=published.source.words).click()
    expect(page.get_by_role("heading", name=re.compile("Report card")).first).to_be_visible()
    assert axe_violations(page) == []
    screenshot(page, f"report-cards-meeting-{viewport['width']}")
