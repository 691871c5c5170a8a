"""How the parts of a breakdown (localities, teams) make the council's figure, and what they show.

The rules, as a performance team states them:

- The council total is worked out from the parts: for a percentage or a rate, the numerators and
  the denominators are summed and the figure computed from them, never the parts' percentages
  averaged (Norfolk's seven localities are of different sizes); a count is the sum of its parts.
- An average, weeks or days cannot be added up from the parts: the council's own figure is entered.
- A total entered beside the parts must be the one they make; otherwise the set is refused, saying
  both, and nothing is saved.
- A member (a locality, a team) reports in a period when it exists on any day of it: a locality
  that ends mid-quarter reports that quarter, and so does the one formed from it.
- Each part is rated against the indicator's target with the same rules as the council's figure.
- The best and the worst parts are named through the indicator's polarity, with the spread between
  the highest and the lowest figure. Nothing is named for a measure with no polarity.
- Small numbers are withheld per part, with whatever else would give one away: the sums of every
  breakdown of the indicator together (a locality less the teams inside it), and a year-to-date
  figure less the one before it (secondary suppression, `indicators.rules.disclosure`). All carry
  the same mark, so a reader cannot tell which was small.
- The best, worst and spread are computed from the parts' figures, so they are withheld with any
  part a reader may not see: otherwise "worst: West 70%" bounds the figure the mark hides.
- An exception names the parts behind target, Red before Amber, each furthest behind first. Each is
  judged against the target alone, never against the others, so the parts a reader sees are named
  whatever is withheld beside them; a withheld part is never named.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from indicators.rules.figures import format_fraction, format_value, rounded, value_from_fraction
from indicators.rules.rating import TargetRule, shortfall_from_target
from indicators.rules.terms import REPORTABLE_STATUSES, OutturnStatus, Polarity, Rating, Unit


class Summing(StrEnum):
    """How a measure's parts make its council total."""

    FRACTIONS = "fractions"
    COUNTS = "counts"
    NOT_SUMMABLE = "not_summable"


SUMMING = {
    Unit.PERCENT: Summing.FRACTIONS,
    Unit.RATE_PER_10000: Summing.FRACTIONS,
    Unit.COUNT: Summing.COUNTS,
}
NOT_SUMMABLE_REASONS = {
    Unit.WEEKS: "A figure in weeks is an average: it cannot be added up from the parts",
    Unit.DAYS: "A figure in days is an average: it cannot be added up from the parts",
    Unit.NUMBER: "An average cannot be added up from the parts",
}


def summing_for(unit: str) -> Summing:
    return SUMMING.get(unit, Summing.NOT_SUMMABLE)


def is_summable(unit: str) -> bool:
    return summing_for(unit) is not Summing.NOT_SUMMABLE


@dataclass(frozen=True)
class Part:
    """One member's figure as the rules need it."""

    name: str
    value: Decimal | None
    numerator: Decimal | None = None
    denominator: Decimal | None = None
    status: str = OutturnStatus.VALIDATED

    @property
    def has_figure(self) -> bool:
        return self.status in REPORTABLE_STATUSES and self.value is not None


@dataclass(frozen=True)
class Total:
    """The council figure the parts make, or why they make none."""

    value: Decimal | None = None
    numerator: Decimal | None = None
    denominator: Decimal | None = None
    problem: str = ""

    @property
    def is_worked_out(self) -> bool:
        return self.value is not None


def total_from_parts(parts: Sequence[Part], unit: str) -> Total:
    """The council total: numerators and denominators summed for a proportion, counts summed."""
    summing = summing_for(unit)
    if summing is Summing.NOT_SUMMABLE:
        return Total(
            problem=f"{NOT_SUMMABLE_REASONS.get(unit, NOT_SUMMABLE_REASONS[Unit.NUMBER])}:"
            " enter the council's own figure"
        )
    if not parts:
        return Total(problem="There are no parts to add up")
    for part in parts:
        if not part.has_figure:
            return Total(
                problem=f"{part.name} has no figure, so the total cannot be worked out from the parts"
            )
        if summing is Summing.FRACTIONS and (part.numerator is None or part.denominator is None):
            return Total(
                problem=f"{part.name} has no numerator and denominator, so the total cannot be worked out"
            )
    if summing is Summing.COUNTS:
        return Total(value=sum((part.value for part in parts), Decimal(0)))
    numerator = sum((part.numerator for part in parts), Decimal(0))
    denominator = sum((part.denominator for part in parts), Decimal(0))
    if denominator == 0:
        return Total(problem="The parts' denominators add up to 0, which gives no figure")
    return Total(value_from_fraction(numerator, denominator, unit), numerator, denominator)


