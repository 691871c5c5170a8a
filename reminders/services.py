"""Sending reminders: claim each one, send one e-mail per person, and record what was sent.

Each reminder is claimed in a transaction before its e-mail is sent: a row in the log, unique for
its person, indicator, period and kind. Two runs at once, or a second run the same day, find the row
taken and send nothing. A send that fails releases its rows, so the next run tries them again;
a run that stops between sending and recording leaves its claim, which the next run takes over once
it is an hour old.
"""

import smtplib
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.core.mail import mailers
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from reminders.emails import reminder_email
from reminders.models import ReminderLog, ReminderPreference
from reminders.selectors import (
    KEY_FIELDS,
    Reminder,
    reminder_key,
    reminders_due,
    sent_keys,
    switched_off_ids,
)

CLAIM_EXPIRES = timedelta(hours=1)


@dataclass
class RunReport:
    """What a run did, or would do, for each person."""

    sent: dict = field(default_factory=dict)
    """Each person e-mailed, with the reminders their e-mail listed."""
    failed: dict = field(default_factory=dict)
    """Each person whose e-mail could not be sent, with why: tried again on the next run."""
    without_email: list = field(default_factory=list)
    switched_off: list = field(default_factory=list)


def send_reminders(*, today: date, dry_run: bool = False) -> RunReport:
    """Send today's reminders not sent before, one e-mail per person; with `dry_run`, only say what."""
    report = RunReport()
    wanted = _for_people_to_remind(reminders_due(today=today), report)
    if dry_run:
        already = sent_keys(since=min(r.period.start for r in wanted)) if wanted else set()
        for reminder in wanted:
            if reminder.key not in already:
                report.sent.setdefault(reminder.recipient, []).append(reminder)
        return report
    token = uuid.uuid4()
    by_person = defaultdict(list)
    for log in claim(wanted, token=token, now=timezone.now()):
        by_person[log.recipient].append(log)
    for person, logs in by_person.items():
        _send(person, logs, token=token, report=report)
    return report


def _for_people_to_remind(reminders: list[Reminder], report: RunReport) -> list[Reminder]:
    """The reminders for people who want them and have an address; the others are reported."""
    off = switched_off_ids()
    wanted = []
    for reminder in reminders:
        person = reminder.recipient
        if person.pk in off:
            _note(report.switched_off, person)
        elif not person.email:
            _note(report.without_email, person)
        else:
            wanted.append(reminder)
    return wanted


def _note(people: list, person) -> None:
    if all(other.pk != person.pk for other in people):
        people.append(person)


def claim(reminders: list[Reminder], *, token: uuid.UUID, now) -> list[ReminderLog]:
    """Claim for this run every reminder not sent and not being sent by another run; return them."""
    free = Q(claim__isnull=True) | Q(claimed_at__lt=now - CLAIM_EXPIRES)
    wanted = {reminder.key for reminder in reminders}
    with transaction.atomic():
        ReminderLog.objects.bulk_create(
            [
                ReminderLog(
                    recipient=reminder.recipient,
                    indicator=reminder.indicator,
                    kind=reminder.kind,
                    period_kind=reminder.period.kind,
                    period_basis=reminder.period.basis,
                    period_start=reminder.period.start,
                    due=reminder.due,
                    action=reminder.action,
                    claim=token,
                    claimed_at=now,
                )
                for reminder in reminders
            ],
            ignore_conflicts=True,
            batch_size=500,
        )
        # Rows left by an earlier run whose send failed, or that stopped before recording it.
        unsent = ReminderLog.objects.filter(free, sent_at__isnull=True).values_list("pk", *KEY_FIELDS)
        retried = [pk for pk, *key in unsent if reminder_key(*key) in wanted]
        if retried:
            ReminderLog.objects.filter(free, pk__in=retried, sent_at__isnull=True).update(
                claim=token, claimed_at=now
            )
    return list(
        ReminderLog.objects.filter(claim=token, sent_at__isnull=True)
        .select_related("recipient", "indicator", "action")
        .order_by("recipient_id", "indicator__service_area__order", "indicator__display_order")
    )


def _send(person, logs: list[ReminderLog], *, token: uuid.UUID, report: RunReport) -> None:
    rows = ReminderLog.objects.filter(pk__in=[log.pk for log in logs], claim=token)
    try:
        sent = mailers.default.send_messages([reminder_email(person, logs)])
    except (smtplib.SMTPException, OSError) as error:
        sent, failure = 0, str(error) or error.__class__.__name__
    else:
        failure = "The mail server accepted nothing."
    if not sent:
        rows.update(claim=None, claimed_at=None, failed_at=timezone.now(), failure=failure[:300])
        report.failed[person] = failure
        return
    rows.update(sent_at=timezone.now(), failure="")
    report.sent[person] = logs


def set_reminders(*, user, on: bool) -> None:
    """Switch the person's reminders on or off."""
    ReminderPreference.objects.update_or_create(user=user, defaults={"reminders_on": on})
