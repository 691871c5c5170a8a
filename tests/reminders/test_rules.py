"""Which reminder a figure calls for: the rules, with no database."""

from datetime import date

import pytest

from indicators.rules.due import DueState
from reminders.rules import ReminderKind, is_awaiting_validation, owner_reminder

DUE = date(2019, 10, 21)  # a Monday


@pytest.mark.parametrize(
    ("state", "today", "holidays", "expected"),
    [
        (DueState.DUE, date(2019, 10, 11), frozenset(), None),  # Friday, six working days before
        (DueState.DUE, date(2019, 10, 12), frozenset(), None),  # Saturday: still six working days
        (DueState.DUE, date(2019, 10, 14), frozenset(), ReminderKind.DUE_SOON),  # five working days
        (DueState.DUE, DUE, frozenset(), ReminderKind.DUE_SOON),  # on the day
        (DueState.DUE, date(2019, 10, 11), frozenset({date(2019, 10, 15)}), ReminderKind.DUE_SOON),
        (DueState.DUE, date(2019, 10, 10), frozenset({date(2019, 10, 15)}), None),
        (DueState.OVERDUE, date(2019, 10, 22), frozenset(), ReminderKind.OVERDUE),
        (DueState.ENTERED, date(2019, 10, 14), frozenset(), None),
        (DueState.VALIDATED, date(2019, 10, 22), frozenset(), None),
    ],
)
def test_data_owner_is_reminded_within_the_lead_time_and_when_overdue(state, today, holidays, expected):
    assert owner_reminder(state, due=DUE, today=today, days_before=5, holidays=holidays) is expected


def test_no_lead_time_means_a_reminder_only_on_the_due_day():
    assert owner_reminder(DueState.DUE, due=DUE, today=date(2019, 10, 18), days_before=0) is None
    assert owner_reminder(DueState.DUE, due=DUE, today=DUE, days_before=0) is ReminderKind.DUE_SOON


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        ("provisional", True),
        ("validated", False),
        ("not_available", False),
        ("unreliable", False),
        (None, False),
    ],
)
def test_only_a_provisional_figure_awaits_validation(status, expected):
    assert is_awaiting_validation(status) is expected
