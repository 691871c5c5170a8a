"""Which reminders a day calls for: due soon and overdue for data owners, awaiting validation for
lead officers, from the due dates of the officers' "what is due" page."""

from datetime import date

import pytest

from reminders.rules import ReminderKind
from reminders.selectors import reminders_due
from tests import factories
from tests.reminders.helpers import (
    DAY_BEFORE_REMINDERS,
    FIRST_REMINDER_DAY,
    OVERDUE_DAY,
    Q2_DUE,
    Q2_START,
    owned_indicator,
)

pytestmark = pytest.mark.django_db


def kinds(today) -> list[tuple[str, str, str]]:
    return sorted(
        (reminder.recipient.username, reminder.indicator.reference, reminder.kind)
        for reminder in reminders_due(today=today)
    )


def test_a_data_owner_is_reminded_five_working_days_before_the_due_date(dana):
    indicator = owned_indicator(dana, reference="2")
    assert kinds(DAY_BEFORE_REMINDERS) == []
    [reminder] = reminders_due(today=FIRST_REMINDER_DAY)
    assert (reminder.recipient, reminder.indicator, reminder.kind) == (dana, indicator, ReminderKind.DUE_SOON)
    assert reminder.due == Q2_DUE
    assert reminder.period.start == Q2_START


def test_the_lead_time_counts_working_days_and_skips_bank_holidays(dana, settings):
    owned_indicator(dana, reference="2")
    settings.ENTRY_BANK_HOLIDAYS = frozenset({date(2019, 10, 15)})
    # The holiday moves the due date to Tuesday 22 October; five working days before it, the holiday
    # skipped, is still Monday 14 October.
    [reminder] = reminders_due(today=FIRST_REMINDER_DAY)
    assert reminder.due == date(2019, 10, 22)
    assert kinds(DAY_BEFORE_REMINDERS) == []


def test_the_council_sets_the_lead_time(dana, settings):
    owned_indicator(dana, reference="2")
    settings.REMINDER_DAYS_BEFORE = 10
    assert kinds(date(2019, 10, 7)) == [("dana", "2", ReminderKind.DUE_SOON)]


def test_an_indicator_s_own_due_days_set_its_reminder(dana):
    owned_indicator(dana, reference="9", due_working_days=40)  # Cafcass: due 25 November
    assert kinds(OVERDUE_DAY) == []
    assert kinds(date(2019, 11, 18)) == [("dana", "9", ReminderKind.DUE_SOON)]


def test_a_figure_not_entered_by_its_due_date_is_overdue(dana):
    owned_indicator(dana, reference="2")
    assert kinds(Q2_DUE) == [("dana", "2", ReminderKind.DUE_SOON)]
    assert kinds(OVERDUE_DAY) == [("dana", "2", ReminderKind.OVERDUE)]


def test_a_figure_entered_calls_for_no_reminder_to_its_data_owner(dana):
    indicator = owned_indicator(dana, reference="2")
    factories.outturn(indicator, Q2_START, 70, status="validated")
    assert kinds(FIRST_REMINDER_DAY) == []
    assert kinds(OVERDUE_DAY) == []


def test_a_provisional_figure_awaits_its_lead_officer_s_validation(dana, lee):
    indicator = owned_indicator(dana, reference="2", lead_officer_user=lee)
    factories.outturn(indicator, Q2_START, 70, status="provisional")
    assert kinds(OVERDUE_DAY) == [("lee", "2", ReminderKind.AWAITING_VALIDATION)]


def test_the_second_officer_is_reminded_too_once_each(dana, lee):
    indicator = owned_indicator(dana, reference="2", lead_officer_user=lee, second_officer_user=dana)
    factories.outturn(indicator, Q2_START, 70, status="provisional")
    assert kinds(OVERDUE_DAY) == [
        ("dana", "2", ReminderKind.AWAITING_VALIDATION),
        ("lee", "2", ReminderKind.AWAITING_VALIDATION),
    ]
    indicator.second_officer_user = lee
    indicator.save()
    assert kinds(OVERDUE_DAY) == [("lee", "2", ReminderKind.AWAITING_VALIDATION)]


def test_a_second_officer_is_not_asked_to_validate_a_figure_they_entered(dana, lee, bob):
    indicator = owned_indicator(dana, reference="2", lead_officer_user=bob, second_officer_user=lee)
    factories.outturn(indicator, Q2_START, 70, status="provisional", entered_by=lee)
    assert kinds(OVERDUE_DAY) == [("bob", "2", ReminderKind.AWAITING_VALIDATION)]


def test_a_lead_officer_is_asked_to_validate_their_own_entry(dana, lee):
    indicator = owned_indicator(dana, reference="2", lead_officer_user=lee)
    factories.outturn(indicator, Q2_START, 70, status="provisional", entered_by=lee)
    assert kinds(OVERDUE_DAY) == [("lee", "2", ReminderKind.AWAITING_VALIDATION)]


def test_a_figure_still_provisional_after_a_year_still_awaits_validation(dana, lee):
    indicator = owned_indicator(dana, reference="2", lead_officer_user=lee)
    factories.outturn(indicator, Q2_START, 70, status="provisional")
    [reminder] = [r for r in reminders_due(today=date(2021, 1, 4)) if r.recipient == lee]
    assert (reminder.period.start, reminder.due) == (Q2_START, Q2_DUE)


def test_a_validated_or_unavailable_figure_awaits_nothing(dana, lee):
    validated = owned_indicator(dana, reference="2", lead_officer_user=lee)
    unavailable = owned_indicator(dana, reference="5", lead_officer_user=lee)
    factories.outturn(validated, Q2_START, 70, status="validated")
    factories.outturn(unavailable, Q2_START, None, status="not_available")
    assert kinds(OVERDUE_DAY) == []


def test_an_indicator_without_a_data_owner_reminds_nobody(lee):
    factories.indicator(reference="2", introduced_on=Q2_START, lead_officer_user=lee)
    assert kinds(OVERDUE_DAY) == []


def test_a_retired_indicator_or_a_period_beyond_the_last_year_reminds_nobody(dana):
    owned_indicator(dana, reference="2", retired_on=date(2019, 9, 1))
    assert kinds(OVERDUE_DAY) == []
    owned_indicator(dana, reference="5")
    # Two years on, Q2 2019/20 is no longer on the "what is due" page: nobody is reminded of it.
    assert ("dana", "5", ReminderKind.OVERDUE) in kinds(date(2020, 9, 1))
    assert all(reminder.period.start != Q2_START for reminder in reminders_due(today=date(2021, 10, 22)))


def test_a_restricted_indicator_is_named_only_to_people_who_may_see_it(alice, dana):
    factories.indicator(reference="22", introduced_on=Q2_START, data_owner_user=alice, is_restricted=True)
    factories.indicator(reference="23", introduced_on=Q2_START, data_owner_user=dana, is_restricted=True)
    factories.indicator(reference="2", introduced_on=Q2_START, data_owner_user=alice)
    assert kinds(OVERDUE_DAY) == [("alice", "2", ReminderKind.OVERDUE), ("dana", "23", ReminderKind.OVERDUE)]


def test_a_person_whose_account_is_closed_is_not_reminded(dana):
    owned_indicator(dana, reference="2")
    dana.is_active = False
    dana.save()
    assert kinds(OVERDUE_DAY) == []
