"""`manage.py send_reminders`: e-mail today's reminders, once each; cron runs it every working morning."""

from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from indicators.entry.presentation import period_title
from indicators.rules.references import reference_order
from reminders.rules import ReminderKind
from reminders.services import send_reminders


def _person(user) -> str:
    name = user.get_full_name() or user.get_username()
    return f"{name} <{user.email}>" if user.email else name


def _count(number: int) -> str:
    return f"{number} reminder" if number == 1 else f"{number} reminders"


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"--today must be a date such as 2026-10-15, not {text!r}.") from None


class Command(BaseCommand):
    help = (
        "E-mail data owners about figures due soon or overdue, and lead officers about figures awaiting"
        " validation: one e-mail per person, each reminder once."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Say what would be sent; send nothing.")
        parser.add_argument("--today", type=_day, help="Work as if today were this date (YYYY-MM-DD).")

    def handle(self, *args, dry_run=False, today=None, **options):
        today = today or timezone.localdate()
        report = send_reminders(today=today, dry_run=dry_run)
        verb = "Would send" if dry_run else "Sent"
        self.stdout.write(
            f"Reminders for {today:%-d %B %Y}{' (dry run: nothing is sent)' if dry_run else ''}:"
        )
        for person, reminders in report.sent.items():
            counts = ", ".join(
                f"{count} {kind.label.lower()}"
                for kind in ReminderKind
                if (count := sum(reminder.kind == kind for reminder in reminders))
            )
            self.stdout.write(f"{verb} to {_person(person)}: {_count(len(reminders))} ({counts})")
            if dry_run:
                self._list(reminders)
        for person, failure in report.failed.items():
            self.stderr.write(f"Could not send to {_person(person)}: {failure}. The next run tries again.")
        for person in report.without_email:
            self.stdout.write(f"Not sent to {_person(person)}: no e-mail address on record.")
        if report.switched_off:
            self.stdout.write(f"Switched off by {', '.join(_person(p) for p in report.switched_off)}.")
        if not (report.sent or report.failed or report.without_email):
            self.stdout.write("No reminders to send.")
        if report.failed:
            raise CommandError(f"{len(report.failed)} reminder e-mails could not be sent.")

    def _list(self, reminders) -> None:
        """Each kind of reminder for each period, with the indicators it names."""
        groups: dict[tuple, list[str]] = {}
        kinds = list(ReminderKind)
        for reminder in sorted(
            reminders,
            key=lambda r: (kinds.index(r.kind), r.due, reference_order(r.indicator.reference)),
        ):
            key = (ReminderKind(reminder.kind).label, period_title(reminder.period), reminder.due)
            groups.setdefault(key, []).append(reminder.indicator.reference)
        for (kind, period, due), references in groups.items():
            self.stdout.write(f"  {kind}: {period}, due {due:%-d %B %Y}: {', '.join(references)}")
