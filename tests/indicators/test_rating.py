"""RAG rating, case by case, including the figures the committee reports rated."""

from decimal import Decimal as D

import pytest

from indicators.rules.rating import TargetRule, is_target_for_parts, rating_for
from indicators.rules.terms import Polarity, Rating, ToleranceKind

HIGH, LOW, RANGE, NONE = (
    Polarity.HIGHER_IS_BETTER,
    Polarity.LOWER_IS_BETTER,
    Polarity.WITHIN_RANGE,
    Polarity.NONE,
)
PCT, PTS = ToleranceKind.PERCENT_OF_TARGET, ToleranceKind.POINTS
STORED = 4
"""The places a figure is kept to: rated at them, a figure is rated as kept."""


def points(value, tolerance=0):
    return TargetRule(value=D(value), tolerance=D(tolerance), tolerance_kind=PTS)


def percent(value, tolerance):
    return TargetRule(value=D(value), tolerance=D(tolerance), tolerance_kind=PCT)


def band(lower, upper, tolerance=0, kind=PTS):
    return TargetRule(lower=D(lower), upper=D(upper), tolerance=D(tolerance), tolerance_kind=kind)


@pytest.mark.parametrize(
    ("value", "target", "polarity", "expected"),
    [
        # Higher is better.
        ("85", points(85, 5), HIGH, Rating.GREEN),  # exactly on target
        ("90", points(85, 5), HIGH, Rating.GREEN),
        ("82", points(85, 5), HIGH, Rating.AMBER),
        ("80.01", points(85, 5), HIGH, Rating.AMBER),
        ("80", points(85, 5), HIGH, Rating.RED),  # off by exactly the tolerance is Red
        ("71", percent(85, 10), HIGH, Rating.RED),  # Merton 2: 71% against 85%, 16.5% off
        ("79", percent(85, 10), HIGH, Rating.AMBER),  # Merton 2020: Amber, 7.1% off
        ("84", points(85, 0), HIGH, Rating.RED),  # no tolerance: any miss is Red
        # Lower is better.
        ("28", percent(26, 5), LOW, Rating.RED),  # Merton 16: 28 weeks against 26, 7.7% off
        ("27", percent(26, 5), LOW, Rating.AMBER),  # 3.8% off
        ("26", percent(26, 5), LOW, Rating.GREEN),
        ("20", percent(26, 5), LOW, Rating.GREEN),
        ("27.3", percent(26, 5), LOW, Rating.RED),  # exactly 5% off
        # Acceptable range: Green anywhere within it, whichever side of the middle.
        ("20", band(12, 20, 3), RANGE, Rating.GREEN),  # Merton 11: 20% in 12-20%
        ("12", band(12, 20, 3), RANGE, Rating.GREEN),
        ("16", band(12, 20, 3), RANGE, Rating.GREEN),
        ("22", band(12, 20, 3), RANGE, Rating.AMBER),
        ("10", band(12, 20, 3), RANGE, Rating.AMBER),
        ("23", band(12, 20, 3), RANGE, Rating.RED),
        ("16.8", band(12, 15, 2), LOW, Rating.AMBER),  # Bromley 29: 16.8 against the 12-15 promise
        ("16.8", band(12, 15, 15, PCT), LOW, Rating.AMBER),
        ("18", band(12, 15, 15, PCT), LOW, Rating.RED),
        # A zero target leaves no room for a relative tolerance.
        ("0", percent(0, 10), LOW, Rating.GREEN),
        ("1", percent(0, 10), LOW, Rating.RED),
        ("1", points(0, 2), LOW, Rating.AMBER),
    ],
)
def test_rating_against_target(value, target, polarity, expected):
    assert rating_for(D(value), target, polarity, decimal_places=STORED).rating is expected


def test_contextual_measure_is_not_rated():
    assert (
        rating_for(D(104), points(50), HIGH, is_target_measure=False, decimal_places=STORED).rating
        is Rating.NOT_RATED
    )


def test_indicator_without_polarity_is_not_rated():
    assert rating_for(D(5), points(50), NONE, decimal_places=STORED).rating is Rating.NOT_RATED


def test_no_target_is_not_rated():
    assert rating_for(D(5), None, HIGH, decimal_places=STORED).rating is Rating.NOT_RATED


def test_missing_figure_has_no_data_even_with_a_target():
    assert rating_for(None, points(50), HIGH, decimal_places=STORED).rating is Rating.NO_DATA


def test_contextual_measure_without_figure_is_not_rated():
    assert (
        rating_for(None, None, NONE, is_target_measure=False, decimal_places=STORED).rating
        is Rating.NOT_RATED
    )


def test_range_polarity_without_a_range_is_not_rated():
    assert rating_for(D(5), points(50), RANGE, decimal_places=STORED).rating is Rating.NOT_RATED


def test_shortfall_is_reported_in_units_and_percent():
    result = rating_for(D(28), percent(26, 5), LOW, decimal_places=STORED)
    assert result.shortfall == D(2)
    assert round(result.shortfall_percent, 1) == D("7.7")
    assert result.reference == D(26)


def test_open_ended_range_rates_only_the_bound_it_has():
    at_least = TargetRule(lower=D(12), tolerance=D(2))
    assert rating_for(D(50), at_least, RANGE, decimal_places=STORED).rating is Rating.GREEN
    assert rating_for(D(11), at_least, RANGE, decimal_places=STORED).rating is Rating.AMBER


@pytest.mark.parametrize(
    ("value", "target", "polarity", "places", "expected"),
    [
        # Indicator 19: 122 out of 136 is 89.7%, printed "90%": on a 90% target.
        ("89.7059", points(90, 5), HIGH, 0, Rating.GREEN),
        ("89.7059", points(90, 5), HIGH, 1, Rating.AMBER),
        # Indicator 14: 94.7% is printed "95%", 3 points short of 98%: the 3-point tolerance.
        ("94.6809", points(98, 3), HIGH, 0, Rating.RED),
        ("95.5", points(98, 3), HIGH, 0, Rating.AMBER),  # printed "96%"
        # Indicator 16: 26.8 and 27.3 weeks are both printed "27 weeks": 3.8% over 26.
        ("26.8", percent(26, 5), LOW, 0, Rating.AMBER),
        ("27.3", percent(26, 5), LOW, 0, Rating.AMBER),
        ("27.3", percent(26, 5), LOW, 1, Rating.RED),
        # A target is judged as printed too: 89.6 is printed "90%".
        ("90", points(D("89.6"), 5), HIGH, 0, Rating.GREEN),
        ("20.4", band(12, 20, 3), RANGE, 0, Rating.GREEN),
    ],
)
def test_a_figure_is_rated_as_it_is_printed(value, target, polarity, places, expected):
    assert rating_for(D(value), target, polarity, decimal_places=places).rating is expected


def test_a_shortfall_as_a_per_cent_of_the_target_is_judged_at_one_decimal_place():
    # 104.96 weeks against 100: 4.96% prints "5.0%", and 5.0% is the 5% tolerance: Red.
    result = rating_for(D("104.96"), percent(100, 5), LOW, decimal_places=2)
    assert result.shortfall_percent == D("5.0")
    assert result.rating is Rating.RED


@pytest.mark.parametrize(
    ("unit", "expected"),
    [
        ("count", False),
        ("percent", True),
        ("rate10k", True),
        ("weeks", True),
        ("days", True),
        ("number", True),
    ],
)
def test_a_councils_target_applies_to_its_parts_unless_it_is_a_count(unit, expected):
    assert is_target_for_parts(unit) is expected
