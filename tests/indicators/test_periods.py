from datetime import date

import pytest

from indicators.rules.periods import (
    Period,
    PeriodKind,
    YearBasis,
    month_of,
    parse_period_label,
    period_containing,
    quarter_of,
    reporting_year,
    year_of,
)


@pytest.mark.parametrize(
    ("day", "label", "start", "end"),
    [
        (date(2019, 4, 1), "Q1 2019/20", date(2019, 4, 1), date(2019, 6, 30)),
        (date(2019, 9, 30), "Q2 2019/20", date(2019, 7, 1), date(2019, 9, 30)),
        (date(2019, 10, 15), "Q3 2019/20", date(2019, 10, 1), date(2019, 12, 31)),
        (date(2020, 3, 31), "Q4 2019/20", date(2020, 1, 1), date(2020, 3, 31)),
        (date(2000, 2, 29), "Q4 1999/00", date(2000, 1, 1), date(2000, 3, 31)),
    ],
)
def test_financial_quarters(day, label, start, end):
    quarter = quarter_of(day)
    assert (quarter.label, quarter.start, quarter.end) == (label, start, end)


@pytest.mark.parametrize(
    ("day", "basis", "year", "label"),
    [
        (date(2019, 4, 1), YearBasis.FINANCIAL, 2019, "2019/20"),
        (date(2020, 3, 31), YearBasis.FINANCIAL, 2019, "2019/20"),
        (date(2019, 8, 31), YearBasis.ACADEMIC, 2018, "2018/19"),
        (date(2019, 9, 1), YearBasis.ACADEMIC, 2019, "2019/20"),
        (date(2019, 12, 31), YearBasis.CALENDAR, 2019, "2019"),
    ],
)
def test_reporting_years(day, basis, year, label):
    assert reporting_year(day, basis) == year
    assert year_of(day, basis).label == label


def test_academic_year_runs_september_to_august():
    year = year_of(date(2019, 10, 1), YearBasis.ACADEMIC)
    assert (year.start, year.end) == (date(2019, 9, 1), date(2020, 8, 31))


def test_month_label_and_end():
    assert month_of(date(2019, 10, 17)).label == "Oct 2019"
    assert month_of(date(2020, 2, 3)).end == date(2020, 2, 29)


def test_previous_quarter_crosses_the_financial_year():
    assert quarter_of(date(2019, 5, 1)).previous().label == "Q4 2018/19"


def test_year_earlier_keeps_the_kind():
    assert quarter_of(date(2019, 8, 1)).year_earlier().label == "Q2 2018/19"
    assert month_of(date(2019, 1, 1)).year_earlier().label == "Jan 2018"


def test_financial_year_end_is_march():
    assert quarter_of(date(2020, 3, 1)).is_year_end
    assert not quarter_of(date(2019, 12, 1)).is_year_end
    assert month_of(date(2020, 8, 1)).is_year_end is False


@pytest.mark.parametrize(
    ("label", "kind", "start"),
    [
        ("Q2 2019/20", PeriodKind.QUARTER, date(2019, 7, 1)),
        ("q4  2019/20", PeriodKind.QUARTER, date(2020, 1, 1)),
        ("Oct 2019", PeriodKind.MONTH, date(2019, 10, 1)),
        ("2019/20", PeriodKind.YEAR, date(2019, 4, 1)),
        ("2019", PeriodKind.YEAR, date(2019, 1, 1)),
    ],
)
def test_parse_labels(label, kind, start):
    period = parse_period_label(label)
    assert (period.kind, period.start) == (kind, start)


def test_parse_academic_year_label():
    assert parse_period_label("2019/20", YearBasis.ACADEMIC).start == date(2019, 9, 1)


@pytest.mark.parametrize("label", ["Q5 2019/20", "2019/21", "Octember 2019", "Q2 19/20", ""])
def test_parse_rejects_nonsense(label):
    with pytest.raises(ValueError, match="is not"):
        parse_period_label(label)


def test_period_must_start_on_a_boundary():
    with pytest.raises(ValueError, match="quarter starts"):
        Period(date(2019, 5, 1), PeriodKind.QUARTER)
    with pytest.raises(ValueError, match="first day"):
        Period(date(2019, 4, 2), PeriodKind.MONTH)


def test_period_containing_dispatches_by_kind():
    day = date(2019, 11, 5)
    assert period_containing(day, PeriodKind.MONTH).label == "Nov 2019"
    assert period_containing(day, PeriodKind.QUARTER).label == "Q3 2019/20"
    assert period_containing(day, PeriodKind.YEAR, YearBasis.ACADEMIC).label == "2019/20"
