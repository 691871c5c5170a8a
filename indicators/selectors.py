"""Named reads of the performance index. Each runs a fixed number of queries."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import NamedTuple

from django.conf import settings
from django.db.models import Case, Exists, F, Max, OuterRef, Q, QuerySet, When

from indicators.assessment import Assessment, assess, periods_read, target_year_for
from indicators.models import (
    Comparator,
    Correction,
    HeldForReaders,
    Indicator,
    Outturn,
    OutturnStatus,
    ReportingPeriod,
    Target,
)
from indicators.reader import Reader
from indicators.rules.disclosure import earlier_in_year, is_small_for_itself
from indicators.rules.periods import Period, PeriodKind, YearBasis, add_months
from indicators.rules.suppression import Withheld, withheld_from_reader
from indicators.rules.terms import Rating

# How far back the index looks for each kind of period: far enough for the recent figures, the same
# period a year earlier and the previous year-end, and no further.
LOOKBACK_MONTHS = {PeriodKind.MONTH: 13, PeriodKind.QUARTER: 15, PeriodKind.YEAR: 48}
STEP_MONTHS = 3
"""How much further back than the window a year-to-date figure's step is read from (the period
before the previous year end, or before the same period a year earlier)."""
EVERY_FIGURE = Q()


def indicators_in_suite(*, reader: Reader, as_at: date) -> QuerySet[Indicator]:
    """The indicators in force at `as_at` that this reader may see, in the index's order."""
    indicators = Indicator.objects.select_related("service_area", "variation_summary").filter(
        Q(introduced_on__isnull=True) | Q(introduced_on__lte=as_at),
        Q(retired_on__isnull=True) | Q(retired_on__gt=as_at),
    )
    if not reader.sees_restricted:
        indicators = indicators.filter(is_restricted=False)
    return indicators


def visible(indicators: QuerySet[Indicator], *, reader: Reader) -> list[Indicator]:
    """The indicators this reader may see: restricted ones only with permission."""
    if not reader.sees_restricted:
        indicators = indicators.filter(is_restricted=False)
    return list(indicators)


def shown_to(reader: Reader, *, prefix: str = "") -> Q:
    """The figures this reader sees, as a filter of outturns (`prefix` names the relation to them).

    Decided here for every reader of figures (indicators/rules/validation.py): officers see every
    figure; members and the public a provisional one only once a published report has shown it, and
    a figure changed since they saw it as it was until the change is validated (`Reader.sees_held`).
    """
    if reader.sees_provisional:
        return Q()
    return shown_to_readers(prefix=prefix)


def shown_to_readers(*, prefix: str = "") -> Q:
    """The figures members and the public see when provisional figures are kept from them:
    validated ones, those a published report has shown, and those held as they were (`as_seen`)."""
    return (
        ~Q(**{f"{prefix}status": OutturnStatus.PROVISIONAL})
        | Q(**{f"{prefix}first_published_at__isnull": False})
        | Q(**{f"{prefix}held_since__isnull": False})
    )


def as_seen(figures, *, held: bool) -> list:
    """Figures (outturns or parts) as a reader sees them: those changed since they were validated or
    published as they were, where `held`."""
    return [figure.as_readers_see_it() for figure in figures] if held else list(figures)


def latest_as_at(*, reader: Reader) -> date | None:
    """The end of the latest period with a figure this reader sees: where the index opens by default.

    A new quarter's provisional figures do not move the public index on to that quarter.
    """
    return Outturn.objects.filter(shown_to(reader)).aggregate(latest=Max("period__end"))["latest"]


def _with_figures_shown_to(reader) -> Exists:
    """Whether a period has a figure this reader sees. Asked of each period through the figures'
    index by period, rather than gathering every figure's period first: a few times faster."""
    return Exists(Outturn.objects.filter(shown_to(reader), period_id=OuterRef("pk")).order_by())


class QuarterEnd(NamedTuple):
    """A date the index can be viewed "as at": a quarter's end, and the quarter's label."""

    end: date
    label: str


