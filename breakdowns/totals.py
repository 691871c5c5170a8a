"""A council figure typed on the period form or in its spreadsheet, checked against the parts (the
localities, the teams) already on record for the period.

The entry by locality works the total out from the parts; the period form and the spreadsheet take
the council's figure on its own. Where every part in use for the period is on record, the figure
typed must be the one they make, or it is refused as the entry by locality refuses it: otherwise
the parts would no longer add up to the figure the committee rates, and a withheld part could be
worked out from the difference.
"""

from collections import defaultdict

from breakdowns.models import Breakdown, Member, PartFigure
from breakdowns.rules import Part, is_summable, total_from_parts, total_mismatch, total_text
from indicators.rules.entry import Entry
from indicators.rules.periods import Period
from indicators.rules.terms import REPORTABLE_STATUSES


def totals_refused(period: Period, entries: dict[int, Entry]) -> dict[int, str]:
    """Why each entered council figure (by indicator id) is not the total its parts on record make;
    an indicator whose figure is fine is left out. At most three queries however many indicators."""
    reported = [
        breakdown
        for breakdown in Breakdown.objects.filter(indicator_id__in=list(entries)).select_related(
            "indicator", "dimension"
        )
        if is_summable(breakdown.indicator.unit)
        and entries[breakdown.indicator_id].status in REPORTABLE_STATUSES
    ]
    if not reported:
        return {}
    members = defaultdict(list)
    for member in Member.objects.filter(dimension__in={breakdown.dimension_id for breakdown in reported}):
        if member.is_active_between(period.start, period.end):
            members[member.dimension_id].append(member)
    figures = {
        (figure.indicator_id, figure.member_id): figure
        for figure in PartFigure.objects.filter(
            indicator_id__in={breakdown.indicator_id for breakdown in reported},
            period__kind=period.kind,
            period__basis=period.basis,
            period__start=period.start,
        )
    }
    refused = {}
    for breakdown in reported:
        indicator, entry = breakdown.indicator, entries[breakdown.indicator_id]
        in_use = members[breakdown.dimension_id]
        on_record = [figures.get((indicator.pk, member.pk)) for member in in_use]
        if not on_record or any(figure is None or not figure.is_reportable for figure in on_record):
            continue  # the parts are not all in: nothing to check the figure against yet
        total = total_from_parts(
            [
                Part(member.name, figure.value, figure.numerator, figure.denominator, figure.status)
                for member, figure in zip(in_use, on_record, strict=True)
            ],
            indicator.unit,
        )
        mismatch = total_mismatch(
            total,
            value=entry.value if entry.numerator is None else None,
            numerator=entry.numerator,
            denominator=entry.denominator,
            unit=indicator.unit,
            decimal_places=indicator.decimal_places,
        )
        if mismatch and indicator.pk not in refused:
            words = breakdown.dimension.name.lower()
            refused[indicator.pk] = (
                f"The figures by {words} on record make"
                f" {total_text(total, indicator.unit, indicator.decimal_places)}, so the council figure"
                f" must be that: to change it, correct the figures by {words}"
            )
    return refused
