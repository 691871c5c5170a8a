"""RAG rating: how an outturn compares with its target.

The rules, as a council's performance team states them:

- Green: on or better than target, or anywhere within an acceptable range (Merton 11: 20% in
  12–20% is Green).
- Amber: off target by less than the tolerance.
- Red: off target by the tolerance or more (Norfolk: "a variance of 5% or more"). With no
  tolerance, any shortfall is Red.
- Not rated: a contextual measure, an indicator without polarity, or no target for the year.
- No data: nothing reportable for the period (missing, not available in time, unreliable, or
  suppressed).

Polarity decides which side of the target is "off": 28 weeks against a 26-week target is Red for
care proceedings, where lower is better. A tolerance is either in the indicator's own units
(percentage points for a percentage) or a per cent of the target; a zero target leaves no room for
a relative tolerance, so any shortfall against it is Red.
"""

from dataclasses import dataclass
from decimal import Decimal

from indicators.rules.terms import Polarity, Rating, ToleranceKind

HUNDRED = Decimal(100)


@dataclass(frozen=True)
class TargetRule:
    """A year's target as the rules need it: a value, or an acceptable range, and a tolerance."""

    value: Decimal | None = None
    lower: Decimal | None = None
    upper: Decimal | None = None
    tolerance: Decimal = Decimal(0)
    tolerance_kind: ToleranceKind = ToleranceKind.POINTS

    @property
    def is_range(self) -> bool:
        return self.lower is not None or self.upper is not None

    @classmethod
    def of(cls, target) -> "TargetRule":
        """The rule of a target as kept (`Target`, or the index's `TargetFacts`)."""
        return cls(
            value=target.value,
            lower=target.range_lower,
            upper=target.range_upper,
            tolerance=target.tolerance,
            tolerance_kind=ToleranceKind(target.tolerance_kind),
        )


@dataclass(frozen=True)
class RatingResult:
    rating: Rating
    shortfall: Decimal | None = None
    """How far the outturn is off target, in the indicator's units (0 when on target)."""
    shortfall_percent: Decimal | None = None
    """The shortfall as a per cent of the target it is measured from, where that is defined."""
    reference: Decimal | None = None
    """The target value or range bound the shortfall is measured from."""


def shortfall_from_target(value: Decimal, target: TargetRule, polarity: Polarity) -> tuple[Decimal, Decimal]:
    """How far a value falls short of the target, and the bound it is measured from.

    A value on the right side of the target falls short by nothing.
    """
    if target.is_range:
        if target.lower is not None and value < target.lower:
            return target.lower - value, target.lower
        if target.upper is not None and value > target.upper:
            return value - target.upper, target.upper
        nearest = target.lower if target.lower is not None else target.upper
        return Decimal(0), nearest
    if polarity is Polarity.HIGHER_IS_BETTER:
        return max(target.value - value, Decimal(0)), target.value
    return max(value - target.value, Decimal(0)), target.value


def percent_of(amount: Decimal, reference: Decimal) -> Decimal | None:
    if reference == 0:
        return None
    return amount / abs(reference) * HUNDRED


def rating_for(
    value: Decimal | None,
    target: TargetRule | None,
    polarity: Polarity,
    *,
    is_target_measure: bool = True,
) -> RatingResult:
    """Rate an outturn against its target, read through the indicator's polarity."""
    if not is_target_measure or polarity is Polarity.NONE:
        return RatingResult(Rating.NOT_RATED)
    if value is None:
        return RatingResult(Rating.NO_DATA)
    if target is None or (target.value is None and not target.is_range):
        return RatingResult(Rating.NOT_RATED)
    if polarity is Polarity.WITHIN_RANGE and not target.is_range:
        return RatingResult(Rating.NOT_RATED)

    shortfall, reference = shortfall_from_target(value, target, polarity)
    shortfall_percent = percent_of(shortfall, reference)
    if shortfall <= 0:
        return RatingResult(Rating.GREEN, Decimal(0), Decimal(0), reference)
    return RatingResult(
        _off_target_rating(shortfall, shortfall_percent, target),
        shortfall,
        shortfall_percent,
        reference,
    )


def _off_target_rating(shortfall: Decimal, shortfall_percent: Decimal | None, target: TargetRule) -> Rating:
    """Amber while the shortfall is less than the tolerance; Red at the tolerance or beyond."""
    if target.tolerance <= 0:
        return Rating.RED
    if target.tolerance_kind is ToleranceKind.PERCENT_OF_TARGET:
        if shortfall_percent is None:
            return Rating.RED
        return Rating.AMBER if shortfall_percent < target.tolerance else Rating.RED
    return Rating.AMBER if shortfall < target.tolerance else Rating.RED