def as_at_dates(*, reader: Reader) -> tuple[date | None, list[QuarterEnd]]:
    """`latest_as_at` and the dates the index can be viewed "as at" together, in one query: the end of
    the latest period with a figure this reader sees, and the ends of the quarters with one, newest
    first. Read as values: every view of the index asks."""
    periods = list(
        ReportingPeriod.objects.filter(_with_figures_shown_to(reader))
        .order_by("-end")
        .values_list("end", "kind", "label")
    )
    latest = periods[0][0] if periods else None
    return latest, [QuarterEnd(end, label) for end, kind, label in periods if kind == PeriodKind.QUARTER]


def _held_or(name: str) -> Case:
    return Case(When(held_since__isnull=False, then=F(f"held_{name}")), default=F(name))


# The figure a reader sees who sees a changed figure as it was until the change is validated.
FACTS_AS_HELD = {
    f"as_held_{name}": _held_or(name) for name in ("value", "numerator", "denominator", "status")
}
ASSESSED_FIELDS = (
    "indicator_id",
    "period_id",
    "value",
    "numerator",
    "denominator",
    "status",
    "commentary",
    *HeldForReaders.HELD_FIELDS,
)
"""What of a figure an assessment reads: the rest is left in the database."""


def in_window_of_period(as_at: date, *, further: int = 0) -> Q:
    """Periods recent enough to matter to the index as at a date (`further` months more)."""
    window = Q()
    for kind, months in LOOKBACK_MONTHS.items():
        window |= Q(kind=kind, end__gt=add_months(as_at, -months - further))
    return window


def assessments_for(
    indicators: list[Indicator] | QuerySet[Indicator], *, reader: Reader, as_at: date
) -> list[Assessment]:
    """Every indicator's standing as at a date as this reader may see it: small numbers withheld, and
    the rating and direction computed without them, unless the reader sees small numbers."""
    return assessments_as_at(
        indicators,
        as_at=as_at,
        withhold_small_numbers=not reader.sees_small_numbers,
        figures=shown_to(reader),
        held=reader.sees_held,
    )


def assessments_as_at(
    indicators: list[Indicator] | QuerySet[Indicator],
    *,
    as_at: date,
    withhold_small_numbers: bool,
    figures: Q = EVERY_FIGURE,
    held: bool = False,
) -> list[Assessment]:
    """Every indicator's standing as at a date, in four queries whatever the suite's size.

    A committee report assesses every figure (`withhold_small_numbers=False`, every figure whatever
    its validation): its lines carry what is withheld from each reader, and publishing it is what
    shows its provisional figures to members. `figures` narrows the outturns read (`shown_to`);
    `held` reads a figure changed since it was validated or published as it was (`Reader.sees_held`).

    Given the suite's query rather than a list, each query that reads by indicator reads the suite
    as a subquery of its own, rather than with a list of ids sent: 2 ms less for 300 indicators.
    """
    if isinstance(indicators, QuerySet):
        ids = indicators.values("pk")
        indicators = list(indicators)
    else:
        # The suite as one subquery, its ids prepared once rather than once per query.
        ids = Indicator.objects.filter(pk__in=[indicator.pk for indicator in indicators]).values("pk")
    periods, in_window = {}, []
    for period in ReportingPeriod.objects.filter(
        in_window_of_period(as_at, further=STEP_MONTHS), end__lte=as_at
    ):
        periods[period.pk] = (period.kind, period.start)
        if period.end > add_months(as_at, -LOOKBACK_MONTHS[period.kind]):
            in_window.append(period.pk)
    outturns: dict[int, dict] = defaultdict(dict)
    read, target_years = _periods_read(indicators, ids, periods, in_window, figures)
    # Unordered: the figures are looked up by indicator and period, and the models' default order
    # would join the indicators, service areas and periods only to sort them.
    recent = (
        Outturn.objects.filter(figures, indicator_id__in=ids, period_id__in=read)
        .only(*ASSESSED_FIELDS)
        .order_by()
    )
    for outturn in as_seen(recent, held=held):
        outturns[outturn.indicator_id][periods[outturn.period_id]] = outturn

    targets: dict[int, dict[int, Target]] = defaultdict(dict)
    window_start = add_months(as_at, -max(LOOKBACK_MONTHS.values()))
    recent_years = Q(year__gte=as_at.year - 1) | Q(
        indicator__frequency=PeriodKind.YEAR, year__gte=window_start.year
    )
    targets_read = Target.objects.filter(
        recent_years, indicator_id__in=ids, year__lte=as_at.year, year__in=sorted(target_years)
    ).order_by()
    for target in targets_read:
        targets[target.indicator_id][target.year] = target

    comparators: dict[int, dict[str, Comparator]] = defaultdict(dict)
    for comparator in Comparator.objects.filter(indicator_id__in=ids, year__lte=as_at.year).order_by("year"):
        comparators[comparator.indicator_id][comparator.kind] = comparator

    return [
        assess(
            indicator,
            _only_of_frequency(outturns[indicator.pk], indicator.frequency),
            targets[indicator.pk],
            comparators[indicator.pk],
            suppress_small_numbers=withhold_small_numbers,
            small_number_threshold=settings.SMALL_NUMBER_THRESHOLD,
        )
        for indicator in indicators
    ]


