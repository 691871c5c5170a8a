"""`manage.py send_reminders`, as cron runs it and as an officer tries it with --dry-run and --today."""

from io import StringIO

import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from reminders.models import ReminderLog
from reminders.services import set_reminders
from tests import factories
from tests.reminders.helpers import OVERDUE_DAY, Q2_START, owned_indicator

pytestmark = pytest.mark.django_db


def run(*args) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("send_reminders", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_a_dry_run_says_who_would_be_reminded_of_what_and_sends_nothing(dana, lee):
    owned_indicator(dana, reference="2")
    owned_indicator(dana, reference="5")
    validating = owned_indicator(dana, reference="7", lead_officer_user=lee)
    factories.outturn(validating, Q2_START, 15, status="provisional")
    out, _ = run("--dry-run", "--today", OVERDUE_DAY.isoformat())
    assert out.splitlines() == [
        "Reminders for 22 October 2019 (dry run: nothing is sent):",
        "Would send to Dana Okafor <dana@example.gov.uk>: 2 reminders (2 overdue)",
        "  Overdue: Q2 2019/20 (July to September 2019), due 21 October 2019: 2, 5",
        "Would send to Lee Grant <lee@example.gov.uk>: 1 reminder (1 awaiting validation)",
        "  Awaiting validation: Q2 2019/20 (July to September 2019), due 21 October 2019: 7",
    ]
    assert mail.outbox == []
    assert not ReminderLog.objects.exists()


def test_a_run_sends_and_says_so_and_a_second_run_sends_nothing(dana):
    owned_indicator(dana, reference="2")
    out, _ = run("--today", OVERDUE_DAY.isoformat())
    assert "Sent to Dana Okafor <dana@example.gov.uk>: 1 reminder (1 overdue)" in out
    out, _ = run("--today", OVERDUE_DAY.isoformat())
    assert "No reminders to send." in out
    assert len(mail.outbox) == 1


def test_people_without_an_address_or_who_switched_off_are_named(dana, lee, alice):
    owned_indicator(dana, reference="2")
    owned_indicator(lee, reference="5")
    dana.email = ""
    dana.save()
    set_reminders(user=lee, on=False)
    out, _ = run("--today", OVERDUE_DAY.isoformat())
    assert "Not sent to Dana Okafor: no e-mail address on record." in out
    assert "Switched off by Lee Grant <lee@example.gov.uk>." in out
    assert mail.outbox == []


def test_a_failed_send_is_reported_and_the_command_fails(dana, mail_server_down):
    owned_indicator(dana, reference="2")
    with pytest.raises(CommandError, match="1 reminder e-mails could not be sent"):
        run("--today", OVERDUE_DAY.isoformat())
    assert ReminderLog.objects.get().sent_at is None


def test_a_date_that_is_not_one_is_refused():
    with pytest.raises(CommandError, match="--today must be a date such as"):
        run("--today", "22/10/2019")
