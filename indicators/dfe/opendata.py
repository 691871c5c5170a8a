"""DfE benchmarking as open data: one row per indicator and year DfE has published a figure for
the council, with the council beside England, its region and its statistical neighbours, its
quartile band, national rank and rank among its neighbours.

- The columns are declared once (COLUMNS): the CSV header, the JSON rows and the open data page
  read the same declaration. The file is written by the same writer, with the same codes
  (`c`, `x`, `z`), as every other open data file (`indicators.opendata`).
- The figures are the indicator page's (`benchmarking`): the neighbours are DfE's current
  groupings for every year, as the page shows them by default.
- A year whose figure in the index is withheld from the reader (a small number) withholds DfE's
  figure for the council, its band and its ranks (`c`), as the index withholds the band: they
  would place the hidden number. England's, the region's and the neighbours' figures stay.
- Restricted (Part 2) indicators are left out for a reader who may not see them.
"""

from dataclasses import dataclass
from decimal import Decimal

from indicators import selectors
from indicators.dfe.benchmarking import YearFigures, benchmark_for
from indicators.dfe.periods import period_end
from indicators.models import Indicator
from indicators.opendata import (
    CODE_FOR_REASON,
    NOT_APPLICABLE,
    NOT_AVAILABLE,
    WITHHELD,
    Column,
    number_text,
)
from indicators.reader import Reader

COLUMNS = (
    Column("reference", "The indicator's reference, as the committee knows it (2, 35.1)."),
    Column("title", "What the indicator measures."),
    Column("measure", "DfE's publication the figures come from."),
    Column("year", "The year DfE's figures are for, as DfE writes it (2024, 2023/24)."),
    Column("time_identifier", "The kind of year, as DfE's file names it: Calendar year, Financial year, ..."),
    Column("council", "DfE's published figure for the council."),
    Column("england", "DfE's figure for England."),
    Column("region", "DfE's figure for the council's region, as DfE's LAIT shows it."),
    Column("region_name", "The region: Inner or Outer London for a London borough."),
    Column(
        "neighbours_mean", "The mean of the statistical neighbours with a figure, as DfE's LAIT shows it."
    ),
    Column(
        "neighbours_median",
        "The median of the statistical neighbours with a figure, as DfE's children's social care "
        "dashboard shows it.",
    ),
    Column("neighbours_with_figure", "How many of the statistical neighbours had a figure."),
    Column("neighbour_groupings", "The statistical neighbour model: DfE's current groupings for every year."),
    Column(
        "band",
        "The council's quartile band among every council, A best, as DfE's LAIT bands it; z where the "
        "measure is not banded.",
    ),
    Column("national_rank", "The council's rank among every council with a figure; 1 is best."),
    Column("national_ranked", "How many councils had a figure to rank."),
    Column(
        "neighbours_rank",
        "The council's rank among itself and its statistical neighbours, placing DfE's figure for the "
        "council, as DfE's LAIT ranks it; 1 is best.",
    ),
    Column(
        "neighbours_ranked", "How many were ranked among the neighbours: the council and those with a figure."
    ),
)
COLUMN_NAMES = tuple(column.name for column in COLUMNS)
PLACING = ("council", "band", "national_rank", "national_ranked", "neighbours_rank", "neighbours_ranked")
"""The cells that place the council's figure: withheld with it."""


@dataclass(frozen=True)
class BenchmarkLine:
    """One indicator's DfE figures by year as a reader may see them."""

    reference: str
    title: str
    measure: str
    time_identifier: str
    decimal_places: int
    years: list[YearFigures]
    withheld_years: frozenset[int] = frozenset()
    """The years whose figure in the index is withheld from this reader."""


def rows_for(lines: list[BenchmarkLine]) -> list[dict[str, str]]:
    """Every line's years as rows of text, keyed by column name, in COLUMNS order."""
    rows = []
    for line in lines:
        for year in line.years:
            cells = {
                "reference": line.reference,
                "title": line.title,
                "measure": line.measure,
                "year": year.label,
                "time_identifier": line.time_identifier or NOT_AVAILABLE,
                **_figure_cells(year, line.decimal_places),
                "region_name": year.region_name or NOT_AVAILABLE,
                "neighbour_groupings": year.neighbour_model or NOT_AVAILABLE,
                **_rank_cells(year),
            }
            if year.year in line.withheld_years:
                cells.update(dict.fromkeys(PLACING, WITHHELD))
            rows.append({name: cells[name] for name in COLUMN_NAMES})
    return rows


def _figure_cells(year: YearFigures, decimal_places: int) -> dict[str, str]:
    def figure(value: Decimal | None, reason: str = "") -> str:
        if value is None:
            return CODE_FOR_REASON.get(reason, NOT_AVAILABLE)
        return number_text(value, decimal_places)

    return {
        "council": figure(year.council, year.council_reason),
        "england": figure(year.england),
        "region": figure(year.region),
        "neighbours_mean": figure(year.mean),
        "neighbours_median": figure(year.median),
        "neighbours_with_figure": NOT_AVAILABLE if year.used is None else str(year.used),
    }


def _rank_cells(year: YearFigures) -> dict[str, str]:
    def count(number: int | None) -> str:
        return str(number) if number else NOT_APPLICABLE

    return {
        "band": year.band or NOT_APPLICABLE,
        "national_rank": count(year.national_rank),
        "national_ranked": count(year.national_ranked if year.national_rank else None),
        "neighbours_rank": count(year.rank),
        "neighbours_ranked": count(year.ranked if year.rank else None),
    }


def benchmark_lines(*, reader: Reader) -> list[BenchmarkLine]:
    """Every indicator compared with DfE's figures that this reader may see, in the index's order."""
    mapped = Indicator.objects.filter(dfe_mapping__isnull=False).select_related("service_area", "dfe_mapping")
    lines = []
    for indicator in selectors.visible(mapped, reader=reader):
        history = selectors.indicator_history(indicator, reader=reader)
        benchmark = benchmark_for(
            indicator, comparator_years=selectors.comparators_by_year(indicator), history=history
        )
        if benchmark is None:
            continue
        mapping = indicator.dfe_mapping
        lines.append(
            BenchmarkLine(
                reference=indicator.reference,
                title=indicator.title,
                measure=mapping.publication,
                time_identifier=mapping.time_identifier,
                decimal_places=indicator.decimal_places,
                years=benchmark.years,
                withheld_years=_withheld_years(benchmark.years, history, mapping.time_identifier),
            )
        )
    return lines


def _withheld_years(years: list[YearFigures], history: list, time_identifier: str) -> frozenset[int]:
    """The years whose period ends when an index figure withheld from this reader does."""
    hidden = {row.period.end for row in history if row.suppressed}
    return frozenset(
        year.year for year in years if period_end(year.year, year.label, time_identifier) in hidden
    )
