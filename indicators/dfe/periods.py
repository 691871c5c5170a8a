"""Which period a DfE figure covers, from the file's `time_identifier`, and which of the index's
figures covers the same period.

- "Calendar year" 2024 ends on 31 December 2024; "Academic year" 2023/24 on 31 August 2024;
  "Financial year" 2023/24 on 31 March 2024.
- Any other identifier ("Reporting year", "As at 31 March", or none) is a figure as at 31 March of
  the year it names, or closing the span it names, as DfE's children's social care figures are.
- The index's figure for the same period is its yearly figure ending that day. For a figure as at a
  date, or a year of the indicator's own basis, the last figure ending that day serves when there is
  no yearly one (the fourth quarter of a financial-year indicator). A figure for a year of another
  basis (a calendar year beside a financial-year indicator) has no such figure in the index.
"""

from datetime import date

from indicators.rules.periods import YearBasis

BASES = {
    "calendar year": YearBasis.CALENDAR,
    "academic year": YearBasis.ACADEMIC,
    "financial year": YearBasis.FINANCIAL,
}
BASIS_WORDS = {
    YearBasis.CALENDAR: "calendar years (January to December)",
    YearBasis.ACADEMIC: "academic years (September to August)",
    YearBasis.FINANCIAL: "financial years (April to March)",
}


def basis_of(time_identifier: str) -> YearBasis | None:
    """The kind of year a file's `time_identifier` names; None for a figure as at a date."""
    return BASES.get(" ".join(time_identifier.split()).casefold())


def period_end(year: int, label: str, time_identifier: str) -> date:
    """The last day of the period DfE's figure covers."""
    spans = "/" in label
    basis = basis_of(time_identifier)
    if basis is YearBasis.CALENDAR:
        return date(year, 12, 31)
    if basis is YearBasis.ACADEMIC:
        return date(year + 1 if spans else year, 8, 31)
    return date(year + 1 if spans else year, 3, 31)


def index_figure_for(rows: list, *, end: date, time_identifier: str, year_basis: str):
    """The index's figure (a history row with `period` and `value`) for the period DfE's covers, or None."""
    ending = [row for row in rows if row.period.end == end and row.value is not None]
    yearly = [row for row in ending if row.period.kind == "year"]
    basis = basis_of(time_identifier)
    if basis is None or basis == year_basis:
        return (yearly or ending or [None])[-1]
    return (yearly or [None])[-1]


def is_other_basis(time_identifier: str, year_basis: str) -> bool:
    """DfE's figure is for a kind of year the indicator does not count in."""
    basis = basis_of(time_identifier)
    return basis is not None and basis != year_basis
