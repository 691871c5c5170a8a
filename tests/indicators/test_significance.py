"""Confidence intervals and comparison with a comparator, as Fingertips and PHEindicatormethods
(ukhsa-collaboration/PHEindicatormethods) compute them. The package's expected values live in
tests/testthat/testdata_Byars_Wilson.xlsx, which is not readable here; the values below are
published ones (each names its source) or the package's test inputs checked by an independent
calculation."""

import math

import pytest

from indicators.rules.significance import (
    LEVELS,
    Comparison,
    Interval,
    byar_interval,
    compare,
    rate_interval,
    wilson_interval,
    z_score,
)
from indicators.rules.terms import Polarity


def rounded(interval: Interval, places: int = 4) -> tuple[float, float]:
    return round(interval.lower, places), round(interval.upper, places)


def test_the_two_levels_and_their_normal_deviates():
    assert LEVELS == (0.95, 0.998)
    # R: qnorm(0.975) and qnorm(0.999), as PHEindicatormethods' zscore() takes them.
    assert z_score(0.95) == pytest.approx(1.959963984540054, abs=1e-12)
    assert z_score(0.998) == pytest.approx(3.090232306167813, abs=1e-12)


@pytest.mark.parametrize(
    ("numerator", "denominator", "expected"),
    [
        # Newcombe RG (1998) Two-sided confidence intervals for the single proportion, Stat Med
        # 17:857-872, Table I, method 3 (score, no continuity correction); PHEindicatormethods
        # R/Wilson.R cites Newcombe and Altman for the method.
        (81, 263, (0.2553, 0.3662)),
        (15, 148, (0.0624, 0.1605)),
        (0, 20, (0.0, 0.1611)),
        (1, 29, (0.0061, 0.1718)),
        (29, 29, (0.8830, 1.0)),
    ],
)
def test_wilson_score_interval_for_a_proportion(numerator, denominator, expected):
    assert rounded(wilson_interval(numerator, denominator)) == expected


@pytest.mark.parametrize("confidence", LEVELS)
@pytest.mark.parametrize(
    ("numerator", "denominator"),
    [(65, 100), (1045, 5000), (0.445, 1)],  # tests/testthat/testWilson.R's inputs
)
def test_wilson_limits_are_where_the_score_test_is_just_significant(numerator, denominator, confidence):
    # Wilson's interval holds every p for which |observed - p| <= z * sqrt(p(1 - p) / n): found here
    # by bisection, a calculation independent of the closed form.
    observed, z = numerator / denominator, z_score(confidence)

    def edge(low, high):
        inside = (lambda p: abs(observed - p) <= z * math.sqrt(p * (1 - p) / denominator))(high)
        for _ in range(200):
            middle = (low + high) / 2
            if (abs(observed - middle) <= z * math.sqrt(middle * (1 - middle) / denominator)) == inside:
                high = middle
            else:
                low = middle
        return (low + high) / 2

    interval = wilson_interval(numerator, denominator, confidence)
    assert interval.lower == pytest.approx(edge(0, observed), abs=1e-9)
    assert interval.upper == pytest.approx(edge(1, observed), abs=1e-9)
    assert interval.confidence == confidence


@pytest.mark.parametrize(
    ("count", "confidence", "expected"),
    [
        # The exact Poisson limits, which phe_rate uses below 10 events (R/Rates.R), solved by hand at
        # the edges: no events, upper limit -ln(alpha / 2); one event, lower -ln(1 - alpha / 2) and
        # upper the mean m with exp(-m)(1 + m) = alpha / 2.
        (0, 0.95, (0.0, 3.6889)),
        (0, 0.998, (0.0, 6.9078)),
        (1, 0.95, (0.0253, 5.5716)),
        (1, 0.998, (0.0010, 9.2334)),
        # Garwood's exact limits, as printed in standard tables of Poisson confidence limits.
        (5, 0.95, (1.6235, 11.6683)),
        (9, 0.95, (4.1154, 17.0848)),
    ],
)
def test_a_small_count_takes_the_exact_interval(count, confidence, expected):
    assert rounded(byar_interval(count, confidence)) == expected


@pytest.mark.parametrize("count", [65, 1045, 10])  # tests/testthat/testByars.R's inputs
@pytest.mark.parametrize("confidence", LEVELS)
def test_byars_method_from_10_events(count, confidence):
    # R/Byars.R: byars_lower and byars_upper.
    z = z_score(confidence)
    interval = byar_interval(count, confidence)
    assert interval.lower == pytest.approx(count * (1 - 1 / (9 * count) - z / (3 * math.sqrt(count))) ** 3)
    assert interval.upper == pytest.approx(
        (count + 1) * (1 - 1 / (9 * (count + 1)) + z / (3 * math.sqrt(count + 1))) ** 3
    )


