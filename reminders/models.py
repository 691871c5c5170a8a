"""Reminders sent to data owners and lead officers, and who has switched them off."""

from django.conf import settings
from django.db import models

from indicators.models import Indicator, enum_choices
from indicators.rules.periods import Period, PeriodKind, YearBasis
from reminders.rules import ReminderKind


class ReminderLog(models.Model):
    """One reminder to one person about one indicator's figure for one period.

    A row is claimed by a run (`claim`) before its e-mail is sent and marked sent after; the unique
    constraint means a second run, or two at once, can never claim or send it again. A send that
    fails is released, so the next run tries again.
    """

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminders"
    )
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="reminders")
    kind = models.CharField(max_length=20, choices=enum_choices(ReminderKind))
    period_kind = models.CharField(max_length=10, choices=enum_choices(PeriodKind))
    period_basis = models.CharField(max_length=10, choices=enum_choices(YearBasis))
    period_start = models.DateField()
    due = models.DateField(help_text="The figure's (or the action's) due date when the reminder was sent.")
    action = models.ForeignKey(
        "reports.Action",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reminders",
        help_text="The action the reminder is about; none for a reminder about a figure.",
    )
    claim = models.UUIDField(null=True, blank=True, help_text="The run sending it now, if any.")
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    failed_at = models.DateTimeField(null=True, blank=True)
    failure = models.CharField(
        max_length=300, blank=True, help_text="Why the last attempt to send it failed."
    )

    class Meta:
        ordering = ["-sent_at", "-claimed_at", "indicator"]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "indicator", "kind", "period_kind", "period_basis", "period_start"],
                condition=models.Q(action__isnull=True),
                name="one_reminder_per_person_figure_kind",
            ),
            models.UniqueConstraint(
                fields=["recipient", "action", "kind", "due"],
                condition=models.Q(action__isnull=False),
                name="one_reminder_per_person_action_kind_due",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} reminder to {self.recipient} about {self.indicator.reference}"

    @property
    def period(self) -> Period:
        return Period(self.period_start, PeriodKind(self.period_kind), YearBasis(self.period_basis))

    @property
    def is_sent(self) -> bool:
        return self.sent_at is not None


class ReminderPreference(models.Model):
    """Whether a person gets reminders by e-mail; everyone does until they switch them off."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminder_preference"
    )
    reminders_on = models.BooleanField(default=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"Reminders {'on' if self.reminders_on else 'off'} for {self.user}"
