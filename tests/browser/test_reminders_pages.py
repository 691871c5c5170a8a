"""The reminders pages, and the reminder e-mail itself, on phones and a laptop: no sideways scroll,
no WCAG 2.2 AA violations."""

import pytest
from django.core import mail

from reminders.services import send_reminders
from tests import factories
from tests.browser.conftest import axe_violations, screenshot
from tests.reminders.conftest import dana, lee, reminder_settings  # noqa: F401
from tests.reminders.helpers import OVERDUE_DAY, Q2_START, owned_indicator

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
WIDTHS = (320, 390, 1366)
PAGE_WIDTH = "() => document.documentElement.scrollWidth"


@pytest.fixture
def reminded(dana, lee):  # noqa: F811 - the fixtures imported above
    """Dana has been reminded of two overdue figures and Lee of one awaiting his validation."""
    owned_indicator(
        dana, reference="2", title="% of single assessments authorised within the statutory 45 days"
    )
    owned_indicator(dana, reference="16", title="Average number of weeks taken to complete care proceedings")
    waiting = owned_indicator(
        dana, reference="5", title="Re-referrals within 12 months", lead_officer_user=lee
    )
    factories.outturn(waiting, Q2_START, 21, status="provisional")
    send_reminders(today=OVERDUE_DAY)
    return mail.outbox


def fits(page, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 800})
    assert page.evaluate(PAGE_WIDTH) <= width


def test_an_officer_reads_their_reminders_on_any_screen(page, live_server, sign_in, dana, reminded):  # noqa: F811
    sign_in(dana)
    page.goto(f"{live_server.url}/reminders/")
    assert "% of single assessments" in page.inner_text("main")
    for width in WIDTHS:
        fits(page, width)
        screenshot(page, f"reminders-log-{width}")
    assert axe_violations(page) == []
    assert page.script_errors == []


def test_a_person_switches_reminders_off_on_a_phone(page, live_server, sign_in, alice):
    sign_in(alice)
    page.goto(f"{live_server.url}/reminders/settings/")
    fits(page, 320)
    assert axe_violations(page) == []
    page.get_by_label("No, do not e-mail me reminders").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Save reminder settings").click()
    assert "Reminders are switched off." in page.inner_text("main")
    fits(page, 320)
    screenshot(page, "reminder-settings-320")
    assert axe_violations(page) == []


def test_the_reminder_e_mail_reads_on_a_phone(page, reminded):
    [to_dana] = [message for message in reminded if message.to == ["dana@example.gov.uk"]]
    [(html, _)] = to_dana.alternatives
    page.set_content(html)
    for width in (320, 1366):
        fits(page, width)
        screenshot(page, f"reminder-email-{width}")
    assert axe_violations(page) == []
