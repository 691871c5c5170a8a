"""Named reads for reminders: which reminders today calls for, and what was sent to whom."""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from itertools import groupby

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import F

from indicators.access import VIEW_RESTRICTED
from indicators.entry.due import DUE_PAGE_MONTHS, is_due_in, working_days_for
from indicators.entry.selectors import periods_to_enter
from indicators.models import Indicator, Outturn, OutturnStatus
from indicators.reader import Reader
from indicators.rules.due import due_date, due_state
from indicators.rules.periods import Period, PeriodKind, YearBasis, add_months
from indicators.rules.references import reference_order
from indicators.rules.validation import Validator
from reminders.models import ReminderLog, ReminderPreference
from reminders.rules import ReminderKind, action_reminder, is_asked_to_validate, owner_reminder
from reports.models import Action, ActionStatus

PERMISSION_BACKEND = "django.contrib.auth.backends.ModelBackend"


@dataclass(frozen=True)
class Reminder:
    """What one person should be told about one indicator's figure for one period."""

    recipient: object
    indicator: Indicator
    period: Period
    due: date
    kind: ReminderKind
    action: Action | None = None
    """The action it is about, for a reminder to an action's owner; its period is the due date's month."""

    @property
    def key(self) -> tuple:
        """The same reminder whenever it is worked out: the log's unique fields."""
        return reminder_key(
            self.recipient.pk,
            self.indicator.pk,
            self.kind,
            self.period.kind,
            self.period.basis,
            self.period.start,
            self.action.pk if self.action else None,
            self.due,
        )


def reminder_key(
    recipient_id, indicator_id, kind, period_kind, period_basis, period_start, action_id=None, due=None
) -> tuple:
    """A figure's reminder is one per person, indicator, kind and period; an action's one per
    person, action, kind and due date, so a new due date is reminded of again."""
    if action_id is not None:
        return (recipient_id, "action", action_id, str(kind), due)
    return (recipient_id, indicator_id, str(kind), str(period_kind), str(period_basis), period_start)


KEY_FIELDS = (
    "recipient_id",
    "indicator_id",
    "kind",
    "period_kind",
    "period_basis",
    "period_start",
    "action_id",
    "due",
)
"""The log's fields `reminder_key` is read from."""


def recent_periods(today: date) -> list[Period]:
    """The periods the officers' "what is due" page shows: those ended in the last year."""
    periods = [period for group in periods_to_enter(today).values() for period in group]
    return [p for p in periods if p.end >= add_months(today, -DUE_PAGE_MONTHS) and p.end < today]


def reminders_due(*, today: date) -> list[Reminder]:
    """Every reminder today calls for, sent before or not, for active people who may see the indicator.

    Data owners hear of the figures the officers' "what is due" page shows due or overdue (periods
    ended in the last year), with its due dates; lead and second officers of every provisional
    figure, as the validation page lists them; owners of open actions of those falling due and late.
    Six queries whatever the suite's size: the periods, the indicators with their people, the
    statuses of the last year's figures, the provisional figures, the open actions, and who may see
    restricted indicators.
    """
    indicators = {
        indicator.pk: indicator
        for indicator in Indicator.objects.select_related(
            "data_owner_user", "lead_officer_user", "second_officer_user"
        )
    }
    readers = _restricted_readers() if any(i.is_restricted for i in indicators.values()) else set()
    return [
        reminder
        for reminder in (
            *_owner_reminders(indicators, today=today),
            *_validation_reminders(indicators),
            *_action_reminders(indicators, today=today),
        )
        if _may_read(reminder.recipient, reminder.indicator, readers)
    ]


def _action_reminders(indicators: dict[int, Indicator], *, today: date) -> Iterator[Reminder]:
    """Each open action's owner, of the action falling due within the reminder lead time, or late."""
    for action in Action.objects.filter(status=ActionStatus.OPEN).select_related("owner"):
        kind = action_reminder(
            is_open=True,
            due=action.due,
            today=today,
            days_before=settings.REMINDER_DAYS_BEFORE,
            holidays=settings.ENTRY_BANK_HOLIDAYS,
        )
        if kind:
            month = Period(action.due.replace(day=1), PeriodKind.MONTH)
            yield Reminder(action.owner, indicators[action.indicator_id], month, action.due, kind, action)


def _due(indicator: Indicator, period: Period) -> date:
    return due_date(period, working_days=working_days_for(indicator), holidays=settings.ENTRY_BANK_HOLIDAYS)


