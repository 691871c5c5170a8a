"""The breakdown rules, in tables of cases: totals, refused totals, members in a period, best and
worst (secondary suppression: tests/indicators/test_disclosure_rules.py)."""

from datetime import date
from decimal import Decimal

import pytest

from breakdowns.rules import (
    Part,
    Summing,
    Total,
    behind_target,
    is_active_between,
    spread_of,
    summing_for,
    total_from_parts,
    total_mismatch,
)
from indicators.rules.rating import TargetRule
from indicators.rules.terms import OutturnStatus, Polarity, Rating

D = Decimal
THRESHOLD = 5


def fraction(name, numerator, denominator):
    return Part(name, D(numerator) / D(denominator) * 100, D(numerator), D(denominator))


def count(name, value):
    return Part(name, None if value is None else D(value))


@pytest.mark.parametrize(
    ("unit", "summing"),
    [
        ("percent", Summing.FRACTIONS),
        ("rate10k", Summing.FRACTIONS),
        ("count", Summing.COUNTS),
        ("weeks", Summing.NOT_SUMMABLE),
        ("days", Summing.NOT_SUMMABLE),
        ("number", Summing.NOT_SUMMABLE),
    ],
)
def test_how_each_unit_adds_up(unit, summing):
    assert summing_for(unit) is summing


def test_a_percentage_total_sums_numerators_and_denominators_never_averages_percentages():
    # West: 9 of 10 (90%); East: 50 of 100 (50%). The mean of percentages would say 70%.
    total = total_from_parts([fraction("West", 9, 10), fraction("East", 50, 100)], "percent")
    assert (total.numerator, total.denominator) == (D(59), D(110))
    assert round(total.value, 2) == D("53.64")


def test_a_rate_total_is_the_summed_count_over_the_summed_population():
    parts = [Part("North", None, D(30), D(10000)), Part("South", None, D(10), D(10000))]
    parts = [Part(p.name, p.numerator / p.denominator * 10000, p.numerator, p.denominator) for p in parts]
    assert total_from_parts(parts, "rate10k").value == D(20)


def test_a_count_total_is_the_sum_of_its_parts():
    total = total_from_parts([count("West", 149), count("East", 80), count("North", 0)], "count")
    assert total == Total(value=D(229))


@pytest.mark.parametrize(
    ("unit", "parts", "problem"),
    [
        ("weeks", [count("West", 27)], "A figure in weeks is an average: it cannot be added up"),
        ("number", [count("West", 14)], "An average cannot be added up from the parts"),
        ("count", [], "There are no parts to add up"),
        ("count", [count("West", 3), count("East", None)], "East has no figure"),
        (
            "count",
            [count("West", 3), Part("East", D(4), status=OutturnStatus.NOT_AVAILABLE)],
            "East has no figure",
        ),
        ("percent", [fraction("West", 1, 2), Part("East", D(50))], "East has no numerator and denominator"),
    ],
)
def test_no_total_is_worked_out_when_the_parts_cannot_make_one(unit, parts, problem):
    total = total_from_parts(parts, unit)
    assert not total.is_worked_out
    assert problem in total.problem


@pytest.mark.parametrize(
    ("entered", "refused"),
    [
        ({"value": None, "numerator": None, "denominator": None}, ""),
        ({"value": None, "numerator": D(59), "denominator": D(110)}, ""),
        ({"value": D("53.6"), "numerator": None, "denominator": None}, ""),
        ({"value": D(54), "numerator": None, "denominator": None}, ""),
        (
            {"value": None, "numerator": D(60), "denominator": D(110)},
            "The parts make 59 out of 110 (53.6%), but the council total entered is 60 out of 110",
        ),
        (
            {"value": D("55.0"), "numerator": None, "denominator": None},
            "The parts make 59 out of 110 (53.6%), but the council total entered is 55.0%",
        ),
    ],
)
def test_an_entered_total_must_be_the_one_the_parts_make(entered, refused):
    total = total_from_parts([fraction("West", 9, 10), fraction("East", 50, 100)], "percent")
    message = total_mismatch(total, unit="percent", decimal_places=1, **entered)
    assert message.startswith(refused) if refused else message == ""


