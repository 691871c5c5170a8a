"""A published report as open data, read from its frozen entries so that it never changes.

The frozen entry holds what the committee saw: each figure's period, value and status, the target's
words, the rating, direction and comparators. What open data adds is read as it stood when the
report was published, from the record every figure and target keeps of its past versions:
the periods' dates, each figure's numerator and denominator, and the target's value or range. A
number is given only where that record agrees with the frozen figure; otherwise it is `x`.

The parts by locality or team the meeting chose are frozen whole with the entries (reports/parts.py)
and read from there.
"""

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.db.models import BooleanField, ExpressionWrapper, Q

from breakdowns.export import figure_cells
from indicators.lines import LineFigure
from indicators.models import Indicator, Outturn, Target
from indicators.opendata import (
    NOT_AVAILABLE,
    OpenDataLine,
    PeriodFigure,
    comparator_figures,
    open_data_line,
)
from indicators.reader import Reader
from indicators.rules.figures import format_value, rounded
from indicators.rules.periods import YearBasis, reporting_year
from reports.contents import ReportLine
from reports.models import Meeting
from reports.parts import ReportBreakdown

STORED_PLACES = 4
"""Figures and targets are stored to four decimal places: agreement is checked to that precision."""


@dataclass(frozen=True)
class PublishedRecord:
    """What the figures' and targets' histories held when the report was published."""

    fractions: dict[int, tuple[Decimal | None, Decimal | None, Decimal | None]]
    """Outturn id to (value, numerator, denominator) as published."""
    bases: dict[int, str]
    """Indicator id to its year basis."""
    targets: dict[tuple[int, int], tuple[Decimal | None, Decimal | None, Decimal | None]]
    """(indicator id, year) to (value, range lower, range upper) as published."""


def _as_published(history) -> dict:
    """Each key's last version at or before publication; the first version where none is that old
    (a report recorded as published before its figures were entered, as the demo council's are).

    `history` is (key, whether the version is as old as the report, version), oldest first.
    """
    chosen: dict = {}
    for key, is_published, version in history:
        if is_published or key not in chosen:
            chosen[key] = version
    return chosen


def _versions(manager, published_at: datetime, *fields: str):
    """A history's versions, oldest first, each saying whether it existed when the report was published."""
    return (
        manager.annotate(is_published=ExpressionWrapper(Q(history_date__lte=published_at), BooleanField()))
        .order_by("history_date", "history_id")
        .values_list(*fields)
    )


def published_record(meeting: Meeting, lines: list[ReportLine]) -> PublishedRecord:
    """The record behind a published report's lines, in three queries whatever the report's size."""
    outturn_ids = [figure.outturn_id for line in lines for figure in line.shown_figures if figure.outturn_id]
    indicator_ids = [line.indicator_id for line in lines]
    outturn_history = _versions(
        Outturn.history.filter(id__in=outturn_ids),
        meeting.published_at,
        *("id", "is_published", "value", "numerator", "denominator"),
    )
    fractions = _as_published((pk, is_published, tuple(rest)) for pk, is_published, *rest in outturn_history)
    bases = dict(Indicator.objects.filter(pk__in=indicator_ids).values_list("pk", "year_basis"))
    target_history = _versions(
        Target.history.filter(indicator_id__in=indicator_ids, year__lte=meeting.as_at.year),
        meeting.published_at,
        *("indicator_id", "year", "is_published", "history_type", "value", "range_lower", "range_upper"),
    )
    targets = _as_published(
        ((indicator_id, year), is_published, None if kind == "-" else tuple(bounds))
        for indicator_id, year, is_published, kind, *bounds in target_history
    )
    return PublishedRecord(fractions, bases, {k: v for k, v in targets.items() if v})


def _same(a: Decimal | None, b: Decimal | None) -> bool:
    return a is not None and b is not None and rounded(a, STORED_PLACES) == rounded(b, STORED_PLACES)


def _period_figure(figure: LineFigure, record: PublishedRecord, *, reader: Reader) -> PeriodFigure:
    value, numerator, denominator = record.fractions.get(figure.outturn_id) or (None, None, None)
    agrees = _same(value, figure.value)
    return PeriodFigure(
        label=figure.period.label,
        start=figure.period.start,
        end=figure.period.end,
        value=figure.value,
        numerator=numerator if agrees else None,
        denominator=denominator if agrees else None,
        status=figure.status,
        is_withheld=figure.is_small and not reader.sees_small_numbers,
    )


def _target_of(line: ReportLine, latest: PeriodFigure | None, record: PublishedRecord, basis: YearBasis):
    """The published target's numbers, where the target's history agrees with the words shown."""
    if latest is None or latest.start is None:
        return None
    found = record.targets.get((line.indicator_id, reporting_year(latest.start, basis)))
    if found is None:
        return None
    value, lower, upper = found

    def text(number):
        return format_value(number, line.unit, line.decimal_places)

    words = f"{text(lower)} to {text(upper)}" if lower is not None or upper is not None else text(value)
    return found if line.target.startswith(words) else None


def line_from_report(line: ReportLine, record: PublishedRecord, *, reader: Reader) -> OpenDataLine:
    """One indicator of a published report as this reader may see it."""
    year_basis = record.bases.get(line.indicator_id, YearBasis.FINANCIAL)
    by_period = {
        figure.period: _period_figure(figure, record, reader=reader) for figure in line.shown_figures
    }
    figures = [by_period[period] for period in sorted(by_period, key=lambda period: period.start)]
    latest = by_period.get(line.latest.period) if line.latest else None
    if latest is not None:
        figures = [figure for figure in figures if figure is not latest] + [latest]
    return open_data_line(
        line,
        figures=figures,
        target=_target_of(line, latest, record, YearBasis(year_basis)),
        comparators=comparator_figures(line.comparators),
    )


def part_rows(breakdowns: list[ReportBreakdown]) -> list[dict[str, str]]:
    """A published report's parts by locality or team as open data, one row per part and one for
    the council, in `breakdowns.export.COLUMNS` order; a withheld part is DfE's `c` in its figure,
    numerator, denominator and rating, with the reason in words."""
    rows = []
    for breakdown in breakdowns:
        for part in breakdown.rows:
            start, end = breakdown.period_start, breakdown.period_end
            cells = {
                "indicator_reference": breakdown.reference,
                "dimension": breakdown.dimension,
                "part": part.name,
                "period": breakdown.period,
                "period_start": start.isoformat() if start else NOT_AVAILABLE,
                "period_end": end.isoformat() if end else NOT_AVAILABLE,
            }
            figures = figure_cells(
                value=part.value,
                numerator=part.numerator,
                denominator=part.denominator,
                rating=part.rating,
                withheld=part.marked,
            )
            rows.append({**cells, **figures})
    return rows
