"""A council's comparators, year by year, from the rows of a tidy file that a mapping selects.

- England is the National row; the region is the Regional row of the council's region in the
  statistical neighbour model in force that year.
- The statistical neighbours' figure is the mean of the neighbours that have a figure that year, as
  DfE's LAIT computes it: suppressed, not applicable and absent authorities (such as those
  reorganised away) are left out, and the count of neighbours used is kept. It is held to four
  decimal places.
- The council's rank among its neighbours: the council and its neighbours with a figure, best first
  through the indicator's polarity; 1 is best and equal figures share a rank. Without a polarity of
  higher or lower is better, there is no rank.
"""

from collections import defaultdict
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from indicators.dfe.neighbours import Grouping, region_key
from indicators.dfe.tidy import (
    LOCAL_AUTHORITY,
    NATIONAL,
    REGIONAL,
    DfeFileError,
    Reading,
    TidyFile,
    parse_time_period,
    parse_value,
)
from indicators.rules.terms import Polarity

PLACES = Decimal("0.0001")
NOT_IN_FILE = "Not in the file for this year"


@dataclass(frozen=True)
class Selection:
    """Which rows hold an indicator's figures: filter values, and the column with the value."""

    filters: dict[str, str]
    value_column: str

    @property
    def columns(self) -> list[str]:
        return [*self.filters, self.value_column]

    def describe(self) -> str:
        chosen = [f"{column} = {value}" for column, value in self.filters.items()]
        return ", ".join([*chosen, f"value in {self.value_column}"])


@dataclass(frozen=True)
class YearComparison:
    year: int
    label: str
    england: Reading
    region: Reading
    region_name: str
    council: Reading
    neighbours: Reading
    neighbours_used: int
    rank: int | None = None
    ranked: int | None = None


def rank_among(value: Decimal, others: list[Decimal], polarity: Polarity) -> int | None:
    """1 + how many of the others are better than `value`; None without a higher/lower polarity."""
    if polarity is Polarity.HIGHER_IS_BETTER:
        return 1 + sum(other > value for other in others)
    if polarity is Polarity.LOWER_IS_BETTER:
        return 1 + sum(other < value for other in others)
    return None


def mean_of(readings: list[Reading]) -> tuple[Reading, int]:
    """The mean of the available readings, and how many there were."""
    values = [reading.value for reading in readings if reading.is_available]
    if not values:
        return Reading(None, "No neighbour has a published figure"), 0
    mean = sum(values, Decimal(0)) / len(values)
    return Reading(mean.quantize(PLACES, rounding=ROUND_HALF_UP)), len(values)


def compare(
    tidy: TidyFile,
    selection: Selection,
    *,
    la_code: str,
    groupings: dict[int, Grouping],
    polarity: Polarity,
) -> list[YearComparison]:
    """Every year's comparators for a council, oldest first. `groupings` gives the model per year."""
    index, labels = _index(tidy, selection)
    region_names = {region_key(row["region_name"]): row["region_name"] for row in tidy.rows}
    comparisons = []
    for year, places in sorted(index.items()):
        grouping = groupings[year]
        council = places.get((LOCAL_AUTHORITY, la_code), _absent())
        neighbours = [places.get((LOCAL_AUTHORITY, code), _absent()) for code in grouping.codes]
        neighbours_mean, used = mean_of(neighbours)
        rank = ranked = None
        if council.is_available:
            others = [reading.value for reading in neighbours if reading.is_available]
            rank = rank_among(council.value, others, polarity)
            ranked = len(others) + 1 if rank is not None else None
        comparisons.append(
            YearComparison(
                year=year,
                label=labels[year],
                england=places.get((NATIONAL, ""), _absent()),
                region=places.get((REGIONAL, region_key(grouping.region_name)), _absent()),
                region_name=region_names.get(region_key(grouping.region_name), grouping.region_name),
                council=council,
                neighbours=neighbours_mean,
                neighbours_used=used,
                rank=rank,
                ranked=ranked,
            )
        )
    return comparisons


def years_in(tidy: TidyFile) -> set[int]:
    return {parse_time_period(row["time_period"])[0] for row in tidy.rows}


def _absent() -> Reading:
    return Reading(None, NOT_IN_FILE)


def _index(tidy: TidyFile, selection: Selection) -> tuple[dict[int, dict], dict[int, str]]:
    """The selected rows' readings by year and place, and each year's label.

    Refuses a selection whose columns are missing, that matches no row, or that matches more than
    one row for a place and year.
    """
    missing = tidy.missing(selection.columns)
    if missing:
        raise DfeFileError(f"The file lacks the columns {', '.join(missing)}.")
    wanted = {column: value.casefold() for column, value in selection.filters.items()}
    chosen = [row for row in tidy.rows if all(row[c].casefold() == v for c, v in wanted.items())]
    if not chosen:
        raise DfeFileError(f"No row of the file has {selection.describe()}.{_hint(tidy.rows, wanted)}")
    index: dict[int, dict[tuple[str, str], Reading]] = defaultdict(dict)
    labels: dict[int, str] = {}
    seen: dict[tuple, dict] = {}
    for row in chosen:
        year, label = parse_time_period(row["time_period"])
        place = _place(row)
        if place is None:
            continue
        if (year, place) in seen:
            raise DfeFileError(
                f"More than one row for {_place_name(row)} in {label} has {selection.describe()}: "
                f"add a filter{_differing(seen[(year, place)], row, selection)}."
            )
        seen[(year, place)] = row
        labels.setdefault(year, label)
        index[year][place] = parse_value(row[selection.value_column], column=selection.value_column)
    return index, labels


def _place(row: dict[str, str]) -> tuple[str, str] | None:
    level = row["geographic_level"]
    if level == NATIONAL:
        return NATIONAL, ""
    if level == REGIONAL:
        return REGIONAL, region_key(row["region_name"])
    if level == LOCAL_AUTHORITY:
        return LOCAL_AUTHORITY, row["old_la_code"]
    return None


def _place_name(row: dict[str, str]) -> str:
    if row["geographic_level"] == NATIONAL:
        return "England"
    return row["la_name"] or row["region_name"]


def _differing(first: dict, second: dict, selection: Selection) -> str:
    columns = [
        column
        for column, value in first.items()
        if column != selection.value_column and value != second.get(column) and not _is_number(value)
    ]
    return f" on {', '.join(columns)}" if columns else ""


def _hint(rows: list[dict[str, str]], wanted: dict[str, str]) -> str:
    for column, value in wanted.items():
        found = sorted({row[column] for row in rows})
        if value not in {item.casefold() for item in found}:
            shown = "; ".join(found[:8])
            return f" The column {column} holds: {shown}."
    return ""


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True
