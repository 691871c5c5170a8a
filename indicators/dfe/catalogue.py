"""DfE's catalogue of published local-authority measures (LAIT's data dictionary), as indicator definitions.

- Polarity: "High" is higher is better, "Low" is lower is better; "-" (or NA) is no polarity.
- Unit: read from the unit label ("y_axis_name"): a label starting "%" is a percentage, "Rate per
  10,000" a rate per 10,000 children, "Number ..." a count, and weeks or days as written; any other
  label is a number or average, and the label itself is kept in the definition.
- Decimal places: "dps" as given; where DfE gives none, 1 (0 for a count).
- Year type: academic, financial or calendar as named; DfE's other annual kinds ("Annual (end of
  Sept)", "Annual - January") are snapshots named by the calendar year they fall in.
"""

import csv
import io
import re
from dataclasses import dataclass

from indicators.dfe.tidy import DfeFileError
from indicators.rules.periods import YearBasis
from indicators.rules.terms import Polarity

COLUMNS = ("Measure_code", "Topic", "Measure", "Polarity", "y_axis_name", "dps", "Year_Type", "Description")
POLARITY = {"high": Polarity.HIGHER_IS_BETTER, "low": Polarity.LOWER_IS_BETTER}


@dataclass(frozen=True)
class CatalogueMeasure:
    """One measure; `position` (its row, from 1) tells apart measures that share a DfE code."""

    position: int
    code: str
    topic: str
    title: str
    short_name: str
    polarity: Polarity
    unit: str
    unit_label: str
    decimal_places: int
    year_basis: YearBasis
    description: str
    link: str

    @property
    def definition(self) -> str:
        parts = [self.description, f"Unit as DfE publishes it: {self.unit_label}." if self.unit_label else ""]
        parts.append(f"DfE LAIT measure {self.code} ({self.short_name}).")
        return "\n\n".join(part for part in parts if part)

    def matches(self, words: list[str]) -> bool:
        haystack = f"{self.title} {self.topic} {self.short_name} {self.code}".casefold()
        return all(word in haystack for word in words)


def unit_for(label: str) -> str:
    text = label.strip().casefold()
    if text.startswith("%") or "percent" in text:
        return "percent"
    if re.match(r"rate per 10,?000\b", text):
        return "rate10k"
    if text.startswith("number"):
        return "count"
    if "weeks" in text:
        return "weeks"
    if "days" in text:
        return "days"
    return "number"


def year_basis_for(year_type: str) -> YearBasis:
    text = year_type.casefold()
    if "academic" in text:
        return YearBasis.ACADEMIC
    if "financial" in text:
        return YearBasis.FINANCIAL
    return YearBasis.CALENDAR


def read_catalogue(content: bytes | str) -> list[CatalogueMeasure]:
    text = content.decode("utf-8-sig") if isinstance(content, bytes) else content.lstrip("\ufeff")
    reader = csv.DictReader(io.StringIO(text))
    missing = [column for column in COLUMNS if column not in (reader.fieldnames or [])]
    if missing:
        raise DfeFileError(
            f"This is not DfE's LAIT data dictionary: it lacks the columns {', '.join(missing)}."
        )
    rows = [row for row in reader if (row.get("Measure") or "").strip()]
    return [_measure(position, row) for position, row in enumerate(rows, start=1)]


def search(measures: list[CatalogueMeasure], query: str) -> list[CatalogueMeasure]:
    words = query.casefold().split()
    return [measure for measure in measures if measure.matches(words)]


def _measure(position: int, row: dict) -> CatalogueMeasure:
    def cell(name: str) -> str:
        return (row.get(name) or "").strip()

    unit = unit_for(cell("y_axis_name"))
    places = cell("dps")
    return CatalogueMeasure(
        position=position,
        code=cell("Measure_code"),
        topic=cell("Topic"),
        title=" ".join(cell("Measure").split()),
        short_name=cell("Measure_short"),
        polarity=POLARITY.get(cell("Polarity").casefold(), Polarity.NONE),
        unit=unit,
        unit_label=cell("y_axis_name"),
        decimal_places=int(places) if places.isdigit() else (0 if unit == "count" else 1),
        year_basis=year_basis_for(cell("Year_Type")),
        description=re.sub(r"\n\s*\n+", "\n\n", cell("Description")),
        link=cell("Hyperlink(s)"),
    )
