"""Direction of travel: is the indicator getting better or worse?

- Improving: the figure moved the way its polarity calls good by more than the indicator's
  "no real change" band.
- No real change: it moved by no more than that band (Cheshire East rates this amber).
- Worsening: it moved the wrong way by more than the band.
- Not comparable: either figure is missing, or the indicator has no polarity (a contextual
  measure still shows which way the figure moved, but not whether that is good).

For an acceptable range, what matters is the distance from the range: moving into it or closer to
it is improving; moving around inside it is no real change.
"""

from decimal import Decimal

from indicators.rules.terms import Direction, Movement, Polarity


def movement_between(
    current: Decimal | None, previous: Decimal | None, band: Decimal = Decimal(0)
) -> Movement:
    if current is None or previous is None:
        return Movement.UNKNOWN
    change = current - previous
    if abs(change) <= band:
        return Movement.LEVEL
    return Movement.UP if change > 0 else Movement.DOWN


def distance_outside(value: Decimal, lower: Decimal | None, upper: Decimal | None) -> Decimal:
    if lower is not None and value < lower:
        return lower - value
    if upper is not None and value > upper:
        return value - upper
    return Decimal(0)


def direction_of_travel(
    current: Decimal | None,
    previous: Decimal | None,
    polarity: Polarity,
    *,
    band: Decimal = Decimal(0),
    range_lower: Decimal | None = None,
    range_upper: Decimal | None = None,
) -> Direction:
    """Compare a figure with an earlier one (the previous period, or a year earlier)."""
    if current is None or previous is None or polarity is Polarity.NONE:
        return Direction.NOT_COMPARABLE
    if polarity is Polarity.WITHIN_RANGE:
        if range_lower is None and range_upper is None:
            return Direction.NOT_COMPARABLE
        gain = distance_outside(previous, range_lower, range_upper) - distance_outside(
            current, range_lower, range_upper
        )
    elif polarity is Polarity.HIGHER_IS_BETTER:
        gain = current - previous
    else:
        gain = previous - current
    if abs(gain) <= band:
        return Direction.SAME
    return Direction.IMPROVING if gain > 0 else Direction.WORSENING
