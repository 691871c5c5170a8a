"""Which periods figures may be entered for: ended ones, back to the council's horizon."""

from datetime import date

import pytest

from indicators.rules.periods import Period, PeriodKind, YearBasis, entry_refusal

Q3_2099 = Period(date(2099, 10, 1), PeriodKind.QUARTER)
Q2_2019 = Period(date(2019, 7, 1), PeriodKind.QUARTER)


def refusal(period, today, newest=None, horizon=36):
    return entry_refusal(period, today=today, newest_figures=newest, horizon_months=horizon)


@pytest.mark.parametrize(
    ("period", "today", "newest", "expected"),
    [
        (Q2_2019, date(2019, 10, 1), None, ""),
        (
            Q2_2019,
            date(2019, 9, 30),
            None,
            "Q2 2019/20 has not ended: its figures can be entered from 1 October 2019.",
        ),
        (
            Q3_2099,
            date(2026, 12, 1),
            None,
            "Q3 2099/00 has not ended: its figures can be entered from 1 January 2100.",
        ),
        (
            Period(date(2019, 9, 1), PeriodKind.YEAR, YearBasis.ACADEMIC),
            date(2020, 8, 31),
            None,
            "2019/20 has not ended: its figures can be entered from 1 September 2020.",
        ),
        (Period(date(2019, 1, 1), PeriodKind.YEAR, YearBasis.CALENDAR), date(2020, 1, 1), None, ""),
        (Period(date(2019, 12, 1), PeriodKind.MONTH), date(2020, 1, 1), None, ""),
        # 36 months back from today, when there are no figures or they are later than today
        (Period(date(2023, 12, 1), PeriodKind.MONTH), date(2026, 12, 1), None, ""),
        (
            Period(date(2023, 11, 1), PeriodKind.MONTH),
            date(2026, 12, 1),
            None,
            "Nov 2023 is more than 36 months before the latest figures:"
            " figures that old are no longer entered here.",
        ),
        (
            Period(date(2023, 11, 1), PeriodKind.MONTH),
            date(2026, 12, 1),
            date(2099, 12, 31),
            "Nov 2023 is more",
        ),
        # ... or back from the latest figures, so a council's recent history stays open
        (Q2_2019, date(2026, 12, 1), date(2021, 3, 31), ""),
        (Period(date(2018, 1, 1), PeriodKind.QUARTER), date(2026, 12, 1), date(2021, 3, 31), ""),
        (
            Period(date(2017, 10, 1), PeriodKind.QUARTER),
            date(2026, 12, 1),
            date(2021, 3, 31),
            "Q3 2017/18 is more",
        ),
    ],
)
def test_a_period_is_entered_once_it_has_ended_and_back_to_the_horizon(period, today, newest, expected):
    assert refusal(period, today, newest).startswith(expected)
    assert bool(refusal(period, today, newest)) is bool(expected)


def test_the_horizon_is_the_councils_to_set():
    old = Period(date(2022, 4, 1), PeriodKind.QUARTER)
    assert refusal(old, date(2026, 12, 1), horizon=36)
    assert not refusal(old, date(2026, 12, 1), horizon=60)
