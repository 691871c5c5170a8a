"""An indicator's parts by locality or team, every period, as CSV: what its page shows this reader.

Column layout is declared once here; a withheld part has the same mark, [c], in its figure, its
numerator, denominator and rating, and the reason in words, as on the page. A published report's
parts (reports/opendata.part_rows) use the same columns in the same order, with DfE's code `c`
as the rest of the report's open data does.
"""

import csv
import io
from decimal import Decimal

from breakdowns.selectors import IndicatorBreakdown, PartLine, PartsInPeriod
from indicators.models import Indicator
from indicators.opendata import neutralised
from indicators.rules.terms import Rating

COLUMNS = (
    ("indicator_reference", "The indicator's reference, as the committee knows it"),
    ("dimension", "What the council is broken down by: locality, team"),
    ("part", "The locality or team; Council for the whole council's figure"),
    ("period", "The period, as the committee writes it"),
    ("period_start", "Its first day"),
    ("period_end", "Its last day"),
    ("value", "The figure in the indicator's units; withheld: [c] on the indicator's page, c in a report"),
    ("numerator", "For a percentage or a rate; withheld as the value is"),
    ("denominator", "For a percentage or a rate; withheld as the value is"),
    (
        "rating",
        "Against the indicator's target: green, amber, red, not_rated, no_data; a count's parts are"
        " not_rated, its target being for the whole council; withheld as the value is",
    ),
    ("withheld", "Why a figure is withheld from this file's readers, in words"),
)
COLUMN_NAMES = [name for name, _ in COLUMNS]


def _number(number: Decimal | None) -> str:
    return "" if number is None else f"{number.normalize():f}"


def _part_row(
    indicator: Indicator, breakdown: IndicatorBreakdown, parts: PartsInPeriod, line: PartLine
) -> dict:
    row = _period_cells(indicator, breakdown, parts, line.member.name)
    if line.withheld:
        mark = line.withheld.mark
        return {
            **row,
            "value": mark,
            "numerator": mark,
            "denominator": mark,
            "rating": mark,
            "withheld": line.withheld.label,
        }
    figure = line.figure if line.value is not None else None
    return {
        **row,
        "value": _number(line.value),
        "numerator": _number(figure.numerator if figure else None),
        "denominator": _number(figure.denominator if figure else None),
        "rating": line.rating.value,
        "withheld": "",
    }


def _total_row(indicator: Indicator, breakdown: IndicatorBreakdown, parts: PartsInPeriod) -> dict:
    row = _period_cells(indicator, breakdown, parts, "Council")
    if parts.total_withheld:
        mark = parts.total_withheld.mark
        return {
            **row,
            "value": mark,
            "numerator": mark,
            "denominator": mark,
            "rating": mark,
            "withheld": parts.total_withheld.label,
        }
    total = parts.total if parts.total_value is not None else None
    return {
        **row,
        "value": _number(parts.total_value),
        "numerator": _number(total.numerator if total else None),
        "denominator": _number(total.denominator if total else None),
        "rating": parts.total_rating.value if total else Rating.NO_DATA.value,
        "withheld": "",
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
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMN_NAMES)
    for row in rows:
        writer.writerow([neutralised(row[name]) for name in COLUMN_NAMES])
    return out.getvalue()
