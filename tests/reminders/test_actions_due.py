"""The collection cycle reminds owners of the actions the committee agreed: once within the lead time
before an action is due, and once when it is late; never of one done or dropped."""

from datetime import date

import pytest
from django.core import mail

from reminders.models import ReminderLog
from reminders.rules import ReminderKind, action_reminder
from reminders.services import send_reminders
from reports.services import record_action
from tests import factories
from tests.reports import factories as reports

pytestmark = pytest.mark.django_db

DUE = date(2026, 3, 31)  # a Tuesday


@pytest.mark.parametrize(
    ("today", "is_open", "expected"),
    [
        (date(2026, 3, 20), True, None),
        (date(2026, 3, 24), True, ReminderKind.ACTION_DUE_SOON),
        (DUE, True, ReminderKind.ACTION_DUE_SOON),
        (date(2026, 4, 1), True, ReminderKind.ACTION_LATE),
        (date(2026, 4, 1), False, None),
    ],
)
def test_an_owner_is_reminded_of_an_action_falling_due_and_late(today, is_open, expected):
    assert action_reminder(is_open=is_open, due=DUE, today=today, days_before=5) == expected


@pytest.fixture
def action(dana):
    indicator = factories.indicator(reference="2", title="Single assessments within 45 days")
    meeting = reports.meeting(reports.committee([indicator]))
    return record_action(
        meeting=meeting, indicator=indicator, text="Audit every late assessment.", owner=dana, due=DUE
    )


def test_the_owner_is_e_mailed_once_of_an_action_due_soon_and_once_when_late(dana, action):
    send_reminders(today=date(2026, 3, 25))
    send_reminders(today=date(2026, 3, 26))
    [soon] = mail.outbox
    assert soon.to == ["dana@example.gov.uk"]
    assert "actions due soon" in soon.subject
    assert "Audit every late assessment., due 31 March 2026" in soon.body
    assert f"https://performance.example.gov.uk/actions/{action.pk}/update/" in soon.body

    send_reminders(today=date(2026, 4, 2))
    send_reminders(today=date(2026, 4, 3))
    assert len(mail.outbox) == 2
    assert "YOUR ACTIONS NOW LATE" in mail.outbox[1].body
    assert ReminderLog.objects.filter(action=action).count() == 2


def test_no_reminder_of_an_action_done(dana, action):
    action.status, action.done_on = "done", date(2026, 3, 1)
    action.save()
    send_reminders(today=date(2026, 4, 2))
    assert mail.outbox == []


def test_an_owner_who_may_not_see_a_restricted_indicator_is_not_reminded_of_its_action(alice):
    alice.email = "alice@example.gov.uk"
    alice.save()
    hidden = factories.indicator(reference="9", title="Missing from care", is_restricted=True)
    meeting = reports.meeting(reports.committee([hidden]))
    record_action(meeting=meeting, indicator=hidden, text="Review.", owner=alice, due=DUE)
    send_reminders(today=date(2026, 4, 2))
    assert mail.outbox == []
