"""An indicator's parts by locality or team, every period, as CSV: what its page shows this reader.

Column layout is declared once here, and the cells of a figure are written once (`figure_cells`):
a published report's parts (reports/opendata.part_rows) use the same columns and the same cells.
As in every other open data file, a withheld part is DfE's code `c` in its figure, numerator,
denominator and rating, with the reason in words; a figure not there is `x`, and a numerator or
denominator a count does not have is `z` (indicators/opendata.CODES).
"""

from decimal import Decimal

from breakdowns.selectors import IndicatorBreakdown, PartLine, PartsInPeriod
from indicators.models import Indicator
from indicators.opendata import NOT_APPLICABLE, NOT_AVAILABLE, WITHHELD, csv_text
from indicators.rules.suppression import Withheld
from indicators.rules.terms import Rating

COLUMNS = (
    ("indicator_reference", "The indicator's reference, as the committee knows it"),
    ("dimension", "What the council is broken down by: locality, team"),
    ("part", "The locality or team; Council for the whole council's figure"),
    ("period", "The period, as the committee writes it"),
    ("period_start", "Its first day"),
    ("period_end", "Its last day"),
    ("value", "The figure in the indicator's units; c where withheld, x where there is no figure"),
    ("numerator", "For a percentage or a rate (z for a count); withheld as the value is"),
    ("denominator", "For a percentage or a rate (z for a count); withheld as the value is"),
    (
        "rating",
        "Against the indicator's target: green, amber, red, not_rated, no_data; a count's parts are"
        " not_rated, its target being for the whole council; withheld as the value is",
    ),
    ("withheld", "Why a figure is withheld from this file's readers, in words"),
)
COLUMN_NAMES = [name for name, _ in COLUMNS]


def figure_cells(
    *,
    value: Decimal | None,
    numerator: Decimal | None,
    denominator: Decimal | None,
    rating: Rating,
    withheld: Withheld | None,
) -> dict[str, str]:
    """A part's figure as open data writes it: DfE's codes where a number is not shown."""
    if withheld:
        return {
            **dict.fromkeys(("value", "numerator", "denominator", "rating"), WITHHELD),
            "withheld": withheld.label,
        }
    return {
        "value": _plain(value, NOT_AVAILABLE),
        "numerator": _plain(numerator, NOT_APPLICABLE),
        "denominator": _plain(denominator, NOT_APPLICABLE),
        "rating": rating.value,
        "withheld": "",
    }


def _plain(number: Decimal | None, code: str) -> str:
    return code if number is None else f"{number.normalize():f}"


def _part_row(
    indicator: Indicator, breakdown: IndicatorBreakdown, parts: PartsInPeriod, line: PartLine
) -> dict:
    figure = line.figure if line.value is not None else None
    return {
        **_period_cells(indicator, breakdown, parts, line.member.name),
        **figure_cells(
            value=line.value,
            numerator=figure.numerator if figure else None,
            denominator=figure.denominator if figure else None,
            rating=line.rating,
            withheld=line.withheld,
        ),
    }


def _total_row(indicator: Indicator, breakdown: IndicatorBreakdown, parts: PartsInPeriod) -> dict:
    total = parts.total if parts.total_value is not None else None
    return {
        **_period_cells(indicator, breakdown, parts, "Council"),
        **figure_cells(
            value=parts.total_value,
            numerator=total.numerator if total else None,
            denominator=total.denominator if total else None,
            rating=parts.total_rating if total else Rating.NO_DATA,
            withheld=parts.total_withheld,
        ),
    }


def _period_cells(indicator, breakdown, parts, name: str) -> dict:
    return {
        "indicator_reference": indicator.reference,
        "dimension": breakdown.dimension.name,
        "part": name,
        "period": parts.period.label,
        "period_start": parts.period.start.isoformat(),
        "period_end": parts.period.end.isoformat(),
    }


def breakdown_rows(indicator: Indicator, breakdowns: list[IndicatorBreakdown]) -> list[dict]:
    """Every part and the council's figure, every period, newest first."""
    rows = []
    for breakdown in breakdowns:
        for parts in breakdown.periods:
            rows.extend(_part_row(indicator, breakdown, parts, line) for line in parts.lines)
            rows.append(_total_row(indicator, breakdown, parts))
    return rows


def breakdown_csv(rows: list[dict]) -> str:
    """The rows as CSV, written as every other open data file is (`indicators.opendata.csv_text`)."""
    return csv_text(rows, columns=COLUMN_NAMES)
