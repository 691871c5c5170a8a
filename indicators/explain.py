"""The rating rule applied, in words a member can check against the figures printed beside it.

"28 weeks against a target of 26 weeks; lower is better; 2 weeks off target (7.7% of the target),
at least the tolerance of 5% of the target: Red."

The sentence prints the figure and the target as every output prints them, and the rating is
judged on those printed numbers (`indicators.rules.rating`): the amount off target is the printed
target less the printed figure, and the per cent of the target is printed to the one decimal
place it is judged at. The tolerance is printed in full.
"""

from decimal import Decimal

from indicators.assessment import Assessment, polarity_words
from indicators.rules.figures import rounded
from indicators.rules.rating import PERCENT_PLACES
from indicators.rules.terms import Rating, ToleranceKind, Unit

AMOUNT_WORDS = {
    Unit.PERCENT: ("percentage point", "percentage points"),
    Unit.WEEKS: ("week", "weeks"),
    Unit.DAYS: ("day", "days"),
}


def explain_rating(assessment: Assessment) -> str:
    indicator = assessment.indicator
    rating = assessment.rating
    if not indicator.is_target_measure:
        return "A contextual measure: it is reported but not rated against a target."
    if rating is Rating.NOT_RATED:
        return "Not rated: there is no target for this year."
    if rating is Rating.NO_DATA:
        if assessment.latest and assessment.latest.outturn:
            return f"No rating: the latest figure is {assessment.latest.status_label.lower()}."
        return "No rating: there is no figure yet."

    target = assessment.target
    fmt = indicator.format
    if target.is_range:
        against = f"an acceptable range of {fmt(target.range_lower)} to {fmt(target.range_upper)}"
    else:
        against = f"a target of {fmt(target.value)}"
    parts = [f"{fmt(assessment.latest.value)} against {against}", polarity_words(indicator.polarity_enum)]
    if rating is Rating.GREEN:
        parts.append("within the range" if target.is_range else "on or better than target")
    else:
        parts.append(off_target_words(assessment))
    return "; ".join(parts) + f": {rating.label}."


def off_target_words(assessment: Assessment) -> str:
    """How far off target the printed figure is, and how that compares with the tolerance:
    "3 percentage points off target, at least the tolerance of 3 percentage points"."""
    indicator, target, result = assessment.indicator, assessment.target, assessment.result
    places = indicator.decimal_places
    where = "outside the range" if target.is_range else "off target"
    off = f"{amount_in_units(result.shortfall, indicator.unit, places)} {where}"
    relative = target.tolerance_kind == ToleranceKind.PERCENT_OF_TARGET
    if relative and result.shortfall_percent is not None:
        off += f" ({result.shortfall_percent:.{PERCENT_PLACES}f}% of the target)"
    if target.tolerance <= 0:
        return f"{off}, with no tolerance"
    if relative:
        if result.shortfall_percent is None:
            return f"{off}; a tolerance as a per cent of a target of zero leaves no room"
        tolerance = f"{_in_full(target.tolerance)}% of the target"
    else:
        tolerance = amount_in_units(
            target.tolerance, indicator.unit, max(places, _places_of(target.tolerance))
        )
    relation = "less than" if assessment.rating is Rating.AMBER else "at least"
    return f"{off}, {relation} the tolerance of {tolerance}"


def amount_in_units(amount: Decimal, unit: str, places: int) -> str:
    """A difference in the indicator's units: "3 percentage points", "1 week", "2.2 per 10,000"."""
    number = rounded(amount, places)
    text = f"{number:,.{places}f}"
    words = AMOUNT_WORDS.get(unit)
    if words:
        return f"{text} {words[0] if number == 1 else words[1]}"
    if unit == Unit.RATE_PER_10000:
        return f"{text} per 10,000"
    return text


def _in_full(number: Decimal) -> str:
    return f"{number.normalize():f}"


def _places_of(number: Decimal) -> int:
    """The decimal places a number needs to be printed in full (2.5 needs one, 3.0000 none)."""
    return max(-number.normalize().as_tuple().exponent, 0)
