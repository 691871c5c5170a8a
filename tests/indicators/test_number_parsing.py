"""How a typed number is read: ASCII digits, one decimal point and an optional sign, nothing else."""

from decimal import Decimal as D

import pytest

from indicators.rules.entry import parse_number


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("365", D(365)),
        ("  71 ", D(71)),
        ("-2.5", D("-2.5")),
        ("+4", D(4)),
        ("0.25", D("0.25")),
        (".5", D("0.5")),
        ("12.", D(12)),
        ("", None),
        ("   ", None),
    ],
)
def test_ascii_numbers_are_read(typed, expected):
    assert parse_number(typed) == expected


@pytest.mark.parametrize(
    "typed",
    [
        "３６５",  # full-width digits
        "३६५",  # Devanagari digits
        "٧١",  # Arabic-Indic digits
        "3_66",  # Python's digit separator
        "1,234",
        "1.2.3",
        "--5",
        "5-",
        "NaN",
        "Infinity",
        "55%",
        "twelve",
        "+",
        ".",
        "١٢.٥",
    ],
)
def test_anything_else_is_refused_saying_what_is_accepted(typed):
    with pytest.raises(
        ValueError, match="the digits 0 to 9, at most one decimal point and an optional minus sign"
    ):
        parse_number(typed)


@pytest.mark.parametrize("typed", ["1e15", "1E3", "-2.5e-2", ".5e1"])
def test_scientific_notation_is_refused_saying_to_type_the_number_in_full(typed):
    with pytest.raises(ValueError, match="is in scientific notation: type it out in full"):
        parse_number(typed)
