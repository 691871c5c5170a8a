"""Named reads of breakdowns, each a fixed number of queries however many parts there are.

What a reader is shown of each part is decided here once, from the rules, and carried as data:
every page and file reads `PartLine.withheld` and `PartsInPeriod.spread_withheld`.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Exists, Max, OuterRef, Q, QuerySet

from breakdowns.entry import EntrySheet
from breakdowns.models import Breakdown, Dimension, Member, PartFigure
from breakdowns.rules import Part, Spread, spread_of
from breakdowns.withholding import PeriodWithholding, withholdings_for
from indicators.assessment import target_year_for
from indicators.entry.selectors import EntryRow
from indicators.models import Indicator, Outturn, ReportingPeriod, Target
from indicators.reader import Reader
from indicators.rules.periods import Period
from indicators.rules.rating import COUNT_TARGET_IS_FOR_THE_COUNCIL, TargetRule, is_target_for_parts
from indicators.rules.suppression import Withheld, computed_from, withheld_from_reader
from indicators.rules.terms import Direction, Polarity, Rating
from indicators.selectors import as_seen, indicators_in_suite, shown_to


@dataclass(frozen=True)
class PartLine:
    """One member's figure in a period as this reader sees it."""

    member: Member
    figure: PartFigure | None
    value: Decimal | None
    """The figure shown; None when there is none or it is withheld from this reader."""
    rating: Rating
    """Against the council's target where it applies to a part (`is_target_for_parts`); else not rated."""
    withheld: Withheld | None
    """Why it is withheld from this reader (None: shown)."""
    is_withheld_from_members: bool
    """Withheld from readers without permission: officers see it, marked."""
    is_secondary: bool

    @property
    def has_figure(self) -> bool:
        return self.figure is not None and self.figure.is_reportable


@dataclass(frozen=True)
class PartsInPeriod:
    """Every member's part of an indicator in one period, with the council's figure beside them."""

    period: ReportingPeriod
    lines: list[PartLine]
    total: Outturn | None
    total_value: Decimal | None
    """The council's figure as this reader sees it."""
    total_withheld: Withheld | None
    total_rating: Rating
    spread: Spread
    spread_withheld: Withheld | None
    parts_unrated: str = ""
    """Why the parts are not rated, though the council's figure is ("" where they are rated)."""

    def line_for(self, member: Member) -> PartLine | None:
        return next((line for line in self.lines if line.member.pk == member.pk), None)


@dataclass(frozen=True)
class IndicatorBreakdown:
    """An indicator by one dimension: the latest period's parts and every period's, newest first."""

    dimension: Dimension
    members: list[Member]
    periods: list[PartsInPeriod]

    @property
    def latest(self) -> PartsInPeriod | None:
        return self.periods[0] if self.periods else None

    @property
    def chart_data_id(self) -> str:
        """The page element holding its chart's figure."""
        return f"breakdown-{self.dimension.pk}-chart-data"

    @property
    def over_time(self) -> list[tuple[PartsInPeriod, list[PartLine | None]]]:
        """Each period's parts in the columns of `members`, newest first: the table of parts over time."""
        return [(parts, [parts.line_for(member) for member in self.members]) for parts in self.periods]


def parts_shown_to(reader: Reader) -> QuerySet[PartFigure]:
    """The parts this reader sees: those of a period whose council figure they see
    (indicators/selectors.shown_to). The parts are entered with the council's figure and validated
    with it, so members and the public see them once it is validated or published; officers always.
    A part added since then is not theirs to see, and a part changed since then they see as it was
    (`seen_parts`), until the change is validated."""
    parts = PartFigure.objects.all()
    if reader.sees_provisional:
        return parts
    shown = Outturn.objects.filter(
        shown_to(reader), indicator=OuterRef("indicator"), period=OuterRef("period")
    )
    return parts.filter(Exists(shown)).exclude(held_since__isnull=False, held_status__isnull=True)


def seen_parts(figures: QuerySet[PartFigure], *, reader: Reader) -> list[PartFigure]:
    """Parts (or council figures) as this reader sees them: changed since they were validated or
    published, as they were until the change is validated."""
    return as_seen(figures, held=reader.sees_held)