def _periods_read(
    indicators: list[Indicator],
    ids: QuerySet[Indicator],
    periods: dict[int, tuple[str, date]],
    in_window: list[int],
    figures: Q,
) -> tuple[list[int], set[int]]:
    """The periods, of those in the window, that the indicators' assessments read, and the years
    whose targets they rate against: found from each indicator's latest figure, so the index reads
    about six figures per indicator, not fourteen, and one target."""
    latest_starts = dict(
        Outturn.objects.filter(
            figures,
            indicator_id__in=ids,
            period_id__in=in_window,
            period__kind=F("indicator__frequency"),
        )
        .order_by()
        .values_list("indicator_id")
        .annotate(latest=Max("period__start"))
    )
    pk_of = {key: pk for pk, key in periods.items()}
    wanted: set[int] = set()
    years: set[int] = set()
    seen = set()
    for indicator in indicators:
        start = latest_starts.get(indicator.pk)
        if start is None:
            continue
        kind = PeriodKind(indicator.frequency)
        basis = YearBasis(indicator.year_basis) if kind is PeriodKind.YEAR else YearBasis.FINANCIAL
        if (start, kind, basis, indicator.year_basis, indicator.is_year_to_date) in seen:
            continue  # most indicators share their latest period: its periods are counted once
        seen.add((start, kind, basis, indicator.year_basis, indicator.is_year_to_date))
        latest = Period(start, kind, basis)
        years.add(target_year_for(indicator, latest))
        for period in periods_read(indicator, latest):
            pk = pk_of.get((period.kind.value, period.start))
            if pk is not None:
                wanted.add(pk)
    return sorted(wanted), years


def _only_of_frequency(outturns: dict, frequency: str) -> dict:
    return {key: outturn for key, outturn in outturns.items() if key[0] == frequency}


@dataclass
class HistoryRow:
    """One period of an indicator's record, as the report card shows it."""

    outturn: Outturn
    value: Decimal | None
    suppressed: bool
    target: Target | None
    rating: Rating

    @property
    def period(self) -> ReportingPeriod:
        return self.outturn.period

    @property
    def commentary(self) -> str:
        return self.outturn.commentary

    @property
    def is_since_corrected(self) -> bool:
        """Shown as it was: a change to it awaits validation."""
        return self.outturn.is_held and not self.outturn.is_provisional


