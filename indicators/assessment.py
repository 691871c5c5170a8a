"""An indicator's standing in a period: its figures, target, rating and direction of travel.

Built from figures and targets already fetched; it runs no queries, so assessing 300 indicators
costs the same few queries as assessing ten. The index reads the lines kept from it
(indicators/kept_lines.py), so it is worked out when figures change, not on every view.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from functools import lru_cache
from typing import NamedTuple

from indicators.models import Comparator, Indicator, Outturn, OutturnStatus, Target
from indicators.rules.direction import movement_between
from indicators.rules.disclosure import earlier_in_year, is_small_for_itself
from indicators.rules.figures import NO_FIGURE
from indicators.rules.periods import (
    YEAR_START_MONTH,
    Period,
    PeriodKind,
    YearBasis,
    period_containing,
    reporting_year,
)
from indicators.rules.rating import RatingResult
from indicators.rules.terms import ComparatorKind, Direction, Movement, Polarity, Rating

RECENT_PERIODS = 4
INDEX_COMPARATOR_KINDS = (
    ComparatorKind.STATISTICAL_NEIGHBOURS,
    ComparatorKind.REGION,
    ComparatorKind.ENGLAND,
)
RATING_RANK = {Rating.RED: 0, Rating.AMBER: 1, Rating.GREEN: 2, Rating.NOT_RATED: 3, Rating.NO_DATA: 4}
DIRECTION_RANK = {
    Direction.WORSENING: 0,
    Direction.SAME: 1,
    Direction.IMPROVING: 2,
    Direction.NOT_COMPARABLE: 3,
}


@dataclass(slots=True)
class Figure:
    """One outturn as shown: a period, and a value or the reason there is none."""

    period: Period
    outturn: Outturn | None
    suppressed: bool = False
    """Withheld from this reader: a small number for a reader without permission."""
    indicator: Indicator | None = None
    is_small: bool = False
    """Withheld from readers without permission (`disclosure.is_small_for_itself`)."""

    @property
    def value(self) -> Decimal | None:
        if self.outturn is None or self.suppressed:
            return None
        return self.outturn.reportable_value

    @property
    def text(self) -> str:
        """The value in the indicator's units ("55%", "28 weeks"), or "" when there is none."""
        value = self.value
        return self.indicator.format(value) if value is not None and self.indicator else ""

    @property
    def is_provisional(self) -> bool:
        return self.outturn is not None and self.outturn.status == OutturnStatus.PROVISIONAL

    @property
    def status_label(self) -> str:
        if self.suppressed:
            return "Suppressed (small number)"
        if self.outturn is None:
            return NO_FIGURE
        return self.outturn.get_status_display()


class Ranked:
    """Sorts by its rating, worst first (Red, Amber, Green, Not rated, No data), and its direction
    of travel: an assessment and the line built from it."""

    __slots__ = ()

    @property
    def rating_rank(self) -> int:
        return RATING_RANK[self.rating]

    @property
    def direction_rank(self) -> int:
        return DIRECTION_RANK[self.direction]


@dataclass(slots=True)
class Assessment(Ranked):
    indicator: Indicator
    latest: Figure | None
    recent: list[Figure]
    previous: Figure | None
    year_earlier: Figure | None
    previous_year_end: Figure | None
    target: Target | None
    result: RatingResult
    direction: Direction
    direction_year: Direction
    movement: Movement
    comparators: dict[str, Comparator] = field(default_factory=dict)

    @property
    def rating(self) -> Rating:
        return self.result.rating

    @property
    def figures(self) -> list[Figure | None]:
        """The previous year-end, then the recent figures oldest first: the index's figure columns."""
        return [self.previous_year_end, *self.recent]

    @property
    def index_comparators(self) -> list[Comparator | None]:
        """The comparators the index shows, in its column order."""
        return [self.comparators.get(kind) for kind in INDEX_COMPARATOR_KINDS]

    @property
    def commentary(self) -> str:
        return self.latest.outturn.commentary if self.latest and self.latest.outturn else ""

    @property
    def recent_directions(self) -> list[Direction]:
        """Directions of travel between consecutive recent figures, newest first."""
        values = [figure.value for figure in self.recent]
        return [
            self.indicator.direction_of(values[i], values[i - 1], target=self.target)
            for i in range(len(values) - 1, 0, -1)
        ]


def target_year_for(indicator: Indicator, period: Period) -> int:
    return reporting_year(period.start, YearBasis(indicator.year_basis))


def latest_period_start(outturns: dict[tuple[str, object], Outturn], kind: str) -> object:
    return max((start for (k, start) in outturns if k == kind), default=None)