def total_mismatch(
    total: Total,
    *,
    value: Decimal | None,
    numerator: Decimal | None,
    denominator: Decimal | None,
    unit: str,
    decimal_places: int,
) -> str:
    """Why an entered council total is not the one the parts make ("" when it is, or none is entered)."""
    if not total.is_worked_out or (value is None and numerator is None and denominator is None):
        return ""
    made = total_text(total, unit, decimal_places)
    if numerator is not None or denominator is not None:
        if numerator == total.numerator and denominator == total.denominator:
            return ""
        entered = format_fraction(numerator, denominator) or "an incomplete fraction"
    else:
        places = max(-value.as_tuple().exponent, 0)
        if rounded(total.value, places) == value:
            return ""
        entered = format_value(value, unit, places)
    return f"The parts make {made}, but the council total entered is {entered}: correct a part or the total"


def total_text(total: Total, unit: str, decimal_places: int) -> str:
    """ "50 out of 91 (54.9%)" for a proportion, "148" for a count."""
    figure = format_value(total.value, unit, decimal_places)
    if total.numerator is None:
        return figure
    return f"{format_fraction(total.numerator, total.denominator)} ({figure})"


def is_active_between(starts: date | None, ends: date | None, first: date, last: date) -> bool:
    """Whether a member exists on any day from `first` to `last` (a period's start and end)."""
    return (starts is None or starts <= last) and (ends is None or ends >= first)


@dataclass(frozen=True)
class Spread:
    """The best and worst parts (several when tied) and the gap between the highest and lowest."""

    best: tuple[str, ...] = ()
    worst: tuple[str, ...] = ()
    spread: Decimal | None = None


def spread_of(
    figures: Sequence[tuple[str, Decimal | None]], polarity: Polarity, target: TargetRule | None
) -> Spread:
    """Best and worst named through the polarity; a range measure by its distance outside the range.

    Fewer than two parts with figures compare nothing; parts all equally good name no best or worst.
    """
    shown = [(name, value) for name, value in figures if value is not None]
    if len(shown) < 2:
        return Spread()
    values = [value for _, value in shown]
    spread = max(values) - min(values)
    if polarity is Polarity.NONE:
        return Spread(spread=spread)
    if polarity is Polarity.WITHIN_RANGE:
        if target is None or not target.is_range:
            return Spread(spread=spread)
        scores = [-shortfall_from_target(value, target, polarity)[0] for value in values]
    else:
        scores = values if polarity is Polarity.HIGHER_IS_BETTER else [-value for value in values]
    best_score, worst_score = max(scores), min(scores)
    if best_score == worst_score:
        return Spread(spread=spread)
    return Spread(
        best=tuple(name for (name, _), score in zip(shown, scores, strict=True) if score == best_score),
        worst=tuple(name for (name, _), score in zip(shown, scores, strict=True) if score == worst_score),
        spread=spread,
    )


BEHIND_TARGET = (Rating.RED, Rating.AMBER)


def behind_target(
    figures: Sequence[tuple[Decimal | None, Rating]], polarity: Polarity, target: TargetRule | None
) -> list[int]:
    """The positions of the parts rated Red or Amber, Red first, each furthest behind target first.

    A part without a figure (none, or withheld from the reader) is never among them.
    """
    behind = [
        position
        for position, (value, rating) in enumerate(figures)
        if value is not None and rating in BEHIND_TARGET and target is not None
    ]

    def furthest_first(position):
        value, rating = figures[position]
        return BEHIND_TARGET.index(rating), -shortfall_from_target(value, target, polarity)[0], position

    return sorted(behind, key=furthest_first)
