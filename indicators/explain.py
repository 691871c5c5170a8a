"""The rating rule applied, in words a member can read.

"28 weeks against a target of 26 weeks; lower is better; 7.7% off target, beyond the 5% tolerance:
Red."
"""

from indicators.assessment import Assessment, polarity_words
from indicators.rules.terms import Rating, ToleranceKind


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
    value_text = indicator.format(assessment.latest.value)
    fmt = indicator.format
    if target.is_range:
        against = f"an acceptable range of {fmt(target.range_lower)} to {fmt(target.range_upper)}"
    else:
        against = f"a target of {fmt(target.value)}"
    parts = [f"{value_text} against {against}", polarity_words(indicator.polarity_enum)]

    result = assessment.result
    if rating is Rating.GREEN:
        parts.append("within the range" if target.is_range else "on or better than target")
    else:
        off = f"{fmt(result.shortfall)} off target"
        if result.shortfall_percent is not None:
            off = f"{result.shortfall_percent:.1f}% off target"
        if target.tolerance == 0:
            parts.append(f"{off}, with no tolerance")
        else:
            tolerance = (
                f"{target.tolerance.normalize():f}%"
                if target.tolerance_kind == ToleranceKind.PERCENT_OF_TARGET
                else fmt(target.tolerance)
            )
            if target.tolerance_kind != ToleranceKind.PERCENT_OF_TARGET:
                off = f"{fmt(result.shortfall)} off target"
            relation = "within" if rating is Rating.AMBER else "beyond"
            parts.append(f"{off}, {relation} the {tolerance} tolerance")
    return "; ".join(parts) + f": {rating.label}."