def test_a_count_total_that_does_not_add_up_is_refused_saying_both():
    total = total_from_parts([count("West", 149), count("East", 80)], "count")
    message = total_mismatch(
        total, value=D(230), numerator=None, denominator=None, unit="count", decimal_places=0
    )
    assert message == "The parts make 229, but the council total entered is 230: correct a part or the total"


Q3 = (date(2019, 10, 1), date(2019, 12, 31))


@pytest.mark.parametrize(
    ("starts", "ends", "active"),
    [
        (None, None, True),
        (date(2019, 11, 15), None, True),  # formed mid-quarter: reports the quarter
        (None, date(2019, 11, 14), True),  # merged mid-quarter: reports the quarter too
        (date(2020, 1, 1), None, False),  # not formed yet
        (None, date(2019, 9, 30), False),  # gone before the quarter
        (date(2019, 12, 31), date(2019, 12, 31), True),
        (date(2019, 10, 1), date(2019, 12, 31), True),
    ],
)
def test_a_member_reports_in_a_period_when_it_exists_on_any_day_of_it(starts, ends, active):
    assert is_active_between(starts, ends, *Q3) is active


TARGET_80 = TargetRule(value=D(80), tolerance=D(5))
RANGE_12_20 = TargetRule(lower=D(12), upper=D(20), tolerance=D(3))


@pytest.mark.parametrize(
    ("figures", "polarity", "target", "best", "worst", "spread"),
    [
        (
            [("West", 90), ("East", 81), ("North", 87)],
            Polarity.HIGHER_IS_BETTER,
            TARGET_80,
            ("West",),
            ("East",),
            9,
        ),
        (
            [("West", 30), ("East", 26), ("North", 28)],
            Polarity.LOWER_IS_BETTER,
            None,
            ("East",),
            ("West",),
            4,
        ),
        (
            [("West", 20), ("East", 25), ("North", 12)],
            Polarity.WITHIN_RANGE,
            RANGE_12_20,
            ("West", "North"),
            ("East",),
            13,
        ),
        ([("West", 90), ("East", 90)], Polarity.HIGHER_IS_BETTER, TARGET_80, (), (), 0),
        ([("West", 149), ("East", 80)], Polarity.NONE, None, (), (), 69),
        ([("West", 90), ("East", None)], Polarity.HIGHER_IS_BETTER, TARGET_80, (), (), None),
        (
            [("West", 90), ("East", 70), ("North", 70)],
            Polarity.HIGHER_IS_BETTER,
            None,
            ("West",),
            ("East", "North"),
            20,
        ),
    ],
)
def test_best_and_worst_are_named_through_the_polarity_with_the_spread(
    figures, polarity, target, best, worst, spread
):
    result = spread_of([(name, None if v is None else D(v)) for name, v in figures], polarity, target)
    assert (result.best, result.worst) == (best, worst)
    assert result.spread == (None if spread is None else D(spread))


R, A, G = Rating.RED, Rating.AMBER, Rating.GREEN


@pytest.mark.parametrize(
    ("figures", "polarity", "target", "expected"),
    [
        # Red before Amber, each furthest behind first; on target is not behind.
        ([(88, A), (72, R), (90, G), (80, R)], Polarity.HIGHER_IS_BETTER, TARGET_80, [1, 3, 0]),
        # Lower is better: the highest is furthest behind.
        ([(90, R), (100, R), (70, G)], Polarity.LOWER_IS_BETTER, TARGET_80, [1, 0]),
        # A range: furthest outside either bound first.
        ([(25, R), (8, R), (21, A)], Polarity.WITHIN_RANGE, RANGE_12_20, [0, 1, 2]),
        # A part without a figure, or withheld from the reader, is never named.
        ([(None, Rating.NO_DATA), (70, R)], Polarity.HIGHER_IS_BETTER, TARGET_80, [1]),
        # No target: nothing is behind it.
        ([(70, R)], Polarity.HIGHER_IS_BETTER, None, []),
        # Ties keep the parts' order.
        ([(70, R), (70, R)], Polarity.HIGHER_IS_BETTER, TARGET_80, [0, 1]),
    ],
)
def test_parts_behind_target_are_red_then_amber_furthest_behind_first(figures, polarity, target, expected):
    figures = [(None if value is None else D(value), rating) for value, rating in figures]
    assert behind_target(figures, polarity, target) == expected
