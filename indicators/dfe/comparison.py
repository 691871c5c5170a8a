"""A council's comparators, year by year, from the rows of a tidy file that a mapping selects.

- England is the National row; the region is the Regional row of the region the council's own row
  names, as DfE's LAIT shows it: Inner or Outer London for a London borough, or London where the
  measure has no figure for that part of London in any year held (LAIT's `clean_ldn_region`). A
  council row without a region takes the region of the neighbour model.
- The neighbours are DfE's current grouping for every year, as LAIT and DfE's children's social
  care dashboard group them (`services`).
- The statistical neighbours' figure is the mean of the neighbours that have a figure that year, as
  DfE's LAIT computes it: suppressed, not applicable and absent authorities (such as those
  reorganised away) are left out, and the count of neighbours used is kept. It is held to four
  decimal places.
- The council's rank among its neighbours: the council and its neighbours with a figure, best first
  through the indicator's polarity; 1 is best and equal figures share a rank. Without a polarity of
  higher or lower is better, there is no rank.
- The neighbours' median, the quartile band and the national rank among every authority with a
  figure that year are worked out as `indicators.rules.benchmarking` states.
- The file is read once, a row at a time, for every mapping together; only the chosen rows are kept.
- A figure of a measure that cannot be negative (a count, percentage, rate, weeks or days) that is
  negative is a slip, and the file is refused.
- A file need not hold every area: the comparators are worked out from the figures held for the
  year with the file's figures in place of those they replace, and a comparator whose figures
  neither the file nor an earlier import holds is not written (`YearComparison.held`).
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from indicators.dfe.neighbours import Grouping, is_part_of_london, region_key
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
from indicators.rules import benchmarking
from indicators.rules.terms import ComparatorKind, Polarity

PLACES = Decimal("0.0001")
NOT_IN_FILE = "Not in the file for this year"


@dataclass(frozen=True)
class Selection:
    """Which rows hold an indicator's figures: filter values, and the column with the value."""

    filters: dict[str, str]
    value_column: str
    is_never_negative: bool = False
    """A count, percentage, rate, weeks or days: a negative figure is a slip."""

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
    neighbours_median: Decimal | None = None
    band: str | None = None
    national_rank: int | None = None
    national_ranked: int | None = None
    held: frozenset[str] = frozenset()
    """The comparators (`ComparatorKind`) whose figures are held: only those are written."""


def mean_of(readings: list[Reading]) -> tuple[Reading, int]:
    """The mean of the available readings, and how many there were."""
    values = [reading.value for reading in readings if reading.is_available]
    if not values:
        return Reading(None, "No neighbour has a published figure"), 0
    return Reading(benchmarking.mean_of(values).quantize(PLACES, rounding=ROUND_HALF_UP)), len(values)


@dataclass
class Area:
    level: str
    code: str
    name: str
    region: str = ""
    """The region a council's row names."""


@dataclass
class Figures:
    """One measure's figures by year and place (level and key), each year's label and each place's area."""

    readings: dict[int, dict[tuple[str, str], Reading]] = field(default_factory=lambda: defaultdict(dict))
    labels: dict[int, str] = field(default_factory=dict)
    areas: dict[tuple[str, str], Area] = field(default_factory=dict)


def place_of(level: str, code: str, name: str) -> tuple[str, str] | None:
    """The key a stored figure is compared by, as `_place` keys a row of the file."""
    if level == NATIONAL:
        return NATIONAL, ""
    if level == REGIONAL:
        return REGIONAL, region_key(name)
    if level == LOCAL_AUTHORITY:
        return LOCAL_AUTHORITY, code
    return None


class Collector:
    """The rows of a file that one selection chooses, gathered as the file streams past.

    Keeps each chosen row's reading by year and place, each year's label and each place's name;
    refuses a selection whose columns are missing or that matches more than one row for a place and
    year, and (once the file is read) one that matched no row.
    """

    HINT_VALUES = 50

    def __init__(self, selection: Selection, columns: tuple[str, ...]):
        missing = [column for column in selection.columns if column not in columns]
        if missing:
            raise DfeFileError(f"The file lacks the columns {', '.join(missing)}.")
        self.selection = selection
        self.wanted = {column: value.casefold() for column, value in selection.filters.items()}
        self.readings: dict[int, dict[tuple[str, str], Reading]] = defaultdict(dict)
        self.labels: dict[int, str] = {}
        self.identifiers: dict[int, str] = {}
        """Each year's `time_identifier`: the kind of year its figures are for."""
        self.areas: dict[tuple[str, str], Area] = {}
        self.chosen = 0
        self._seen: dict[tuple, dict] = {}
        self._found: dict[str, set[str]] = {column: set() for column in self.wanted}

    def add(self, row: dict[str, str], year: int, label: str) -> None:
        if not all(row[column].casefold() == value for column, value in self.wanted.items()):
            for column, found in self._found.items():
                if len(found) < self.HINT_VALUES:
                    found.add(row[column])
            return
        self.chosen += 1
        place = _place(row)
        if place is None:
            return
        if (year, place) in self._seen:
            raise DfeFileError(
                f"More than one row for {_place_name(row)} in {label} has {self.selection.describe()}: "
                f"add a filter{_differing(self._seen[(year, place)], row, self.selection)}."
            )
        self._seen[(year, place)] = row
        self.labels.setdefault(year, label)
        self.identifiers.setdefault(year, row.get("time_identifier", ""))
        column = self.selection.value_column
        reading = parse_value(row[column], column=column)
        if self.selection.is_never_negative and reading.is_available and reading.value < 0:
            raise DfeFileError(
                f"The value {row[column]!r} in {column} for {_place_name(row)} in {label} is negative, "
                "which a count, percentage, rate, weeks or days cannot be: check the file."
            )
        self.readings[year][place] = reading
        if place not in self.areas:
            self.areas[place] = Area(
                level=place[0], code=_area_code(row, place), name=_place_name(row), region=row["region_name"]
            )

    def finish(self) -> None:
        if not self.chosen:
            raise DfeFileError(f"No row of the file has {self.selection.describe()}.{self._hint()}")

    def _hint(self) -> str:
        for column, value in self.wanted.items():
            found = sorted(self._found[column])
            if value not in {item.casefold() for item in found}:
                return f" The column {column} holds: {'; '.join(found[:8])}."
        return ""