def parts_in_period(
    indicator: Indicator,
    period: ReportingPeriod,
    members: list[Member],
    figures: dict[int, PartFigure],
    *,
    total: Outturn | None,
    target: Target | None,
    reader: Reader,
    withholding: PeriodWithholding,
) -> PartsInPeriod:
    """The parts as this reader sees them: those `withholding` withholds (`withholdings_for`: small
    ones, and any that every breakdown's sums together would give away) kept from a reader without
    permission.

    `members` are those to show (active in the period, or with a figure in it); `figures` are their
    figures by member id. Runs no queries.
    """
    rule = target.rule if target else None
    part_rule = rule if is_target_for_parts(indicator.unit) else None
    lines = [
        part_line(
            indicator, member, figures.get(member.pk), rule=part_rule, reader=reader, withholding=withholding
        )
        for member in members
    ]
    spread_withheld = withheld_from_reader(
        computed_from(*(withholding.parts.get(member.pk) for member in members)), reader=reader
    )
    spread = (
        Spread()
        if spread_withheld
        else spread_of([(line.member.name, line.value) for line in lines], indicator.polarity_enum, rule)
    )
    total_withheld = withheld_from_reader(withholding.total, reader=reader)
    total_value = total.reportable_value if total is not None and not total_withheld else None
    total_rating = indicator.rating_of(total_value, rule).rating
    parts_unrated = (
        COUNT_TARGET_IS_FOR_THE_COUNCIL if _total_is_rated(indicator, rule) and part_rule is None else ""
    )
    return PartsInPeriod(
        period,
        lines,
        total,
        total_value,
        total_withheld,
        total_rating,
        spread,
        spread_withheld,
        parts_unrated,
    )


def part_line(
    indicator: Indicator,
    member: Member,
    figure: PartFigure | None,
    *,
    rule: TargetRule | None,
    reader: Reader,
    withholding: PeriodWithholding,
) -> PartLine:
    """One member's part as this reader sees it, rated against `rule` (the council's target where
    it applies to a part). Runs no queries."""
    withheld = withholding.parts.get(member.pk)
    reason = withheld_from_reader(withheld, reader=reader)
    value = None if reason or not _part(member, figure).has_figure else figure.value
    return PartLine(
        member=member,
        figure=figure,
        value=value,
        rating=indicator.rating_of(value, rule).rating,
        withheld=reason,
        is_withheld_from_members=withheld is not None,
        is_secondary=member.pk in withholding.secondary,
    )


def _total_is_rated(indicator: Indicator, rule) -> bool:
    """Whether the council's figure is rated at all: a target measure with a polarity and a target."""
    return indicator.is_target_measure and indicator.polarity_enum is not Polarity.NONE and rule is not None


def _part(member: Member, figure: PartFigure | None) -> Part:
    if figure is None:
        return Part(member.name, None, status="")
    return Part(member.name, figure.value, figure.numerator, figure.denominator, figure.status)


def members_to_show(
    members: list[Member], period: ReportingPeriod, figures: dict[int, PartFigure]
) -> list[Member]:
    """The members active in the period, and any other with a figure for it."""
    return [
        member
        for member in members
        if member.pk in figures or member.is_active_between(period.start, period.end)
    ]


def dimensions_of(indicator: Indicator) -> list[Dimension]:
    return [
        breakdown.dimension
        for breakdown in Breakdown.objects.filter(indicator=indicator)
        .select_related("dimension")
        .order_by("dimension__order", "dimension__name")
    ]


def indicator_breakdowns(indicator: Indicator, *, reader: Reader) -> list[IndicatorBreakdown]:
    """Every breakdown of an indicator, every period with parts, newest first: five queries at most."""
    dimensions = dimensions_of(indicator)
    if not dimensions:
        return []
    members = list(Member.objects.filter(dimension__in=dimensions))
    dimension_of = {member.pk: member.dimension_id for member in members}
    figures: dict[tuple[int, int], dict[int, PartFigure]] = defaultdict(dict)
    periods: dict[int, ReportingPeriod] = {}
    for figure in seen_parts(
        parts_shown_to(reader).filter(indicator=indicator, member__in=members).select_related("period"),
        reader=reader,
    ):
        figures[(dimension_of[figure.member_id], figure.period_id)][figure.member_id] = figure
        periods[figure.period_id] = figure.period
    totals = {
        outturn.period_id: outturn
        for outturn in seen_parts(
            Outturn.objects.filter(indicator=indicator, period_id__in=list(periods)), reader=reader
        )
    }
    targets = {target.year: target for target in Target.objects.filter(indicator=indicator)}
    withholdings = withholdings_for((indicator, period) for period in periods.values())
    result = []
    for dimension in dimensions:
        own = [member for member in members if member.dimension_id == dimension.pk]
        in_periods = []
        for period in sorted(periods.values(), key=lambda p: p.end, reverse=True):
            period_figures = figures.get((dimension.pk, period.pk))
            if not period_figures:
                continue
            in_periods.append(
                parts_in_period(
                    indicator,
                    period,
                    members_to_show(own, period, period_figures),
                    period_figures,
                    total=totals.get(period.pk),
                    target=targets.get(target_year_for(indicator, period.rule)),
                    reader=reader,
                    withholding=withholdings[(indicator.pk, period.pk)],
                )
            )
        shown = {line.member.pk for parts in in_periods for line in parts.lines}
        result.append(IndicatorBreakdown(dimension, [m for m in own if m.pk in shown], in_periods))
    return result


