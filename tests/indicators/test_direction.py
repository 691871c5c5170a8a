from decimal import Decimal as D

import pytest

from indicators.rules.direction import direction_of_travel, movement_between
from indicators.rules.terms import Direction, Movement, Polarity

HIGH, LOW, RANGE, NONE = (
    Polarity.HIGHER_IS_BETTER,
    Polarity.LOWER_IS_BETTER,
    Polarity.WITHIN_RANGE,
    Polarity.NONE,
)


@pytest.mark.parametrize(
    ("current", "previous", "polarity", "band", "expected"),
    [
        ("80", "70", HIGH, "0", Direction.IMPROVING),
        ("70", "80", HIGH, "0", Direction.WORSENING),
        ("70", "70", HIGH, "0", Direction.SAME),
        ("28", "31", LOW, "0", Direction.IMPROVING),  # care proceedings: fewer weeks is better
        ("31", "28", LOW, "0", Direction.WORSENING),
        ("70.4", "70", HIGH, "0.5", Direction.SAME),  # within the "no real change" band
        ("70.5", "70", HIGH, "0.5", Direction.SAME),  # exactly on the band is still no real change
        ("70.6", "70", HIGH, "0.5", Direction.IMPROVING),
        ("69.4", "70", HIGH, "0.5", Direction.WORSENING),
    ],
)
def test_direction_reads_through_polarity(current, previous, polarity, band, expected):
    assert direction_of_travel(D(current), D(previous), polarity, band=D(band)) is expected


@pytest.mark.parametrize(
    ("current", "previous", "expected"),
    [
        ("20", "22", Direction.IMPROVING),  # Merton 11: back into the 12-20% range
        ("22", "20", Direction.WORSENING),
        ("14", "19", Direction.SAME),  # moving about inside the range
        ("10", "8", Direction.IMPROVING),  # closer to the range from below
        ("25", "23", Direction.WORSENING),
    ],
)
def test_direction_within_a_range_is_distance_from_it(current, previous, expected):
    result = direction_of_travel(D(current), D(previous), RANGE, range_lower=D(12), range_upper=D(20))
    assert result is expected


def test_missing_previous_period_is_not_comparable():
    assert direction_of_travel(D(5), None, HIGH) is Direction.NOT_COMPARABLE


def test_missing_current_figure_is_not_comparable():
    assert direction_of_travel(None, D(5), HIGH) is Direction.NOT_COMPARABLE


def test_contextual_measure_has_no_direction_but_still_moves():
    assert direction_of_travel(D(9), D(5), NONE) is Direction.NOT_COMPARABLE
    assert movement_between(D(9), D(5)) is Movement.UP


def test_range_polarity_without_range_is_not_comparable():
    assert direction_of_travel(D(9), D(5), RANGE) is Direction.NOT_COMPARABLE


@pytest.mark.parametrize(
    ("current", "previous", "band", "expected"),
    [
        ("5", "4", "0", Movement.UP),
        ("4", "5", "0", Movement.DOWN),
        ("5", "5", "0", Movement.LEVEL),
        ("5.2", "5", "0.5", Movement.LEVEL),
        (None, "5", "0", Movement.UNKNOWN),
    ],
)
def test_movement(current, previous, band, expected):
    value = D(current) if current else None
    assert movement_between(value, D(previous), D(band)) is expected
