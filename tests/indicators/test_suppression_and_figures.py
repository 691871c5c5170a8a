from decimal import Decimal as D

import pytest

from indicators.rules.figures import format_fraction, format_value, value_from_fraction
from indicators.rules.suppression import is_small, should_suppress


@pytest.mark.parametrize(("count", "small"), [(0, False), (1, True), (5, True), (6, False), (None, False)])
def test_small_numbers_are_one_to_threshold(count, small):
    assert is_small(count, 5) is small


def test_percentage_from_a_small_numerator_is_suppressed():
    assert should_suppress(value=D(40), numerator=D(2), denominator=D(5), is_count=False, threshold=5)


def test_percentage_from_large_numbers_is_shown():
    assert not should_suppress(value=D(55), numerator=D(50), denominator=D(91), is_count=False, threshold=5)


def test_small_count_is_suppressed_but_zero_is_not():
    assert should_suppress(value=D(3), numerator=None, denominator=None, is_count=True, threshold=5)
    assert not should_suppress(value=D(0), numerator=None, denominator=None, is_count=True, threshold=5)


def test_threshold_zero_turns_suppression_off():
    assert not should_suppress(value=D(1), numerator=D(1), denominator=D(2), is_count=True, threshold=0)


@pytest.mark.parametrize(
    ("numerator", "denominator", "unit", "expected"),
    [
        ("50", "91", "percent", "54.9"),
        ("53", "104", "percent", "51.0"),
        ("151", "47200", "rate10k", "32.0"),
        ("168", "10", "number", "16.8"),
    ],
)
def test_value_is_computed_from_numerator_and_denominator(numerator, denominator, unit, expected):
    assert round(value_from_fraction(D(numerator), D(denominator), unit), 1) == D(expected)


def test_zero_denominator_is_refused():
    with pytest.raises(ValueError, match="zero"):
        value_from_fraction(D(1), D(0), "percent")


@pytest.mark.parametrize(
    ("value", "unit", "places", "text"),
    [
        ("54.945", "percent", 0, "55%"),
        ("28", "weeks", 0, "28 weeks"),
        ("31.04", "rate10k", 1, "31.0 per 10,000"),
        ("2854", "count", 0, "2,854"),
        ("16.85", "number", 1, "16.9"),
        ("-1.5", "number", 1, "\u22121.5"),
        (None, "percent", 0, ""),
    ],
)
def test_format_value(value, unit, places, text):
    assert format_value(D(value) if value else None, unit, places) == text


def test_format_fraction():
    assert format_fraction(D("50.0000"), D("91.0000")) == "50 out of 91"