@dataclass(frozen=True)
class MemberLine:
    """One indicator reported by a member's dimension: the member's part in its latest period."""

    indicator: Indicator
    parts: PartsInPeriod
    line: PartLine
    target: Target | None
    direction: Direction = Direction.NOT_COMPARABLE
    """The member's direction of travel against its own previous period, as this reader sees it."""
    direction_withheld: Withheld | None = None
    """Why the direction is withheld: it is worked out from a part withheld from this reader."""


def members_by_dimension() -> list[tuple[Dimension, list[Member]]]:
    """Every dimension with its members in their order: two queries."""
    members = defaultdict(list)
    for member in Member.objects.order_by("order", "name"):
        members[member.dimension_id].append(member)
    return [(dimension, members[dimension.pk]) for dimension in Dimension.objects.all()]


def member_lines(
    member: Member, *, reader: Reader, as_at: date, indicators: QuerySet[Indicator] | None = None
) -> list[MemberLine]:
    """Every indicator in the suite at `as_at` that this reader may see and the member's dimension
    reports, with the member's latest figure by then, its rating and its direction of travel against
    its previous period: fourteen queries however many indicators and parts.

    `indicators` narrows the suite (the index's search, service area and frequency); by default it
    is the whole suite this reader may see at `as_at`.
    """
    suite = indicators if indicators is not None else indicators_in_suite(reader=reader, as_at=as_at)
    indicators = list(suite.filter(breakdowns__dimension=member.dimension_id))
    latest_ends = dict(
        parts_shown_to(reader)
        .filter(
            member=member, indicator_id__in=[indicator.pk for indicator in indicators], period__end__lte=as_at
        )
        .order_by()
        .values_list("indicator_id")
        .annotate(latest=Max("period__end"))
    )
    latest = _latest_periods(indicators, latest_ends)
    before = _periods_before(latest)
    members = list(Member.objects.filter(dimension_id=member.dimension_id))
    # Every member's parts in the latest periods; only this member's in the periods before them,
    # for its direction of travel, with which of those periods have any part shown.
    latest_ids = {period.pk for period in latest.values()}
    before_ids = {period.pk for period in before.values()}
    shown = parts_shown_to(reader).filter(indicator_id__in=list(latest)).order_by()
    figures: dict[tuple[int, int], dict[int, PartFigure]] = defaultdict(dict)
    for figure in seen_parts(
        shown.filter(
            Q(member__in=members, period_id__in=latest_ids) | Q(member=member, period_id__in=before_ids)
        ),
        reader=reader,
    ):
        figures[(figure.indicator_id, figure.period_id)][figure.member_id] = figure
    reported_before = set(
        shown.filter(member__in=members, period_id__in=before_ids)
        .values_list("indicator_id", "period_id")
        .distinct()
    )
    periods = {
        indicator_id: period
        for indicator_id, period in latest.items()
        if figures.get((indicator_id, period.pk))
    }
    previous = {
        indicator_id: before[period.rule]
        for indicator_id, period in periods.items()
        if period.rule in before and (indicator_id, before[period.rule].pk) in reported_before
    }
    totals = {
        (outturn.indicator_id, outturn.period_id): outturn
        for outturn in seen_parts(
            Outturn.objects.filter(
                indicator_id__in=list(periods), period_id__in={period.pk for period in periods.values()}
            ).order_by(),
            reader=reader,
        )
    }
    years = {
        target_year_for(indicator, periods[indicator.pk].rule)
        for indicator in indicators
        if indicator.pk in periods
    }
    targets = {
        (target.indicator_id, target.year): target
        for target in Target.objects.filter(indicator_id__in=list(periods), year__in=years).order_by()
    }
    by_id = {indicator.pk: indicator for indicator in indicators}
    withholdings = withholdings_for(
        [(by_id[indicator_id], period) for indicator_id, period in periods.items()]
        + [(by_id[indicator_id], period) for indicator_id, period in previous.items()]
    )

    lines = []
    for indicator in indicators:
        period = periods.get(indicator.pk)
        if period is None:
            continue
        target = targets.get((indicator.pk, target_year_for(indicator, period.rule)))
        period_figures = figures[(indicator.pk, period.pk)]
        parts = parts_in_period(
            indicator,
            period,
            members_to_show(members, period, period_figures),
            period_figures,
            total=totals.get((indicator.pk, period.pk)),
            target=target,
            reader=reader,
            withholding=withholdings[(indicator.pk, period.pk)],
        )
        line = parts.line_for(member)
        if line is None:
            continue
        earlier = None
        if indicator.pk in previous:
            earlier_period = previous[indicator.pk]
            earlier_figures = figures.get((indicator.pk, earlier_period.pk), {})
            if members_to_show([line.member], earlier_period, earlier_figures):
                earlier = part_line(
                    indicator,
                    line.member,
                    earlier_figures.get(member.pk),
                    rule=target.rule if target and is_target_for_parts(indicator.unit) else None,
                    reader=reader,
                    withholding=withholdings[(indicator.pk, earlier_period.pk)],
                )
        direction = _direction(indicator, target, line, earlier)
        lines.append(MemberLine(indicator, parts, line, target, *direction))
    return lines


