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

A figure is rated as it is printed. The figure and the target are judged at the indicator's
decimal places (rounded half up, as every output prints them), and a shortfall as a per cent of the
target at one decimal place, as the rule's sentence prints it: 122 out of 136 (89.7%) is printed
"90%" and is Green against a 90% target; 94.7% is printed "95%", 3 points short of 98%, and is Red
at a 3-point tolerance; 26.8 and 27.3 weeks are both printed "27 weeks" and both rated as 27 weeks.
A member can check every rating from the figures printed beside it. The tolerance is judged as
set, and printed in full ("2.5 points").

A part of the council (a locality, a team) is rated against the council's target only where the
target applies to a part: a percentage, a rate or an average does, but a count's target is for the
whole council (ten foster carers recruited is no target for each locality), so a count's parts are
shown unrated.
"""

from dataclasses import dataclass, replace
from decimal import Decimal

from indicators.rules.figures import rounded
from indicators.rules.terms import Polarity, Rating, ToleranceKind, Unit

HUNDRED = Decimal(100)
PERCENT_PLACES = 1
"""The decimal places a shortfall as a per cent of the target is judged and printed at."""
COUNT_TARGET_IS_FOR_THE_COUNCIL = (
    "A count's target is for the whole council, so its parts are not rated against it."
)


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
        """The rule of a target as kept (`Target`)."""
        return cls(
            value=target.value,
            lower=target.range_lower,
            upper=target.range_upper,
            tolerance=target.tolerance,
            tolerance_kind=ToleranceKind(target.tolerance_kind),
        )

    def at_precision(self, decimal_places: int) -> "TargetRule":
        """The target as printed: its value or bounds at the indicator's decimal places."""
        return replace(
            self,
            value=_rounded(self.value, decimal_places),
            lower=_rounded(self.lower, decimal_places),
            upper=_rounded(self.upper, decimal_places),
        )


def _rounded(value: Decimal | None, decimal_places: int) -> Decimal | None:
    return None if value is None else rounded(value, decimal_places)


@dataclass(frozen=True)
class RatingResult:
    rating: Rating
    shortfall: Decimal | None = None
    """How far the printed figure is off the printed target, in the indicator's units (0 when on
    target)."""
    shortfall_percent: Decimal | None = None
    """The shortfall as a per cent of the target it is measured from, to one decimal place, where
    that is defined."""
    reference: Decimal | None = None
    """The printed target value or range bound the shortfall is measured from."""


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
    return rounded(amount / abs(reference) * HUNDRED, PERCENT_PLACES)


def rating_for(
    value: Decimal | None,
    target: TargetRule | None,
    polarity: Polarity,
    *,
    decimal_places: int,
    is_target_measure: bool = True,
) -> RatingResult:
    """Rate an outturn against its target, read through the indicator's polarity, with the figure
    and the target as printed at the indicator's `decimal_places`."""
    if not is_target_measure or polarity is Polarity.NONE:
        return RatingResult(Rating.NOT_RATED)
    if value is None:
        return RatingResult(Rating.NO_DATA)
    if target is None or (target.value is None and not target.is_range):
        return RatingResult(Rating.NOT_RATED)
    if polarity is Polarity.WITHIN_RANGE and not target.is_range:
        return RatingResult(Rating.NOT_RATED)

    target = target.at_precision(decimal_places)
    shortfall, reference = shortfall_from_target(rounded(value, decimal_places), target, polarity)
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


def is_target_for_parts(unit: str) -> bool:
    """Whether the council's target applies to each part of the council (a locality, a team): it
    does to a percentage, a rate or an average, which a part has in the same terms as the whole;
    a count's target is for the whole council (COUNT_TARGET_IS_FOR_THE_COUNCIL)."""
    return unit != Unit.COUNT
