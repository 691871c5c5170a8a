"""Sending reminders: one e-mail per person listing everything, each reminder once, a failed send
tried again, and nothing for people who switched reminders off or have no address."""

import threading
import uuid

import pytest
from django.core import mail
from django.db import connection, connections
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from reminders.models import ReminderLog
from reminders.rules import ReminderKind
from reminders.selectors import reminders_due
from reminders.services import CLAIM_EXPIRES, claim, send_reminders, set_reminders
from tests import factories
from tests.reminders.helpers import (
    FIRST_REMINDER_DAY,
    OVERDUE_DAY,
    Q2_START,
    mail_server_back,
    owned_indicator,
)

pytestmark = pytest.mark.django_db


def test_one_e_mail_per_person_lists_everything_for_them(dana, lee):
    overdue = owned_indicator(dana, reference="2", title="Single assessments within 45 days")
    referrals = owned_indicator(dana, reference="5", title="Re-referrals", lead_officer_user=lee)
    factories.outturn(referrals, Q2_START, 20, status="provisional")
    report = send_reminders(today=OVERDUE_DAY)
    assert sorted(message.to[0] for message in mail.outbox) == ["dana@example.gov.uk", "lee@example.gov.uk"]
    [to_dana] = [message for message in mail.outbox if message.to == ["dana@example.gov.uk"]]
    assert to_dana.subject == "Performance figures: 1 overdue"
    assert to_dana.from_email == "performance@example.gov.uk"
    assert "Dear Dana," in to_dana.body
    assert f"{overdue.reference}: {overdue.title}" in to_dana.body
    assert "Q2 2019/20 (July to September 2019), due 21 October 2019" in to_dana.body
    assert "https://performance.example.gov.uk/entry/quarter-financial-2019-07-01/" in to_dana.body
    assert "https://performance.example.gov.uk/reminders/settings/" in to_dana.body
    assert "Re-referrals" not in to_dana.body
    [to_lee] = [message for message in mail.outbox if message.to == ["lee@example.gov.uk"]]
    assert to_lee.subject == "Performance figures: 1 awaiting validation"
    assert "AWAITING YOUR VALIDATION" in to_lee.body
    assert "5: Re-referrals" in to_lee.body
    assert "Check and validate the figures: https://performance.example.gov.uk/entry/validate/" in to_lee.body
    assert {person.username: len(logs) for person, logs in report.sent.items()} == {"dana": 1, "lee": 1}


def test_a_data_owner_who_also_validates_gets_one_e_mail_with_both(dana, bob):
    owned_indicator(dana, reference="2", title="Single assessments")
    led = owned_indicator(bob, reference="5", title="Re-referrals", lead_officer_user=dana)
    factories.outturn(led, Q2_START, 20, status="provisional", entered_by=bob)
    send_reminders(today=OVERDUE_DAY)
    [message] = [message for message in mail.outbox if message.to == ["dana@example.gov.uk"]]
    assert message.subject == "Performance figures: 1 overdue, 1 awaiting validation"
    overdue, awaiting = message.body.split("AWAITING YOUR VALIDATION", 1)
    assert "Single assessments" in overdue
    assert "Re-referrals" in awaiting


def test_the_e_mail_has_an_html_part_with_the_same_figures(dana):
    owned_indicator(dana, reference="2", title="Single assessments within 45 days")
    owned_indicator(dana, reference="5", title="Re-referrals", due_working_days=5)
    send_reminders(today=OVERDUE_DAY)
    [message] = mail.outbox
    assert message.subject == "Performance figures: 2 overdue"
    [(html, mimetype)] = message.alternatives
    assert mimetype == "text/html"
    assert '<html lang="en-GB">' in html
    assert '<a href="https://performance.example.gov.uk/entry/quarter-financial-2019-07-01/"' in html
    assert "2: Single assessments within 45 days" in html
    assert "5: Re-referrals" in html
    # The earliest due first: 5 was due on 7 October, 2 on 21 October.
    assert html.index("5: Re-referrals") < html.index("2: Single assessments")


def test_due_soon_and_overdue_are_listed_under_their_own_headings(dana):
    owned_indicator(dana, reference="2", title="Single assessments")
    owned_indicator(dana, reference="5", title="Re-referrals", due_working_days=5)
    send_reminders(today=FIRST_REMINDER_DAY)
    [message] = mail.outbox
    assert message.subject == "Performance figures: 1 overdue, 1 due soon"
    overdue, due_soon = message.body.split("OVERDUE", 1)[1].split("DUE SOON", 1)
    assert "Re-referrals" in overdue
    assert "Single assessments" in due_soon
    assert "due in the next 5 working days" in due_soon


def test_a_reminder_is_sent_once_across_two_runs(dana):
    owned_indicator(dana, reference="2")
    send_reminders(today=FIRST_REMINDER_DAY)
    second = send_reminders(today=date_after(FIRST_REMINDER_DAY))
    assert len(mail.outbox) == 1
    assert not second.sent
    # When the figure becomes overdue, that is a reminder of its own, also sent once.
    send_reminders(today=OVERDUE_DAY)
    send_reminders(today=OVERDUE_DAY)
    assert [message.subject for message in mail.outbox] == [
        "Performance figures: 1 due soon",
        "Performance figures: 1 overdue",
    ]
    assert ReminderLog.objects.filter(sent_at__isnull=False).count() == 2


def date_after(day):
    return day + timezone.timedelta(days=1)


