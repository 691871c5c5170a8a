"""Named reads for entering figures: which periods, which indicators, and what is on record."""

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.conf import settings
from django.db.models import Max

from indicators.access import can_enter_outturns
from indicators.assessment import target_year_for
from indicators.models import Indicator, Outturn, OutturnStatus, Target
from indicators.reader import Reader
from indicators.rules.entry import EntryContext, Recorded
from indicators.rules.periods import (
    Period,
    PeriodKind,
    YearBasis,
    earliest_entry_day,
    entry_refusal,
    period_containing,
)
from indicators.selectors import indicators_in_suite


@dataclass
class EntryRow:
    """One indicator due in the period, with its figure on record, the previous one and the target."""

    indicator: Indicator
    outturn: Outturn | None
    previous: Outturn | None
    target: Target | None

    @property
    def recorded(self) -> Recorded | None:
        return recorded_of(self.outturn)

    @property
    def previous_value(self) -> Decimal | None:
        return self.previous.reportable_value if self.previous else None

    @property
    def version(self) -> int:
        return self.outturn.version if self.outturn else 0

    @property
    def is_published(self) -> bool:
        return self.outturn is not None and self.outturn.is_published

    def context(self) -> EntryContext:
        return EntryContext(
            unit=self.indicator.unit,
            polarity=self.indicator.polarity_enum,
            is_target_measure=self.indicator.is_target_measure,
            target=self.target.rule if self.target else None,
            previous_value=self.previous_value,
            recorded=self.recorded,
            change_confirm_percent=change_confirm_percent(),
            decimal_places=self.indicator.decimal_places,
        )


def change_confirm_percent() -> Decimal | None:
    percent = settings.ENTRY_CHANGE_CONFIRM_PERCENT
    return Decimal(percent) if percent else None


def recorded_of(outturn: Outturn | None) -> Recorded | None:
    if outturn is None:
        return None
    return Recorded(
        value=outturn.value,
        numerator=outturn.numerator,
        denominator=outturn.denominator,
        status=outturn.status,
        source=outturn.source,
        commentary=outturn.commentary,
        is_published=outturn.is_published,
    )


def period_key(period: Period) -> str:
    """The period as it appears in a URL: quarter-financial-2019-07-01."""
    return f"{period.kind}-{period.basis}-{period.start.isoformat()}"


# Figures are kept for reporting years in this span; a period outside it is no period at all.
EARLIEST_YEAR, LATEST_YEAR = 1990, 2100


def period_from_key(key: str) -> Period:
    """Read a period key; ValueError when it names no period."""
    kind, basis, start = key.split("-", 2)
    period = Period(date.fromisoformat(start), PeriodKind(kind), YearBasis(basis))
    if not EARLIEST_YEAR <= period.start.year <= LATEST_YEAR:
        raise ValueError(f"{key!r} is outside the years figures are kept for.")
    return period


def newest_figures() -> date | None:
    """The end of the latest period with any figure on record, validated or not."""
    return Outturn.objects.aggregate(latest=Max("period__end"))["latest"]


def entry_refusal_for(period: Period, *, today: date) -> str:
    """Why figures cannot be entered for the period today ("" when they can)."""
    return entry_refusal(
        period, today=today, newest_figures=newest_figures(), horizon_months=settings.ENTRY_HORIZON_MONTHS
    )


def periods_to_enter(today: date) -> dict[str, list[Period]]:
    """Periods an officer may choose, newest first: those ended, back to the horizon."""
    first = earliest_entry_day(
        today=today, newest_figures=newest_figures(), horizon_months=settings.ENTRY_HORIZON_MONTHS
    )
    choices: dict[str, list[Period]] = {"Quarters": [], "Months": [], "Years": []}
    for heading, kind, bases in (
        ("Quarters", PeriodKind.QUARTER, [YearBasis.FINANCIAL]),
        ("Months", PeriodKind.MONTH, [YearBasis.FINANCIAL]),
        ("Years", PeriodKind.YEAR, list(YearBasis)),
    ):
        for basis in bases:
            period = period_containing(today, kind, basis).previous()
            while period.end >= first:
                choices[heading].append(period)
                period = period.previous()
        choices[heading].sort(key=lambda p: (p.end, p.basis), reverse=True)
    return choices


