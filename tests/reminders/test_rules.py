"""Which reminder a figure calls for: the rules, with no database."""

from datetime import date

import pytest

from indicators.rules.due import DueState
from indicators.rules.validation import Validator
from reminders.rules import ReminderKind, is_asked_to_validate, owner_reminder

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
    ("status", "lead", "second", "entered_it", "expected"),
    [
        ("provisional", True, False, False, True),
        ("provisional", False, True, False, True),
        # The lead officer signs off their own return; the second officer's own entry is someone else's.
        ("provisional", True, False, True, True),
        ("provisional", False, True, True, False),
        ("provisional", False, False, False, False),
        ("validated", True, False, False, False),
        ("not_available", True, False, False, False),
        ("unreliable", True, False, False, False),
        (None, True, False, False, False),
    ],
)
def test_an_officer_is_asked_to_validate_only_a_provisional_figure_they_may_validate(
    status, lead, second, entered_it, expected
):
    validator = Validator(
        is_lead_officer=lead, is_second_officer=second, is_administrator=False, entered_it=entered_it
    )
    assert is_asked_to_validate(validator, status) is expected