def _latest_periods(indicators: list[Indicator], latest_ends: dict[int, date]) -> dict[int, ReportingPeriod]:
    """Each indicator's period of its own frequency ending on its latest end: one query."""
    ending = {
        (period.end, period.kind): period
        for period in ReportingPeriod.objects.filter(end__in=set(latest_ends.values())).order_by()
    }
    found = {}
    for indicator in indicators:
        period = ending.get((latest_ends.get(indicator.pk), indicator.frequency))
        if period is not None:
            found[indicator.pk] = period
    return found


def _periods_before(periods: dict[int, ReportingPeriod]) -> dict[Period, ReportingPeriod]:
    """The period before each of `periods`, by the one it comes before's rule: one query."""
    wanted = {period.rule: period.rule.previous() for period in periods.values()}
    if not wanted:
        return {}
    found = {
        period.rule: period
        for period in ReportingPeriod.objects.filter(
            start__in={rule.start for rule in wanted.values()}
        ).order_by()
    }
    return {rule: found[previous] for rule, previous in wanted.items() if previous in found}


def _direction(
    indicator: Indicator, target: Target | None, line: PartLine, earlier: PartLine | None
) -> tuple[Direction, Withheld | None]:
    """The part's direction against its previous period; withheld with either figure."""
    withheld = computed_from(line.withheld, earlier.withheld if earlier else None)
    if withheld or earlier is None:
        return Direction.NOT_COMPARABLE, withheld
    return (
        indicator.direction_of(line.value, earlier.value, target=target),
        None,
    )


def dimensions_by_indicator() -> dict[int, list[Dimension]]:
    """Each indicator's dimensions, for the indicators reported by any: one query."""
    found = defaultdict(list)
    for breakdown in Breakdown.objects.select_related("dimension").order_by(
        "dimension__order", "dimension__name"
    ):
        found[breakdown.indicator_id].append(breakdown.dimension)
    return dict(found)


def entry_sheet(indicator: Indicator, dimension: Dimension, period: Period) -> EntrySheet:
    """What the breakdown entry form opens with: six queries however many members."""
    members = [
        member
        for member in Member.objects.filter(dimension=dimension).select_related("dimension")
        if member.is_active_between(period.start, period.end)
    ]
    previous = period.previous()
    outturns = {
        outturn.period.start: outturn
        for outturn in Outturn.objects.filter(
            indicator=indicator,
            period__kind=period.kind,
            period__basis=period.basis,
            period__start__in=[period.start, previous.start],
        ).select_related("period", "entered_by")
    }
    target = Target.objects.filter(indicator=indicator, year=target_year_for(indicator, period)).first()
    figures = {
        figure.member_id: figure
        for figure in PartFigure.objects.filter(
            indicator=indicator,
            member__in=members,
            period__kind=period.kind,
            period__basis=period.basis,
            period__start=period.start,
        )
    }
    row = EntryRow(
        indicator=indicator,
        outturn=outturns.get(period.start),
        previous=outturns.get(previous.start),
        target=target,
    )
    return EntrySheet(row=row, members=members, figures=figures)


def breakdown_for_entry(reference: str, dimension_id: int) -> Breakdown | None:
    return (
        Breakdown.objects.select_related("indicator__service_area", "dimension")
        .filter(indicator__reference=reference, dimension_id=dimension_id)
        .first()
    )
