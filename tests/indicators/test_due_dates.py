"""When figures are due, across financial, academic and calendar years, and where each one stands."""

from datetime import date

import pytest

from indicators.rules.due import DueState, due_date, due_state, working_days_after
from indicators.rules.periods import Period, PeriodKind, YearBasis

EASTER_2020 = frozenset({date(2020, 4, 10), date(2020, 4, 13)})
NEW_YEAR_2020 = frozenset({date(2020, 1, 1)})


@pytest.mark.parametrize(
    ("period", "working_days", "holidays", "expected"),
    [
        # Q1 2019/20 ends on Sunday 30 June: three working weeks later.
        (Period(date(2019, 4, 1), PeriodKind.QUARTER), 15, frozenset(), date(2019, 7, 19)),
        # Q4 2019/20 ends on Tuesday 31 March 2020; Good Friday and Easter Monday push it two days.
        (Period(date(2020, 1, 1), PeriodKind.QUARTER), 15, frozenset(), date(2020, 4, 21)),
        (Period(date(2020, 1, 1), PeriodKind.QUARTER), 15, EASTER_2020, date(2020, 4, 23)),
        # The financial year 2019/20 ends with its fourth quarter.
        (Period(date(2019, 4, 1), PeriodKind.YEAR, YearBasis.FINANCIAL), 15, EASTER_2020, date(2020, 4, 23)),
        # The academic year 2019/20 ends on Monday 31 August 2020.
        (Period(date(2019, 9, 1), PeriodKind.YEAR, YearBasis.ACADEMIC), 15, frozenset(), date(2020, 9, 21)),
        # The calendar year 2019 ends on Tuesday 31 December; New Year's Day is a bank holiday.
        (Period(date(2019, 1, 1), PeriodKind.YEAR, YearBasis.CALENDAR), 15, frozenset(), date(2020, 1, 21)),
        (Period(date(2019, 1, 1), PeriodKind.YEAR, YearBasis.CALENDAR), 15, NEW_YEAR_2020, date(2020, 1, 22)),
        # A monthly figure due the day the month ends.
        (Period(date(2019, 10, 1), PeriodKind.MONTH), 0, frozenset(), date(2019, 10, 31)),
        # Cafcass figures for Q2 2019/20, due 40 working days after 30 September.
        (Period(date(2019, 7, 1), PeriodKind.QUARTER), 40, frozenset(), date(2019, 11, 25)),
    ],
)
def test_a_figure_is_due_working_days_after_its_period_ends(period, working_days, holidays, expected):
    assert due_date(period, working_days=working_days, holidays=holidays) == expected


def test_weekends_are_not_working_days():
    friday = date(2019, 7, 5)
    assert working_days_after(friday, 1) == date(2019, 7, 8)


DUE = date(2019, 7, 19)


@pytest.mark.parametrize(
    ("status", "today", "expected"),
    [
        (None, date(2019, 7, 19), DueState.DUE),
        (None, date(2019, 7, 20), DueState.OVERDUE),
        ("provisional", date(2019, 8, 1), DueState.ENTERED),
        ("not_available", date(2019, 8, 1), DueState.ENTERED),
        ("validated", date(2019, 7, 1), DueState.VALIDATED),
    ],
)
def test_where_a_figure_stands_against_its_due_date(status, today, expected):
    assert due_state(status, due=DUE, today=today) is expected
