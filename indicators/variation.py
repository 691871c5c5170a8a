"""Statistical process control for indicators: the one place that reads an indicator's figures for
an XmR chart and asks the rule (`indicators/rules/spc.py`) what they show.

- The figures are those members see: validated ones, those a published report has shown, and a
  figure changed since they saw it as it was until the change is validated; oldest first, one per
  period of the indicator's frequency. A figure not available, or not reportable, is a gap.
- Which way is improvement comes from the indicator's polarity: higher is better is an increase,
  lower is better a decrease; a range or no polarity is neither.
- The target line is the latest target's value; a range has none.
- Limits start afresh only where an officer recorded a change point, never automatically.
- A year-to-date figure grows through the year, so its series is not charted.
- Anything computed from a withheld small number is withheld: a reader who may not see small
  numbers gets no chart at all when any figure in the series is one. A restricted indicator is
  withheld whole from such a reader.

Each read runs a fixed number of queries however many indicators it is given.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.conf import settings

from indicators.models import ChangePoint, Indicator, Outturn, Target
from indicators.reader import Reader
from indicators.rules import spc
from indicators.rules.disclosure import is_small_for_itself
from indicators.rules.terms import Polarity
from indicators.selectors import as_seen, shown_to_readers

NOT_SHOWN_SMALL_NUMBER = "Not shown: computed from a withheld small number."
NOT_SHOWN_RESTRICTED = "Not shown: a restricted indicator."
NOT_SHOWN_YEAR_TO_DATE = (
    "Not charted: each figure is a total for the year to date, so it grows through the year and "
    "its variation says nothing about the process."
)
NOT_SHOWN_TOO_FEW = "Not charted yet: a chart needs at least two figures."

IMPROVEMENT_BY_POLARITY = {
    Polarity.HIGHER_IS_BETTER: spc.Improvement.INCREASE,
    Polarity.LOWER_IS_BETTER: spc.Improvement.DECREASE,
    Polarity.WITHIN_RANGE: spc.Improvement.NEUTRAL,
    Polarity.NONE: spc.Improvement.NEUTRAL,
}


@dataclass(frozen=True)
class ChartedPeriod:
    label: str
    end: date


@dataclass(frozen=True)
class Rebase:
    """A recorded change point, and where the chart's limits start afresh from it (None when it
    falls outside the charted figures)."""

    change_point: ChangePoint
    index: int | None


def as_decimal(number: float | None) -> Decimal | None:
    """A figure the rule computed, as the indicator's formatting reads it."""
    return None if number is None else Decimal(repr(number))


@dataclass(frozen=True)
class VariationRow:
    """One period of the chart as its table shows it."""

    period: str
    point: spc.Point
    rebase_reason: str

    @property
    def value(self) -> Decimal | None:
        return as_decimal(self.point.value)

    @property
    def mean(self) -> Decimal | None:
        return as_decimal(self.point.mean)

    @property
    def lower_limit(self) -> Decimal | None:
        return as_decimal(self.point.lower_limit)

    @property
    def upper_limit(self) -> Decimal | None:
        return as_decimal(self.point.upper_limit)


@dataclass
class Variation:
    """What an indicator's figures show as an XmR chart, for one kind of reader."""

    indicator: Indicator
    chart: spc.Chart | None
    not_shown: str = ""
    """Why there is no chart, in words; empty when there is one."""
    periods: list[ChartedPeriod] = field(default_factory=list)
    target: Decimal | None = None
    rebases: list[Rebase] = field(default_factory=list)
    change_points: list[ChangePoint] = field(default_factory=list)
    """Every change point recorded, shown whether or not a chart is."""

    @property
    def rows(self) -> list[VariationRow]:
        """The chart as a table: one row a period, oldest first."""
        if self.chart is None:
            return []
        reasons = dict(self.breaks)
        return [
            VariationRow(
                period=self.periods[point.index].label,
                point=point,
                rebase_reason=reasons.get(point.index, "") if point.is_rebase else "",
            )
            for point in self.chart.points
        ]

    @property
    def breaks(self) -> list[tuple[int, str]]:
        """Where the chart's limits start afresh, and why: (index, reason). Change points that
        fall on the same charted period (the periods between them had no figure) share one break."""
        reasons: dict[int, list[str]] = defaultdict(list)
        for rebase in self.rebases:
            if rebase.index:
                reasons[rebase.index].append(rebase.change_point.reason)
        return [(index, "; ".join(texts)) for index, texts in reasons.items()]