def _owner_reminders(indicators: dict[int, Indicator], *, today: date) -> Iterator[Reminder]:
    periods = recent_periods(today)
    if not periods:
        return
    statuses = {
        (indicator_id, kind, basis, start): status
        for indicator_id, kind, basis, start, status in Outturn.objects.filter(
            period__start__gte=min(p.start for p in periods), period__end__lte=max(p.end for p in periods)
        ).values_list("indicator_id", "period__kind", "period__basis", "period__start", "status")
    }
    for indicator in indicators.values():
        if indicator.data_owner_user is None:
            continue
        for period in periods:
            if not is_due_in(indicator, period):
                continue
            due = _due(indicator, period)
            kind = owner_reminder(
                due_state(
                    statuses.get((indicator.pk, period.kind, period.basis, period.start)),
                    due=due,
                    today=today,
                ),
                due=due,
                today=today,
                days_before=settings.REMINDER_DAYS_BEFORE,
                holidays=settings.ENTRY_BANK_HOLIDAYS,
            )
            if kind:
                yield Reminder(indicator.data_owner_user, indicator, period, due, kind)


def _validation_reminders(indicators: dict[int, Indicator]) -> Iterator[Reminder]:
    provisional = Outturn.objects.filter(status=OutturnStatus.PROVISIONAL).values_list(
        "indicator_id", "period__kind", "period__basis", "period__start", "status", "entered_by_id"
    )
    for indicator_id, kind, basis, start, status, entered_by in provisional:
        indicator = indicators[indicator_id]
        period = Period(start, PeriodKind(kind), YearBasis(basis))
        officers = {p.pk: p for p in (indicator.lead_officer_user, indicator.second_officer_user) if p}
        for officer in officers.values():
            if is_asked_to_validate(_validator(officer, indicator, entered_by), status):
                yield Reminder(
                    officer, indicator, period, _due(indicator, period), ReminderKind.AWAITING_VALIDATION
                )


def _validator(officer, indicator: Indicator, entered_by: int | None) -> Validator:
    return Validator(
        is_lead_officer=officer.pk == indicator.lead_officer_user_id,
        is_second_officer=officer.pk == indicator.second_officer_user_id,
        is_administrator=False,
        entered_it=officer.pk == entered_by,
    )


def _restricted_readers() -> set[int]:
    """Everyone who may see restricted indicators, in one query."""
    users = get_user_model().objects.with_perm(VIEW_RESTRICTED, backend=PERMISSION_BACKEND)
    return set(users.values_list("pk", flat=True))


def _may_read(person, indicator: Indicator, restricted_readers: set[int]) -> bool:
    """A reminder names its indicator: it goes only to an active person who may see it."""
    return (
        person is not None
        and person.is_active
        and (not indicator.is_restricted or person.pk in restricted_readers)
    )


def switched_off_ids() -> set[int]:
    """The people who have switched their reminders off."""
    return set(ReminderPreference.objects.filter(reminders_on=False).values_list("user_id", flat=True))


def sent_keys(*, since: date) -> set[tuple]:
    """The reminders already sent about periods starting on or after `since`."""
    return {
        reminder_key(*row)
        for row in ReminderLog.objects.filter(sent_at__isnull=False, period_start__gte=since).values_list(
            *KEY_FIELDS
        )
    }


def reminders_are_on(user) -> bool:
    preference = ReminderPreference.objects.filter(user=user).first()
    return preference is None or preference.reminders_on


LOG_PAGE_LENGTH = 200


def log_for(user, *, reader: Reader) -> list[ReminderLog]:
    """The reminders sent, or being tried, to this person, newest first (the latest 200): none of a
    restricted indicator unless this reader may see it."""
    logs = ReminderLog.objects.filter(recipient=user).select_related("indicator")
    if not reader.sees_restricted:
        logs = logs.filter(indicator__is_restricted=False)
    # Those not sent yet first: they are still being tried.
    newest = (
        F("sent_at").desc(nulls_first=True),
        F("failed_at").desc(nulls_last=True),
        "indicator__reference",
    )
    # Each e-mail's reminders (one sending time) in the committee's order of references: 2 before 10.
    return [
        log
        for _, sent_together in groupby(
            logs.order_by(*newest)[:LOG_PAGE_LENGTH], key=lambda log: (log.sent_at, log.failed_at)
        )
        for log in sorted(sent_together, key=lambda log: reference_order(log.indicator.reference))
    ]
