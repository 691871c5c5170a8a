"""Quartile bands, national rank and the neighbours' mean and median, as DfE computes them."""

from decimal import Decimal as D

import pytest

from indicators.rules.benchmarking import (
    NeighbourMethod,
    band_for,
    dashboard_figure,
    dashboard_method,
    mean_of,
    median_of,
    quantile,
    quartiles_of,
    rank_among,
    sum_of,
)
from indicators.rules.terms import Polarity

ONE_TO_TEN = [D(n) for n in range(1, 11)]
LOWER, HIGHER = Polarity.LOWER_IS_BETTER, Polarity.HIGHER_IS_BETTER


@pytest.mark.parametrize(
    ("values", "p", "expected"),
    [
        # R: quantile(1:10) gives 1, 3.25, 5.5, 7.75, 10
        (ONE_TO_TEN, D("0"), D("1")),
        (ONE_TO_TEN, D("0.25"), D("3.25")),
        (ONE_TO_TEN, D("0.5"), D("5.5")),
        (ONE_TO_TEN, D("0.75"), D("7.75")),
        (ONE_TO_TEN, D("1"), D("10")),
        # R: quantile(c(4, 1, 3, 2)) gives 1, 1.75, 2.5, 3.25, 4
        ([D(4), D(1), D(3), D(2)], D("0.25"), D("1.75")),
        ([D(4), D(1), D(3), D(2)], D("0.75"), D("3.25")),
        ([D(7)], D("0.25"), D(7)),
    ],
)
def test_quantile_is_r_s_default_type_7(values, p, expected):
    assert quantile(values, p) == expected


@pytest.mark.parametrize(
    ("value", "polarity", "band"),
    [
        (D(1), LOWER, "A"),  # the minimum is in A
        (D("3.25"), LOWER, "A"),  # Q1 itself is in A: [min, Q1]
        (D("3.26"), LOWER, "B"),
        (D("5.5"), LOWER, "B"),  # (Q1, Q2]
        (D(6), LOWER, "C"),
        (D("7.75"), LOWER, "C"),  # (Q2, Q3]
        (D(8), LOWER, "D"),
        (D(10), LOWER, "D"),  # (Q3, max]
        (D(1), HIGHER, "D"),  # reversed when higher is better: A is still the best quarter
        (D("3.25"), HIGHER, "D"),
        (D("5.5"), HIGHER, "C"),
        (D(6), HIGHER, "B"),
        (D(10), HIGHER, "A"),
    ],
)
def test_band_a_is_the_best_quarter_in_the_direction_of_polarity(value, polarity, band):
    assert band_for(value, quartiles_of(ONE_TO_TEN), polarity) == band


@pytest.mark.parametrize("polarity", [Polarity.NONE, Polarity.WITHIN_RANGE])
def test_no_band_without_a_polarity_of_higher_or_lower_is_better(polarity):
    assert band_for(D(5), quartiles_of(ONE_TO_TEN), polarity) is None


def test_no_band_without_a_value_or_without_any_council_s_value():
    assert band_for(None, quartiles_of(ONE_TO_TEN), LOWER) is None
    assert band_for(D(5), quartiles_of([]), LOWER) is None


def test_quartiles_say_how_many_councils_they_were_taken_over():
    quartiles = quartiles_of(ONE_TO_TEN)
    assert (quartiles.minimum, quartiles.maximum, quartiles.count) == (1, 10, 10)


@pytest.mark.parametrize(
    ("value", "others", "polarity", "rank"),
    [
        (D(3), [D(1), D(2), D(3), D(4)], LOWER, 3),
        (D(3), [D(1), D(2), D(3), D(4)], HIGHER, 2),
        # ties share the lowest rank, as R's rank(ties.method = "min")
        (D(2), [D(1), D(2), D(2), D(2), D(5)], LOWER, 2),
        (D(2), [D(1), D(2), D(2), D(2), D(5)], HIGHER, 2),
        (D(1), [D(1)], LOWER, 1),
        (None, [D(1)], LOWER, None),
        (D(1), [D(2)], Polarity.NONE, None),
    ],
)
def test_rank_is_one_best_through_polarity_with_ties_at_the_lowest_rank(value, others, polarity, rank):
    assert rank_among(value, others, polarity) == rank


@pytest.mark.parametrize(
    ("values", "mean", "median"),
    [
        ([D(1), D(2), D(9)], D(4), D(2)),
        ([D(1), D(2), D(3), D(10)], D(4), D("2.5")),
        ([], None, None),
    ],
)
def test_neighbours_mean_and_median_disagree_when_one_neighbour_is_far_off(values, mean, median):
    assert mean_of(values) == mean
    assert median_of(values) == median


@pytest.mark.parametrize(
    ("values", "is_count", "figure"),
    [
        ([D(40), D(55), D(120)], True, D(215)),
        ([D(40), D(55), D(120)], False, D(55)),
        ([D("12.5")], True, D("12.5")),
        ([], True, None),
    ],
)
def test_dashboard_sums_the_neighbours_counts_and_takes_the_median_of_rates(values, is_count, figure):
    assert dashboard_figure(values, is_count=is_count) == figure


def test_dashboard_method_is_named_by_what_the_figure_counts():
    assert dashboard_method(is_count=True) is NeighbourMethod.SUM
    assert dashboard_method(is_count=False) is NeighbourMethod.MEDIAN
    assert sum_of([]) is None