def improvement_for(polarity: Polarity) -> spc.Improvement:
    return IMPROVEMENT_BY_POLARITY[Polarity(polarity)]


def variations_for(indicators: Iterable[Indicator], *, reader: Reader) -> dict[int, Variation]:
    """Each indicator's variation by its id, as this reader may see it (none of a restricted
    indicator, nor of a series with a small number, without permission): three queries (figures,
    targets, change points)."""
    indicators = list(indicators)
    ids = [indicator.pk for indicator in indicators]
    figures = defaultdict(list)
    outturns = (
        Outturn.objects.filter(shown_to_readers(), indicator_id__in=ids)
        .select_related("period")
        .order_by("indicator_id", "period__end")
    )
    for outturn in as_seen(outturns, held=True):
        figures[outturn.indicator_id].append(outturn)
    latest_targets = {}
    for target in Target.objects.filter(indicator_id__in=ids).order_by("indicator_id", "year"):
        latest_targets[target.indicator_id] = target
    change_points = defaultdict(list)
    for change_point in (
        ChangePoint.objects.filter(indicator_id__in=ids)
        .select_related("period", "decision__meeting__committee", "recorded_by")
        .order_by("indicator_id", "period__end")
    ):
        change_points[change_point.indicator_id].append(change_point)
    return {
        indicator.pk: _variation(
            indicator,
            figures[indicator.pk],
            latest_targets.get(indicator.pk),
            change_points[indicator.pk],
            reader=reader,
        )
        for indicator in indicators
    }


def variation_for(indicator: Indicator, *, reader: Reader) -> Variation:
    return variations_for([indicator], reader=reader)[indicator.pk]


def charts_for(indicators: Iterable[Indicator], *, reader: Reader) -> dict[int, spc.Chart | None]:
    """Each indicator's chart by its id (None where it has none for this reader): three queries."""
    return {pk: variation.chart for pk, variation in variations_for(indicators, reader=reader).items()}


def chart_for(indicator: Indicator, *, reader: Reader) -> spc.Chart | None:
    return variation_for(indicator, reader=reader).chart


def _variation(
    indicator: Indicator,
    outturns: list[Outturn],
    target: Target | None,
    change_points: list[ChangePoint],
    *,
    reader: Reader,
) -> Variation:
    def none(reason: str) -> Variation:
        return Variation(indicator, None, reason, change_points=change_points)

    if not reader.may_see(indicator):
        return Variation(indicator, None, NOT_SHOWN_RESTRICTED)
    if indicator.is_year_to_date:
        return none(NOT_SHOWN_YEAR_TO_DATE)
    charted = [outturn for outturn in outturns if outturn.period.kind == indicator.frequency]
    values = [outturn.reportable_value for outturn in charted]
    if not reader.sees_small_numbers and any(
        _is_small(indicator, outturn)
        for outturn, value in zip(charted, values, strict=True)
        if value is not None
    ):
        return none(NOT_SHOWN_SMALL_NUMBER)
    while values and values[-1] is None:
        values.pop()
        charted.pop()
    if sum(value is not None for value in values) < spc.MINIMUM_POINTS:
        return none(NOT_SHOWN_TOO_FEW)
    ends = [outturn.period.end for outturn in charted]
    rebases = [
        Rebase(change_point, _first_at_or_after(ends, change_point.period.end))
        for change_point in change_points
    ]
    target_value = target.value if target is not None and not target.is_range else None
    chart = spc.analyse(
        values,
        improvement_for(indicator.polarity),
        target=target_value,
        rebases=tuple(sorted({rebase.index for rebase in rebases if rebase.index})),
        fix_after=indicator.spc_fix_after,
    )
    return Variation(
        indicator,
        chart,
        periods=[ChartedPeriod(outturn.period.label, outturn.period.end) for outturn in charted],
        target=target_value,
        rebases=rebases,
        change_points=change_points,
    )


def _is_small(indicator: Indicator, outturn: Outturn) -> bool:
    return is_small_for_itself(
        (outturn.value, outturn.numerator, outturn.denominator),
        None,
        is_count=indicator.is_count,
        threshold=settings.SMALL_NUMBER_THRESHOLD,
    )


def _first_at_or_after(ends: list[date], end: date) -> int | None:
    """The first charted period ending on or after `end`: where a change point's baseline starts."""
    for index, charted_end in enumerate(ends):
        if charted_end >= end:
            return index
    return None
