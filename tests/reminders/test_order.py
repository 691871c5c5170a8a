"""Reminders name indicators in the committee's order of references: 1, 2, 10, 11, not 1, 10, 11, 2."""

import pytest
from django.core import mail

from reminders.services import send_reminders
from tests.reminders.helpers import OVERDUE_DAY, mail_server_back, owned_indicator

pytestmark = pytest.mark.django_db
REFERENCES = ["1", "10", "11", "2", "3"]
IN_ORDER = ["1", "2", "3", "10", "11"]


@pytest.fixture
def dana_s_indicators(dana):
    for reference in REFERENCES:
        owned_indicator(dana, reference=reference, title=f"Measure {reference}")


def test_the_reminder_log_lists_one_e_mail_s_indicators_in_numeric_order(client, dana, dana_s_indicators):
    send_reminders(today=OVERDUE_DAY)
    client.force_login(dana)
    page = client.get("/reminders/").content.decode()
    positions = [page.index(f"{reference}: Measure {reference}<") for reference in IN_ORDER]
    assert positions == sorted(positions)


def test_the_reminder_e_mail_lists_its_indicators_in_numeric_order(settings, dana, dana_s_indicators):
    mail_server_back(settings)
    send_reminders(today=OVERDUE_DAY)
    body = mail.outbox[0].body
    positions = [body.index(f"- {reference}: Measure {reference}\n") for reference in IN_ORDER]
    assert positions == sorted(positions)