def assess(
    indicator: Indicator,
    outturns: dict[tuple[str, object], Outturn],
    targets: dict[int, Target],
    comparators: dict[str, Comparator],
    *,
    suppress_small_numbers: bool,
    small_number_threshold: int,
) -> Assessment:
    """Assess one indicator from its outturns keyed by (period kind, period start)."""
    kind = PeriodKind(indicator.frequency)
    basis = YearBasis(indicator.year_basis) if kind is PeriodKind.YEAR else YearBasis.FINANCIAL
    start = latest_period_start(outturns, kind)

    year_basis = YearBasis(indicator.year_basis)

    def figure(period: Period) -> Figure:
        outturn = outturns.get((period.kind.value, period.start))
        is_small = outturn is not None and is_small_for_itself(
            _figure_of(outturn),
            _earlier_figure(indicator, outturns, period, year_basis),
            is_count=indicator.is_count,
            threshold=small_number_threshold,
        )
        return Figure(period, outturn, suppress_small_numbers and is_small, indicator, is_small)

    if start is None:
        return Assessment(
            indicator,
            None,
            [],
            None,
            None,
            None,
            None,
            indicator.rating_of(None, None),
            Direction.NOT_COMPARABLE,
            Direction.NOT_COMPARABLE,
            Movement.UNKNOWN,
            comparators,
        )

    plan = _plan_from(start, kind, basis, indicator.year_basis)
    # The latest figure and the one before it are the last two of the recent ones.
    recent = [figure(period) for period in plan.recent]
    latest, previous = recent[-1], recent[-2]
    year_earlier = figure(plan.year_earlier)
    previous_year_end = figure(plan.previous_year_end)
    latest_period = plan.recent[-1]
    target = targets.get(target_year_for(indicator, latest_period))

    band = indicator.no_change_band
    result = indicator.rating_of(latest.value, target.rule if target else None)
    return Assessment(
        indicator=indicator,
        latest=latest,
        recent=recent,
        previous=previous,
        year_earlier=year_earlier,
        previous_year_end=previous_year_end,
        target=target,
        result=result,
        direction=indicator.direction_of(latest.value, previous.value, target=target),
        direction_year=indicator.direction_of(latest.value, year_earlier.value, target=target),
        movement=movement_between(latest.value, previous.value, band),
        comparators=comparators,
    )


def _figure_of(outturn: Outturn) -> tuple:
    """Its value, numerator and denominator: what a small number is judged on."""
    return outturn.value, outturn.numerator, outturn.denominator


def _earlier_figure(
    indicator: Indicator, outturns: dict, period: Period, year_basis: YearBasis
) -> tuple | None:
    """The reportable figure a year-to-date figure steps from: the one before it in its year."""
    if not indicator.is_year_to_date:
        return None
    earlier = earlier_in_year(period, year_basis)
    outturn = outturns.get((earlier.kind.value, earlier.start)) if earlier else None
    if outturn is None or not outturn.is_reportable:
        return None
    return _figure_of(outturn)


class PeriodsRead(NamedTuple):
    recent: tuple[Period, ...]
    """Oldest first: the latest is the last, the previous period the one before it."""
    year_earlier: Period
    previous_year_end: Period


@lru_cache(maxsize=4096)
def _periods_of(latest: Period, year_basis: str) -> PeriodsRead:
    """The periods an assessment whose latest figure is for `latest` reads. Most indicators share a
    latest period, so each is worked out once, not once per indicator."""
    return PeriodsRead(
        recent=tuple(latest.shifted(-offset) for offset in reversed(range(RECENT_PERIODS))),
        year_earlier=latest.year_earlier(),
        previous_year_end=_previous_year_end(year_basis, latest, lambda period: period),
    )


@lru_cache(maxsize=4096)
def _plan_from(start: date, kind: PeriodKind, basis: YearBasis, year_basis: str) -> PeriodsRead:
    """`_periods_of` the period starting at `start`, found by its plain parts: an index asks for
    the same few latest periods for every indicator, and so makes none of them again."""
    return _periods_of(Period(start, kind, basis), year_basis)


def periods_shown(latest: Period, year_basis: str = YearBasis.FINANCIAL) -> tuple[Period, ...]:
    """The periods the index's figure columns show for an indicator whose latest figure is for
    `latest`: the previous year end, then the recent periods oldest first."""
    plan = _periods_of(latest, year_basis)
    return (plan.previous_year_end, *plan.recent)


def periods_read(indicator: Indicator, latest: Period) -> list[Period]:
    """Every period an assessment whose latest figure is for `latest` reads: the recent periods
    (the previous one among them), the same period a year earlier and the previous year end, and
    for a year-to-date measure the period before each in its year (its step from it)."""
    plan = _periods_of(latest, indicator.year_basis)
    read = [*reversed(plan.recent), plan.year_earlier, plan.previous_year_end]
    if indicator.is_year_to_date:
        basis = YearBasis(indicator.year_basis)
        earlier = [earlier_in_year(period, basis) for period in read]
        read += [period for period in earlier if period is not None and period not in read]
    return read


def _previous_year_end(year_basis: str, latest: Period, figure) -> Figure:
    """The figure for the last period of the reporting year before the latest one."""
    if latest.kind is PeriodKind.YEAR:
        return figure(latest.previous())
    basis = YearBasis(year_basis)
    year_start = date(reporting_year(latest.start, basis), YEAR_START_MONTH[basis], 1)
    return figure(period_containing(year_start - timedelta(days=1), latest.kind))


def polarity_words(polarity: Polarity) -> str:
    return {
        Polarity.HIGHER_IS_BETTER: "higher is better",
        Polarity.LOWER_IS_BETTER: "lower is better",
        Polarity.WITHIN_RANGE: "within the range is best",
        Polarity.NONE: "no polarity",
    }[polarity]
