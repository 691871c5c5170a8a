"""Which parts of an indicator are withheld in a period, with every breakdown of it taken together.

The rule is `indicators.rules.disclosure`: here it is given one period's sums (the council's figure
is the sum of each dimension's parts, and a member with members inside it the sum of theirs) and
each figure's step from the one before it in the year, for a year-to-date measure. Every page and
file reads its parts through `withholdings_for`, so they all withhold the same ones.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings

from breakdowns.models import Breakdown, Member, PartFigure
from breakdowns.rules import is_summable
from indicators.models import Indicator, Outturn, ReportingPeriod
from indicators.rules.disclosure import (
    Cell,
    Sum,
    amounts_of,
    cells_withheld,
    earlier_in_year,
    is_small_for_itself,
)
from indicators.rules.periods import YearBasis
from indicators.rules.suppression import Withheld
from indicators.rules.terms import REPORTABLE_STATUSES

COUNCIL = "council"


@dataclass(frozen=True)
class PeriodWithholding:
    """What of one period's parts and council figure is withheld from readers without permission."""

    parts: dict[int, Withheld] = field(default_factory=dict)
    """Why each withheld member's part is withheld, by member id."""
    secondary: frozenset[int] = frozenset()
    """The members withheld only so that another cannot be worked out."""
    total: Withheld | None = None


NOTHING_WITHHELD = PeriodWithholding()


@dataclass(frozen=True)
class Figure:
    """What withholding reads of a part or a council figure, as entered."""

    value: Decimal | None
    numerator: Decimal | None
    denominator: Decimal | None
    status: str

    @property
    def is_reportable(self) -> bool:
        return self.status in REPORTABLE_STATUSES and self.value is not None


FIGURE_FIELDS = ("value", "numerator", "denominator", "status")


def _figure(figure) -> tuple:
    return figure.value, figure.numerator, figure.denominator


def period_withholding(
    indicator: Indicator,
    period: ReportingPeriod,
    members: list[Member],
    figures: dict[int, Figure],
    earlier: dict[int, Figure],
    *,
    total: Figure | None,
    earlier_total: Figure | None,
    threshold: int,
) -> PeriodWithholding:
    """One period's withholding. `members` are every member of the indicator's dimensions; `figures`
    and `earlier` their figures in the period and the one before it in the year, by member id."""

    def is_small(figure, before) -> bool:
        return is_small_for_itself(
            _figure(figure),
            _figure(before) if before is not None and before.is_reportable else None,
            is_count=indicator.is_count,
            threshold=threshold,
        )

    summable = is_summable(indicator.unit)

    def amounts(figure):
        return amounts_of(*_figure(figure), is_count=indicator.is_count) if summable else None

    cells = []
    if total is not None and total.is_reportable:
        cells.append(Cell(COUNCIL, amounts(total), is_small(total, earlier_total), is_fixed=True))
    in_use = [
        member
        for member in members
        if member.pk in figures or member.is_active_between(period.start, period.end)
    ]
    for member in in_use:
        figure = figures.get(member.pk)
        if figure is None or not figure.is_reportable:
            continue
        size = (figure.denominator, figure.numerator) if figure.denominator is not None else (figure.value, 0)
        cells.append(Cell(member.pk, amounts(figure), is_small(figure, earlier.get(member.pk)), size))
    sums = _sums(in_use) if summable else []
    result = cells_withheld(cells, sums)
    return PeriodWithholding(
        parts={key: Withheld.SMALL_NUMBER for key in result.withheld if key != COUNCIL},
        secondary=frozenset(result.secondary),
        total=Withheld.SMALL_NUMBER if COUNCIL in result.withheld else None,
    )


def _sums(in_use: list[Member]) -> list[Sum]:
    """The council is the sum of each dimension's members; a member the sum of those inside it."""
    by_dimension = defaultdict(list)
    inside = defaultdict(list)
    for member in in_use:
        by_dimension[member.dimension_id].append(member.pk)
        if member.parent_id is not None:
            inside[member.parent_id].append(member.pk)
    used = {member.pk for member in in_use}
    return [
        *(Sum(COUNCIL, tuple(keys)) for keys in by_dimension.values()),
        *(Sum(parent, tuple(keys)) for parent, keys in inside.items() if parent in used),
    ]


def withholdings_for(
    wanted: Iterable[tuple[Indicator, ReportingPeriod]],
) -> dict[tuple[int, int], PeriodWithholding]:
    """Each (indicator, period)'s withholding, with every breakdown of the indicator taken together,
    by (indicator id, period id): four queries however many."""
    wanted = list(wanted)
    if not wanted:
        return {}
    indicators = {indicator.pk: indicator for indicator, _ in wanted}
    dimensions = defaultdict(set)
    for indicator_id, dimension_id in Breakdown.objects.filter(indicator_id__in=list(indicators)).values_list(
        "indicator_id", "dimension_id"
    ):
        dimensions[indicator_id].add(dimension_id)
    members = list(Member.objects.filter(dimension_id__in={d for ds in dimensions.values() for d in ds}))
    earlier_of = {
        (indicator.pk, period.pk): _earlier(indicator, period) if indicator.is_year_to_date else None
        for indicator, period in wanted
    }
    starts = {period.start for _, period in wanted} | {e.start for e in earlier_of.values() if e}
    kinds = {period.kind for _, period in wanted}
    where = {"indicator_id__in": list(indicators), "period__start__in": starts, "period__kind__in": kinds}
    key_fields = ("indicator_id", "period__kind", "period__start")
    figures: dict[tuple[int, str, object], dict[int, Figure]] = defaultdict(dict)
    for *key, member_id, value, numerator, denominator, status in (
        PartFigure.objects.filter(member__in=members, **where)
        .order_by()
        .values_list(*key_fields, "member_id", *FIGURE_FIELDS)
    ):
        figures[tuple(key)][member_id] = Figure(value, numerator, denominator, status)
    totals = {
        tuple(key): Figure(value, numerator, denominator, status)
        for *key, value, numerator, denominator, status in Outturn.objects.filter(**where)
        .order_by()
        .values_list(*key_fields, *FIGURE_FIELDS)
    }
    threshold = settings.SMALL_NUMBER_THRESHOLD
    found = {}
    for indicator, period in wanted:
        own = [member for member in members if member.dimension_id in dimensions[indicator.pk]]
        key = (indicator.pk, period.kind, period.start)
        earlier = earlier_of[(indicator.pk, period.pk)]
        earlier_key = (indicator.pk, earlier.kind.value, earlier.start) if earlier else None
        found[(indicator.pk, period.pk)] = period_withholding(
            indicator,
            period,
            own,
            figures.get(key, {}),
            figures.get(earlier_key, {}) if earlier_key else {},
            total=totals.get(key),
            earlier_total=totals.get(earlier_key) if earlier_key else None,
            threshold=threshold,
        )
    return found


def _earlier(indicator: Indicator, period: ReportingPeriod):
    return earlier_in_year(period.rule, YearBasis(indicator.year_basis))