def test_a_failed_send_is_not_marked_sent_and_is_tried_again_on_the_next_run(
    dana, settings, mail_server_down
):
    owned_indicator(dana, reference="2")
    report = send_reminders(today=OVERDUE_DAY)
    assert list(report.failed) == [dana]
    assert "refused" in report.failed[dana].lower()
    log = ReminderLog.objects.get()
    assert log.sent_at is None
    assert log.claim is None
    assert log.failed_at is not None
    assert log.failure
    mail_server_back(settings)
    report = send_reminders(today=OVERDUE_DAY)
    assert [message.to for message in mail.outbox] == [["dana@example.gov.uk"]]
    log.refresh_from_db()
    assert log.sent_at is not None
    assert log.failure == ""
    send_reminders(today=OVERDUE_DAY)
    assert len(mail.outbox) == 1


def test_a_reminder_claimed_by_another_run_is_not_sent_again(dana):
    owned_indicator(dana, reference="2")
    reminders = reminders_due(today=OVERDUE_DAY)
    now = timezone.now()
    assert len(claim(reminders, token=uuid.uuid4(), now=now)) == 1
    # A second run at the same moment finds the reminder taken, and sends nothing.
    assert claim(reminders, token=uuid.uuid4(), now=now) == []
    report = send_reminders(today=OVERDUE_DAY)
    assert not report.sent
    assert mail.outbox == []


def test_a_run_that_stopped_before_recording_its_send_is_taken_over_after_an_hour(dana):
    owned_indicator(dana, reference="2")
    reminders = reminders_due(today=OVERDUE_DAY)
    stopped = timezone.now() - CLAIM_EXPIRES - timezone.timedelta(minutes=1)
    claim(reminders, token=uuid.uuid4(), now=stopped)
    send_reminders(today=OVERDUE_DAY)
    assert len(mail.outbox) == 1
    assert ReminderLog.objects.get().sent_at is not None


def test_a_figure_entered_after_a_failed_send_is_not_reminded_of_again(dana, settings, mail_server_down):
    indicator = owned_indicator(dana, reference="2")
    send_reminders(today=OVERDUE_DAY)
    factories.outturn(indicator, Q2_START, 70, status="provisional")
    mail_server_back(settings)
    send_reminders(today=OVERDUE_DAY)
    assert mail.outbox == []


def test_a_person_who_switched_reminders_off_gets_nothing(dana, lee):
    owned_indicator(dana, reference="2")
    owned_indicator(lee, reference="5")
    set_reminders(user=dana, on=False)
    report = send_reminders(today=OVERDUE_DAY)
    assert [message.to for message in mail.outbox] == [["lee@example.gov.uk"]]
    assert report.switched_off == [dana]
    assert not ReminderLog.objects.filter(recipient=dana).exists()
    set_reminders(user=dana, on=True)
    send_reminders(today=OVERDUE_DAY)
    assert [message.to for message in mail.outbox][-1] == ["dana@example.gov.uk"]


def test_a_person_without_an_e_mail_address_is_skipped_and_reported(dana, lee):
    owned_indicator(dana, reference="2")
    owned_indicator(lee, reference="5")
    dana.email = ""
    dana.save()
    report = send_reminders(today=OVERDUE_DAY)
    assert report.without_email == [dana]
    assert [message.to for message in mail.outbox] == [["lee@example.gov.uk"]]
    # Once she has an address, she gets the reminder she missed.
    dana.email = "dana@example.gov.uk"
    dana.save()
    send_reminders(today=OVERDUE_DAY)
    assert [message.to for message in mail.outbox][-1] == ["dana@example.gov.uk"]


def test_a_dry_run_sends_and_records_nothing(dana):
    owned_indicator(dana, reference="2")
    report = send_reminders(today=OVERDUE_DAY, dry_run=True)
    assert [(person, [r.kind for r in items]) for person, items in report.sent.items()] == [
        (dana, [ReminderKind.OVERDUE])
    ]
    assert mail.outbox == []
    assert not ReminderLog.objects.exists()
    send_reminders(today=OVERDUE_DAY)
    assert not send_reminders(today=OVERDUE_DAY, dry_run=True).sent


def queries_to_send(count: int, owner, officer) -> int:
    for _ in range(count):
        indicator = owned_indicator(owner, lead_officer_user=officer)
        factories.outturn(indicator, Q2_START, 60, status="provisional")
        owned_indicator(owner, frequency="month")
    with CaptureQueriesContext(connection) as queries:
        send_reminders(today=OVERDUE_DAY)
    ReminderLog.objects.all().delete()
    return len(queries)


def test_queries_stay_the_same_as_the_suite_grows(dana, lee):
    assert queries_to_send(2, dana, lee) == queries_to_send(20, dana, lee)
    assert len(mail.outbox) == 4  # one to each person, each run


@pytest.mark.skipif(connection.vendor != "postgresql", reason="Concurrent runs need PostgreSQL's locking.")
@pytest.mark.django_db(transaction=True)
def test_two_runs_at_once_send_each_reminder_once():
    dana = factories.make_user("dana", factories.OFFICERS, first_name="Dana", email="dana@example.gov.uk")
    for _ in range(30):
        owned_indicator(dana)
    barrier = threading.Barrier(4)
    errors = []

    def run():
        try:
            barrier.wait()
            send_reminders(today=OVERDUE_DAY)
        except Exception as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(mail.outbox) == 1
    assert "30 overdue" in mail.outbox[0].subject
    assert ReminderLog.objects.filter(sent_at__isnull=False).count() == 30
