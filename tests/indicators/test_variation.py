"""Reading an indicator's figures for its XmR chart (indicators/variation.py)."""

from datetime import date
from decimal import Decimal

import pytest
from django.utils import timezone

from indicators.models import ChangePoint
from indicators.reader import Reader
from indicators.rules import spc
from indicators.rules.periods import Period, PeriodKind
from indicators.services import period_for
from indicators.variation import (
    NOT_SHOWN_RESTRICTED,
    NOT_SHOWN_SMALL_NUMBER,
    NOT_SHOWN_TOO_FEW,
    NOT_SHOWN_YEAR_TO_DATE,
    chart_for,
    charts_for,
    variation_for,
)
from tests import factories

pytestmark = pytest.mark.django_db

FIRST = Period(date(2023, 4, 1), PeriodKind.MONTH)


def monthly(values, **fields):
    indicator = factories.indicator(frequency="month", unit="count", **fields)
    for offset, value in enumerate(values):
        factories.outturn(indicator, FIRST.shifted(offset), value)
    return indicator


def test_the_chart_reads_the_figures_oldest_first():
    indicator = monthly([30, 32, 31, 29, 33])
    chart = chart_for(indicator, reader=Reader.PUBLIC)
    assert [point.value for point in chart.points] == [30, 32, 31, 29, 33]
    assert chart.is_trial


def test_a_provisional_figure_members_have_not_seen_is_left_out():
    indicator = monthly([30, 32, 31])
    factories.outturn(indicator, FIRST.shifted(3), 90, status="provisional")
    chart = chart_for(indicator, reader=Reader.WHOLE_RECORD)
    assert [point.value for point in chart.points] == [30, 32, 31]


def test_a_figure_changed_since_validation_is_charted_as_members_saw_it():
    indicator = monthly([30, 32])
    changed = factories.outturn(indicator, FIRST.shifted(2), 31)
    changed.hold(at=timezone.now(), value=changed.value, status="validated")
    changed.value, changed.status = Decimal(60), "provisional"
    changed.save()
    chart = chart_for(indicator, reader=Reader.WHOLE_RECORD)
    assert [point.value for point in chart.points] == [30, 32, 31]


def test_figures_of_another_kind_of_period_are_not_mixed_in():
    indicator = monthly([30, 32, 31])
    factories.outturn(indicator, Period(date(2023, 4, 1), PeriodKind.QUARTER), 93)
    assert len(chart_for(indicator, reader=Reader.WHOLE_RECORD).points) == 3


@pytest.mark.parametrize(
    ("polarity", "improvement"),
    [
        ("higher", spc.Improvement.INCREASE),
        ("lower", spc.Improvement.DECREASE),
        ("range", spc.Improvement.NEUTRAL),
        ("none", spc.Improvement.NEUTRAL),
    ],
)
def test_improvement_follows_the_polarity(polarity, improvement):
    indicator = monthly([30, 32, 31], polarity=polarity)
    assert chart_for(indicator, reader=Reader.WHOLE_RECORD).improvement == improvement


def test_the_target_line_is_the_latest_single_target():
    indicator = monthly([30, 32, 31])
    factories.target(indicator, 2022, value=20)
    factories.target(indicator, 2023, value=25)
    assert variation_for(indicator, reader=Reader.WHOLE_RECORD).target == Decimal(25)


def test_a_range_target_has_no_target_line():
    indicator = monthly([30, 32, 31], polarity="range")
    factories.target(indicator, 2023, lower=20, upper=40)
    variation = variation_for(indicator, reader=Reader.WHOLE_RECORD)
    assert variation.target is None
    assert variation.chart.assurance is None


def test_a_change_point_starts_the_limits_afresh_from_its_period():
    indicator = monthly([30, 32, 31, 29, 60, 62, 61, 63])
    period = period_for(FIRST.shifted(4))
    ChangePoint.objects.create(indicator=indicator, period=period, reason="New definition")
    variation = variation_for(indicator, reader=Reader.WHOLE_RECORD)
    points = variation.chart.points
    assert [point.is_rebase for point in points] == [False] * 4 + [True] + [False] * 3
    assert points[0].mean == pytest.approx(30.5)
    assert points[4].mean == pytest.approx(61.5)
    assert variation.breaks == [(4, "New definition")]
    assert variation.rows[4].rebase_reason == "New definition"


def test_no_change_point_no_break():
    indicator = monthly([30, 32, 31, 29, 60, 62])
    chart = chart_for(indicator, reader=Reader.WHOLE_RECORD)
    assert not any(point.is_rebase for point in chart.points[1:])