def indicator_history(indicator: Indicator, *, reader: Reader) -> list[HistoryRow]:
    """Every outturn of an indicator this reader sees, oldest first, with its target and rating: two
    queries. A figure changed since it was validated or published is as this reader sees it."""
    targets = {target.year: target for target in indicator.targets.all()}
    year_basis = YearBasis(indicator.year_basis)
    outturns = as_seen(
        indicator.outturns.filter(shown_to(reader)).select_related("period").order_by("period__end"),
        held=reader.sees_held,
    )
    by_period = {(outturn.period.kind, outturn.period.start): outturn for outturn in outturns}
    rows = []
    for outturn in outturns:
        earlier = earlier_in_year(outturn.period.rule, year_basis) if indicator.is_year_to_date else None
        before = by_period.get((earlier.kind.value, earlier.start)) if earlier else None
        is_small = is_small_for_itself(
            (outturn.value, outturn.numerator, outturn.denominator),
            (before.value, before.numerator, before.denominator) if before and before.is_reportable else None,
            is_count=indicator.is_count,
            threshold=settings.SMALL_NUMBER_THRESHOLD,
        )
        suppressed = (
            withheld_from_reader(Withheld.SMALL_NUMBER if is_small else None, reader=reader) is not None
        )
        value = None if suppressed else outturn.reportable_value
        target = targets.get(target_year_for(indicator, outturn.period.rule))
        result = indicator.rating_of(value, target.rule if target else None)
        rows.append(HistoryRow(outturn, value, suppressed, target, result.rating))
    return rows


def comparators_by_year(indicator: Indicator) -> list[dict]:
    """Comparator figures grouped by year, oldest first: [{"year", "label", "source", kind: Comparator}].

    "source" is one of the year's comparators, to name the publication and file they came from.
    """
    years: dict[int, dict] = {}
    for comparator in indicator.comparators.order_by("year"):
        row = years.setdefault(
            comparator.year, {"year": comparator.year, "label": comparator.year_label, "source": comparator}
        )
        row[comparator.kind] = comparator
    return list(years.values())


def earlier_figures(outturns: list[Outturn]) -> dict[int, tuple]:
    """For each year-to-date outturn, the reportable figure before it in its year (its value,
    numerator and denominator), by the outturn's id: one query however many."""
    wanted = {}
    for outturn in outturns:
        indicator = outturn.indicator
        if indicator.is_year_to_date:
            earlier = earlier_in_year(outturn.period.rule, YearBasis(indicator.year_basis))
            if earlier is not None:
                wanted[outturn.pk] = (outturn.indicator_id, earlier.kind.value, earlier.start)
    if not wanted:
        return {}
    found = {
        (before.indicator_id, before.period.kind, before.period.start): before
        for before in Outturn.objects.filter(
            indicator_id__in={key[0] for key in wanted.values()},
            period__kind__in={key[1] for key in wanted.values()},
            period__start__in={key[2] for key in wanted.values()},
        ).select_related("period")
    }
    figures = {}
    for outturn_id, key in wanted.items():
        before = found.get(key)
        if before is not None and before.is_reportable:
            figures[outturn_id] = (before.value, before.numerator, before.denominator)
    return figures


def corrections_for(indicator: Indicator, *, reader: Reader) -> list[Correction]:
    """Corrections to an indicator's figures, newest first; `is_suppressed` marks those whose figures
    are small numbers this reader may not see, and `is_awaiting_validation` those whose new figure is
    held from this reader until it is validated (they read that it was made, and why)."""
    corrections = list(
        Correction.objects.filter(outturn__indicator=indicator)
        .select_related("outturn__period", "outturn__indicator", "corrected_by")
        .order_by("-corrected_at")
    )
    held = reader.sees_held
    earlier = earlier_figures([correction.outturn for correction in corrections])
    for correction in corrections:
        outturn = correction.outturn
        correction.is_awaiting_validation = (
            held and outturn.is_held and correction.corrected_at >= outturn.held_since
        )
        withheld = correction.withheld(
            earlier.get(outturn.pk), is_count=indicator.is_count, threshold=settings.SMALL_NUMBER_THRESHOLD
        )
        correction.is_suppressed = withheld_from_reader(withheld, reader=reader) is not None
    return corrections
