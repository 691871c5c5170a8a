"""The parts behind an exception: the localities or teams behind target in its latest period."""

from collections import defaultdict
from dataclasses import dataclass
from typing import ClassVar

from breakdowns.models import Breakdown, Dimension, Member, PartFigure
from breakdowns.rules import behind_target
from breakdowns.selectors import PartLine, members_to_show, parts_in_period, parts_shown_to, seen_parts
from breakdowns.withholding import withholdings_for
from indicators.assessment import Assessment
from indicators.reader import Reader


@dataclass(frozen=True)
class PartsBehind:
    """One dimension's parts of an indicator in the period its latest figure is for."""

    dimension: Dimension
    period_label: str
    behind: list[PartLine]
    """The parts this reader sees that are rated Red or Amber, furthest behind first."""
    withheld: int
    """How many parts are withheld from this reader: none of them is named."""

    template: ClassVar[str] = "breakdowns/parts_behind.html"
    """How the exceptions page shows it, under the indicator's figures."""


def parts_behind(assessments: list[Assessment], *, reader: Reader) -> dict[int, list[PartsBehind]]:
    """For each assessed indicator reported by a breakdown, its parts behind target in the period of
    its latest figure, as this reader sees them: seven queries however many indicators and parts."""
    latest = {
        assessment.indicator.pk: assessment
        for assessment in assessments
        if assessment.latest is not None and assessment.latest.outturn is not None
    }
    dimensions = defaultdict(list)
    for breakdown in Breakdown.objects.filter(indicator_id__in=list(latest)).select_related("dimension"):
        dimensions[breakdown.indicator_id].append(breakdown.dimension)
    if not dimensions:
        return {}
    members = list(Member.objects.filter(dimension__in={d.pk for ds in dimensions.values() for d in ds}))
    periods = {latest[indicator_id].latest.outturn.period_id: None for indicator_id in dimensions}
    figures: dict[tuple[int, int], dict[int, PartFigure]] = defaultdict(dict)
    dimension_of = {member.pk: member.dimension_id for member in members}
    for figure in seen_parts(
        parts_shown_to(reader)
        .filter(indicator_id__in=list(dimensions), period_id__in=list(periods), member__in=members)
        .select_related("period"),
        reader=reader,
    ):
        if figure.period_id == latest[figure.indicator_id].latest.outturn.period_id:
            figures[(figure.indicator_id, dimension_of[figure.member_id])][figure.member_id] = figure
    withholdings = withholdings_for(
        {
            indicator_id: (latest[indicator_id].indicator, next(iter(period_figures.values())).period)
            for (indicator_id, _), period_figures in figures.items()
        }.values()
    )
    found = {}
    for indicator_id, indicator_dimensions in dimensions.items():
        assessment = latest[indicator_id]
        indicator = assessment.indicator
        for dimension in sorted(indicator_dimensions, key=lambda d: (d.order, d.name)):
            period_figures = figures.get((indicator_id, dimension.pk))
            if not period_figures:
                continue
            period = next(iter(period_figures.values())).period
            own = [member for member in members if member.dimension_id == dimension.pk]
            parts = parts_in_period(
                indicator,
                period,
                members_to_show(own, period, period_figures),
                period_figures,
                total=assessment.latest.outturn,
                target=assessment.target,
                reader=reader,
                withholding=withholdings[(indicator_id, period.pk)],
            )
            rule = assessment.target.rule if assessment.target else None
            order = behind_target(
                [(line.value, line.rating) for line in parts.lines], indicator.polarity_enum, rule
            )
            found.setdefault(indicator_id, []).append(
                PartsBehind(
                    dimension,
                    period.label,
                    [parts.lines[position] for position in order],
                    sum(1 for line in parts.lines if line.withheld),
                )
            )
    return found
