"""Figures as the committee reads them.

- A proportion is computed from its numerator and denominator, never typed twice: 50 out of 91 is
  54.9%, and a rate per 10,000 children is the count over the population times 10,000.
- A figure is shown with the indicator's decimal places and unit: "55%", "28 weeks",
  "31.0 per 10,000".
"""

from decimal import ROUND_HALF_UP, Decimal

from indicators.rules.terms import Unit

SCALE = {Unit.PERCENT: Decimal(100), Unit.RATE_PER_10000: Decimal(10000)}
NO_FIGURE = "No figure"
"""What every output shows where a period has no figure on record."""
SUFFIX = {Unit.PERCENT: "%", Unit.RATE_PER_10000: " per 10,000", Unit.WEEKS: " weeks", Unit.DAYS: " days"}


def value_from_fraction(numerator: Decimal, denominator: Decimal, unit: str) -> Decimal:
    """The value a numerator and denominator make, in the indicator's unit."""
    if denominator == 0:
        raise ValueError("A denominator of zero gives no figure.")
    return numerator / denominator * SCALE.get(unit, Decimal(1))


def rounded(value: Decimal, decimal_places: int) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-decimal_places), rounding=ROUND_HALF_UP)


def format_value(value: Decimal | None, unit: str, decimal_places: int) -> str:
    if value is None:
        return ""
    number = rounded(value, decimal_places)
    text = f"{number:,.{decimal_places}f}" if unit != Unit.COUNT else f"{number:,}"
    if text.startswith("-"):
        text = "\N{MINUS SIGN}" + text[1:]
    return text + SUFFIX.get(unit, "")


def format_fraction(numerator: Decimal | None, denominator: Decimal | None) -> str:
    if numerator is None or denominator is None:
        return ""
    return f"{numerator.normalize():,f} out of {denominator.normalize():,f}"