def test_byars_method_is_within_a_fifth_of_a_per_cent_of_the_exact_interval():
    # PHE, Technical Guide: Confidence Intervals (May 2018), Appendix 1: "for 95% confidence
    # intervals, Byar's method is within 0.2% of the exact value for numerators of 10 or more".
    for count in range(10, 200, 7):
        byar = byar_interval(count)
        exact = _exact_interval(count)
        assert abs(byar.lower - exact.lower) / exact.lower < 0.002
        assert abs(byar.upper - exact.upper) / exact.upper < 0.002


def _exact_interval(count):
    # The exact interval by a route of its own: the Poisson means at which seeing `count` or more
    # (or `count` or fewer) events has probability 2.5%.
    def at_least(mean, k):
        return 1 - sum(math.exp(-mean + i * math.log(mean) - math.lgamma(i + 1)) for i in range(k))

    def solve(function, target):
        low, high = 1e-9, count * 3 + 50
        for _ in range(200):
            middle = (low + high) / 2
            low, high = (middle, high) if function(middle) < target else (low, middle)
        return (low + high) / 2

    return Interval(
        solve(lambda mean: at_least(mean, count), 0.025),
        solve(lambda mean: 1 - (1 - at_least(mean, count + 1)), 0.975),
        0.95,
    )


def test_a_rate_is_the_counts_interval_scaled():
    # R/Rates.R: byars_lower(x, conf) / n * multiplier, and the exact interval below 10 events.
    assert rate_interval(82, 10000, 100000) == pytest.approx(
        Interval(byar_interval(82).lower * 10, byar_interval(82).upper * 10, 0.95)
    )
    # 5 events among 2,000 children: Garwood's 1.6235 to 11.6683 events, per 10,000 children.
    interval = rate_interval(5, 2000, 10000)
    assert (interval.lower, interval.upper) == pytest.approx((1.6235 * 5, 11.6683 * 5), abs=0.0005 * 5)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: wilson_interval(-1, 10), "negative"),
        (lambda: wilson_interval(1, 0), "denominator"),
        (lambda: wilson_interval(11, 10), "more than its denominator"),
        (lambda: byar_interval(-1), "negative"),
        (lambda: rate_interval(5, 0, 10000), "denominator"),
        (lambda: wilson_interval(1, 10, 95), "fraction"),
    ],
)
def test_impossible_figures_are_refused(call, message):
    with pytest.raises(ValueError, match=message):
        call()


HIGH, LOW, RANGE, NONE = (
    Polarity.HIGHER_IS_BETTER,
    Polarity.LOWER_IS_BETTER,
    Polarity.WITHIN_RANGE,
    Polarity.NONE,
)
INTERVAL = Interval(0.60, 0.70, 0.95)


@pytest.mark.parametrize(
    ("comparator", "polarity", "expected"),
    [
        (0.50, HIGH, Comparison.BETTER),
        (0.80, HIGH, Comparison.WORSE),
        (0.65, HIGH, Comparison.SIMILAR),
        (0.50, LOW, Comparison.WORSE),
        (0.80, LOW, Comparison.BETTER),
        (0.70, LOW, Comparison.SIMILAR),  # on the interval's edge: it holds the comparator
        (0.60, HIGH, Comparison.SIMILAR),
        (0.50, RANGE, Comparison.HIGHER),
        (0.80, NONE, Comparison.LOWER),
        (0.65, NONE, Comparison.SIMILAR),
        (None, HIGH, Comparison.NOT_COMPARED),
    ],
)
def test_a_figure_is_compared_by_whether_its_interval_holds_the_comparator(comparator, polarity, expected):
    assert compare(INTERVAL, comparator, polarity) is expected


def test_polarity_may_be_the_stored_value():
    assert compare(INTERVAL, 0.5, "lower") is Comparison.WORSE


def test_without_an_interval_a_figure_is_not_compared():
    assert compare(None, 0.5, HIGH) is Comparison.NOT_COMPARED


def test_comparison_words():
    assert [member.words for member in Comparison] == [
        "Better",
        "Similar",
        "Worse",
        "Higher",
        "Lower",
        "Not compared",
    ]