def test_a_small_number_withholds_the_whole_chart_from_a_reader_without_permission():
    indicator = monthly([30, 32, 3, 31])
    variation = variation_for(indicator, reader=Reader.PUBLIC)
    assert variation.chart is None
    assert variation.not_shown == "Not shown: computed from a withheld small number."
    assert variation_for(indicator, reader=Reader.WHOLE_RECORD).chart is not None


def test_a_small_numerator_withholds_a_percentage_chart():
    indicator = factories.indicator(frequency="month", unit="percent")
    for offset, numerator in enumerate([40, 42, 2]):
        factories.outturn(indicator, FIRST.shifted(offset), numerator=numerator, denominator=50)
    assert variation_for(indicator, reader=Reader.PUBLIC).not_shown == NOT_SHOWN_SMALL_NUMBER


def test_a_restricted_indicator_has_no_chart_for_a_reader_without_permission():
    indicator = monthly([30, 32, 31], is_restricted=True)
    assert variation_for(indicator, reader=Reader.PUBLIC).not_shown == NOT_SHOWN_RESTRICTED


def test_a_year_to_date_indicator_is_not_charted_and_says_why():
    indicator = monthly([30, 32, 31], measure_basis="ytd")
    variation = variation_for(indicator, reader=Reader.WHOLE_RECORD)
    assert variation.chart is None
    assert variation.not_shown == NOT_SHOWN_YEAR_TO_DATE


def test_one_figure_is_too_few_to_chart():
    assert variation_for(monthly([30]), reader=Reader.WHOLE_RECORD).not_shown == NOT_SHOWN_TOO_FEW


def test_a_figure_not_available_is_a_gap():
    indicator = monthly([30, 32])
    factories.outturn(indicator, FIRST.shifted(2), None, status="not_available")
    factories.outturn(indicator, FIRST.shifted(3), 31)
    assert [point.value for point in chart_for(indicator, reader=Reader.WHOLE_RECORD).points] == [
        30,
        32,
        None,
        31,
    ]


@pytest.mark.parametrize("indicators", [2, 12])
def test_charts_for_many_indicators_reads_in_three_queries(indicators, django_assert_num_queries):
    suite = [monthly([30, 32, 31, 29]) for _ in range(indicators)]
    with django_assert_num_queries(3):
        charts = charts_for(suite, reader=Reader.PUBLIC)
    assert len(charts) == indicators
    assert all(chart is not None for chart in charts.values())


def test_change_points_on_the_same_charted_period_share_one_break():
    indicator = monthly([30, 32, 31, 29])  # no figure at all for the fifth month
    factories.outturn(indicator, FIRST.shifted(5), 60)
    factories.outturn(indicator, FIRST.shifted(6), 62)
    for offset, reason in ((4, "New definition"), (5, "New team")):
        ChangePoint.objects.create(
            indicator=indicator, period=period_for(FIRST.shifted(offset)), reason=reason
        )
    variation = variation_for(indicator, reader=Reader.WHOLE_RECORD)
    assert variation.breaks == [(4, "New definition; New team")]
    assert variation.rows[4].rebase_reason == "New definition; New team"


def test_a_restricted_indicators_change_points_are_withheld_with_it():
    indicator = monthly([30, 32, 31], is_restricted=True)
    ChangePoint.objects.create(indicator=indicator, period=period_for(FIRST.shifted(1)), reason="Secret")
    assert variation_for(indicator, reader=Reader.PUBLIC).change_points == []


def test_an_indicator_whose_limits_are_fixed_after_a_baseline_judges_later_points_against_them():
    """Twelve steady months then a climb: limits worked out from every point widen with the climb;
    held after the first twelve, they find the climb beyond them."""
    indicator = monthly(
        [20, 21, 19, 20, 22, 18, 20, 21, 19, 20, 21, 19, 24, 26, 28, 30, 32, 34], polarity="lower"
    )
    unfixed = chart_for(indicator, reader=Reader.WHOLE_RECORD)
    indicator.spc_fix_after = 12
    indicator.save()
    fixed = chart_for(indicator, reader=Reader.WHOLE_RECORD)
    assert fixed.points[-1].upper_limit < unfixed.points[-1].upper_limit
    assert fixed.points[-1].mean == pytest.approx(20)
    assert fixed.points[-1].signal == spc.Signal.CONCERN
    assert fixed.points[-1].rule == spc.Rule.OUTSIDE_LIMITS