def opening_period(choices: dict[str, list[Period]]) -> Period | None:
    """The latest period offered in which any indicator of the suite is due: where entry opens.

    One query: each indicator's frequency, year basis and dates in force, matched in memory.
    """
    indicators = list(Indicator.objects.values_list("frequency", "year_basis", "introduced_on", "retired_on"))
    offered = sorted((p for periods in choices.values() for p in periods), key=lambda p: p.end, reverse=True)
    for period in offered:
        for frequency, basis, introduced_on, retired_on in indicators:
            if (
                frequency == period.kind
                and (period.kind is not PeriodKind.YEAR or basis == period.basis)
                and (introduced_on is None or introduced_on <= period.end)
                and (retired_on is None or retired_on > period.end)
            ):
                return period
    return None


def due_indicators(period: Period, *, reader: Reader) -> list[Indicator]:
    """Indicators in force at the end of the period whose frequency (and year basis) is the period's."""
    indicators = indicators_in_suite(reader=reader, as_at=period.end).filter(frequency=period.kind)
    if period.kind is PeriodKind.YEAR:
        indicators = indicators.filter(year_basis=period.basis)
    return list(indicators)


def rows_for_period(period: Period, *, reader: Reader) -> list[EntryRow]:
    """Every indicator due in the period with what is on record: three queries whatever the suite's size."""
    indicators = due_indicators(period, reader=reader)
    ids = [indicator.pk for indicator in indicators]
    previous = period.previous()
    outturns: dict[tuple[int, date], Outturn] = {
        (outturn.indicator_id, outturn.period.start): outturn
        for outturn in Outturn.objects.filter(
            indicator_id__in=ids,
            period__kind=period.kind,
            period__basis=period.basis,
            period__start__in=[period.start, previous.start],
        ).select_related("period")
    }
    years = {target_year_for(indicator, period) for indicator in indicators}
    targets = {
        (target.indicator_id, target.year): target
        for target in Target.objects.filter(indicator_id__in=ids, year__in=years)
    }
    return [
        EntryRow(
            indicator=indicator,
            outturn=outturns.get((indicator.pk, period.start)),
            previous=outturns.get((indicator.pk, previous.start)),
            target=targets.get((indicator.pk, target_year_for(indicator, period))),
        )
        for indicator in indicators
    ]


@dataclass(frozen=True)
class TrailEntry:
    """One recorded version of a figure: what it was, who saved it, when, how and why."""

    period_label: str
    period_end: date
    value: Decimal | None
    status: str
    source: str
    who: str
    status_label: str
    when: datetime
    how: str
    is_correction: bool
    is_removal: bool


CORRECTION_PREFIX = "Correction: "


def _status_label(version) -> str:
    """A version's status, and who validated it: "Validated by Dana Okafor"."""
    label = OutturnStatus(version.status).label
    validator = version.validated_by if version.status == OutturnStatus.VALIDATED else None
    if validator is None:
        return label
    return f"{label} by {validator.get_full_name() or validator.get_username()}"


def can_see_trail(user, *, reader: Reader) -> bool:
    """Officers who enter figures and may see small numbers see every version of a figure."""
    return can_enter_outturns(user) and reader.sees_small_numbers


def figure_trail(indicator: Indicator) -> list[TrailEntry]:
    """Every saved version of the indicator's figures, newest first, as the history records them.

    For officers who may see small numbers: the values are shown as entered. One query.
    """
    versions = (
        Outturn.history.filter(indicator_id=indicator.pk)
        .select_related("period", "history_user", "validated_by")
        .order_by("-history_date", "-history_id")
    )
    trail = []
    for version in versions:
        reason = version.history_change_reason or ""
        user = version.history_user
        trail.append(
            TrailEntry(
                period_label=version.period.label,
                period_end=version.period.end,
                value=version.value,
                status=version.status,
                source=version.source,
                who=(user.get_full_name() or user.get_username()) if user else "",
                status_label=_status_label(version),
                when=version.history_date,
                how=reason.removeprefix(CORRECTION_PREFIX),
                is_correction=reason.startswith(CORRECTION_PREFIX),
                is_removal=version.history_type == "-",
            )
        )
    return trail