def collect(tidy: TidyFile, selections: dict[str, Selection]) -> tuple[dict[str, Collector], set[int]]:
    """Read the file once for every selection (named by its indicator); also every year in the file."""
    collectors = {}
    for name, selection in selections.items():
        try:
            collectors[name] = Collector(selection, tidy.columns)
        except DfeFileError as error:
            raise DfeFileError(f"Indicator {name}: {error}") from None
    periods: dict[str, tuple[int, str]] = {}
    for row in tidy.rows:
        raw = row["time_period"]
        if raw not in periods:
            periods[raw] = parse_time_period(raw)
        year, label = periods[raw]
        for name, collector in collectors.items():
            try:
                collector.add(row, year, label)
            except DfeFileError as error:
                raise DfeFileError(f"Indicator {name}: {error}") from None
    if not periods:
        raise DfeFileError("The file has a header but no rows.")
    for name, collector in collectors.items():
        try:
            collector.finish()
        except DfeFileError as error:
            raise DfeFileError(f"Indicator {name}: {error}") from None
    return collectors, {year for year, _ in periods.values()}


def compare(
    collected: Collector | Figures,
    *,
    la_code: str,
    groupings: dict[int, Grouping],
    polarity: Polarity,
) -> list[YearComparison]:
    """Every year's comparators for a council, oldest first. `groupings` gives the model per year."""
    region_place = _region_of(collected, la_code, groupings)
    comparisons = []
    for year, places in sorted(collected.readings.items()):
        grouping = groupings[year]
        council = places.get((LOCAL_AUTHORITY, la_code), _absent())
        neighbours = [places.get((LOCAL_AUTHORITY, code), _absent()) for code in grouping.codes]
        held = {
            ComparatorKind.ENGLAND: (NATIONAL, "") in places,
            ComparatorKind.REGION: region_place in places,
            ComparatorKind.COUNCIL: (LOCAL_AUTHORITY, la_code) in places,
            ComparatorKind.STATISTICAL_NEIGHBOURS: any(
                (LOCAL_AUTHORITY, code) in places for code in grouping.codes
            ),
        }
        neighbours_mean, used = mean_of(neighbours)
        others = [reading.value for reading in neighbours if reading.is_available]
        authorities = [
            reading.value
            for (level, _), reading in places.items()
            if level == LOCAL_AUTHORITY and reading.is_available
        ]
        rank = benchmarking.rank_among(council.value, others, polarity)
        national_rank = benchmarking.rank_among(council.value, authorities, polarity)
        median = benchmarking.median_of(others)
        comparisons.append(
            YearComparison(
                year=year,
                label=collected.labels[year],
                england=places.get((NATIONAL, ""), _absent()),
                region=places.get(region_place, _absent()),
                region_name=_region_name(collected, region_place),
                council=council,
                neighbours=neighbours_mean,
                neighbours_used=used,
                rank=rank,
                ranked=len(others) + 1 if rank is not None else None,
                neighbours_median=median.quantize(PLACES, rounding=ROUND_HALF_UP)
                if median is not None
                else None,
                band=benchmarking.band_for(council.value, benchmarking.quartiles_of(authorities), polarity),
                national_rank=national_rank,
                national_ranked=len(authorities) if national_rank is not None else None,
                held=frozenset(kind for kind, is_held in held.items() if is_held),
            )
        )
    return comparisons


def _region_of(
    collected: Collector | Figures, la_code: str, groupings: dict[int, Grouping]
) -> tuple[str, str]:
    """The region the council's own row names, London for a part of London without a figure."""
    council = collected.areas.get((LOCAL_AUTHORITY, la_code))
    named = council.region if council is not None and council.region else ""
    if not named and groupings:
        named = next(iter(groupings.values())).region_name
    key = region_key(named)
    if is_part_of_london(key) and not any(
        places.get((REGIONAL, key), _absent()).is_available for places in collected.readings.values()
    ):
        key = "london"
    return REGIONAL, key


def _region_name(collected: Collector | Figures, place: tuple[str, str]) -> str:
    area = collected.areas.get(place)
    return area.name if area is not None else place[1].title()


def _absent() -> Reading:
    return Reading(None, NOT_IN_FILE)


def _area_code(row: dict[str, str], place: tuple[str, str]) -> str:
    if place[0] == LOCAL_AUTHORITY:
        return row["old_la_code"]
    if place[0] == REGIONAL:
        return row.get("region_code") or place[1]
    return row.get("country_code") or "E92000001"


def _place(row: dict[str, str]) -> tuple[str, str] | None:
    return place_of(row["geographic_level"], row["old_la_code"], row["region_name"])


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


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True
