"""The council beside its statistical neighbours, region and England for the latest published year.

- The neighbours are those of the model DfE used for that year, closest first, each named, with
  its figure or the reason it has none.
- Their mean (as DfE's LAIT shows it) and median (as DfE's children's social care dashboard shows
  it) are over the neighbours with a figure, and say how many that was.
- The band and national rank are DfE's figure for the council among every council (LAIT).
- The council's rank among its neighbours is worked out from the figure the index shows for the
  same year (the year-end outturn), when there is one a reader may see; otherwise from DfE's
  figure. Which one is said.
- When DfE's figure and the index's differ by more than rounding to the indicator's decimal
  places, the page warns.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.db.models import Q

from indicators.charts import year_end_of
from indicators.models import AreaLevel, DfeMapping, DfeValue, Indicator, NeighbourGroup
from indicators.rules.benchmarking import mean_of, median_of, rank_among
from indicators.rules.terms import ComparatorKind


@dataclass(frozen=True)
class Place:
    name: str
    value: Decimal | None
    reason: str = ""
    role: str = "neighbour"
    closeness: str = ""

    @property
    def is_council(self) -> bool:
        return self.role == "council"


@dataclass(frozen=True)
class Benchmark:
    year: int
    label: str
    council_name: str
    places: list[Place]
    neighbour_model: str
    neighbour_count: int
    used: int
    mean: Decimal | None
    median: Decimal | None
    band: str
    national_rank: int | None
    national_ranked: int | None
    rank: int | None
    ranked: int | None
    rank_figure: Decimal | None
    rank_from_index: bool
    index_value: Decimal | None
    index_period: str
    dfe_value: Decimal | None
    source: str
    source_file: str
    rounding: Decimal
    neighbour_names: list[str] = field(default_factory=list)

    @property
    def differs(self) -> bool:
        """DfE's figure and the index's are further apart than rounding to the index's places."""
        return (
            self.index_value is not None
            and self.dfe_value is not None
            and abs(self.index_value - self.dfe_value) > self.rounding
        )


def benchmark_for(indicator: Indicator, *, comparator_years: list[dict], history: list) -> Benchmark | None:
    """The latest year's benchmark, or None when the indicator has no DfE figures for its council."""
    mapping = DfeMapping.objects.filter(indicator=indicator).first()
    years = [year for year in comparator_years if ComparatorKind.COUNCIL in year]
    if mapping is None or not years:
        return None
    latest = years[-1]
    council = latest[ComparatorKind.COUNCIL]
    neighbours = latest.get(ComparatorKind.STATISTICAL_NEIGHBOURS)
    group = _group(latest["year"], council.place)
    if group is None:
        return None
    codes = [group.la_code, *(n["code"] for n in group.neighbours)]
    values = {
        value.area_code: value
        for value in DfeValue.objects.filter(
            Q(area_code__in=codes) | Q(area_code__contains=" / "),
            mapping=mapping,
            year=latest["year"],
            level=AreaLevel.LOCAL_AUTHORITY,
        )
    }
    joint = {part: value for code, value in values.items() if " / " in code for part in code.split(" / ")}
    neighbour_places = [
        _place(n["name"], values.get(n["code"]), joint.get(n["code"]), closeness=n["closeness"])
        for n in group.neighbours
    ]
    available = [place.value for place in neighbour_places if place.value is not None]
    index_row = _index_row(history, year_end_of(latest["year"], latest["label"]))
    index_value = index_row.value if index_row is not None else None
    rank_figure = index_value if index_value is not None else council.value
    rank = rank_among(rank_figure, available, indicator.polarity_enum)
    places = [
        Place(group.la_name, council.value, council.unavailable_reason, role="council"),
        *neighbour_places,
        *(_comparator_place(latest.get(kind), role) for kind, role in _WIDER),
    ]
    return Benchmark(
        year=latest["year"],
        label=latest["label"],
        council_name=group.la_name,
        places=[place for place in places if place is not None],
        neighbour_model=group.model_name,
        neighbour_count=len(group.neighbours),
        used=len(available),
        mean=mean_of(available),
        median=median_of(available),
        band=council.band,
        national_rank=council.national_rank,
        national_ranked=council.national_ranked,
        rank=rank,
        ranked=len(available) + 1 if rank is not None else None,
        rank_figure=rank_figure,
        rank_from_index=index_value is not None,
        index_value=index_value,
        index_period=index_row.period.label if index_row is not None else "",
        dfe_value=council.value,
        source=(neighbours or council).source,
        source_file=(neighbours or council).source_file,
        rounding=Decimal(5) / 10 ** (indicator.decimal_places + 1),
        neighbour_names=[n["name"] for n in group.neighbours],
    )


_WIDER = ((ComparatorKind.REGION, "region"), (ComparatorKind.ENGLAND, "england"))


def _group(year: int, council_name: str) -> NeighbourGroup | None:
    groups = NeighbourGroup.objects.filter(year=year)
    return (
        groups.filter(la_code=settings.COUNCIL_LA_CODE).first() or groups.filter(la_name=council_name).first()
    )


def _place(name: str, value: DfeValue | None, joint: DfeValue | None, *, closeness: str) -> Place:
    """A neighbour DfE publishes only jointly with another (Kingston with Richmond) has no figure
    of its own, and is left out of the mean and median, as LAIT leaves it out."""
    if value is None and joint is not None:
        return Place(name, None, f"Published jointly as {joint.area_name}", closeness=closeness.strip())
    if value is None:
        return Place(name, None, "Not in the file for this year", closeness=closeness.strip())
    return Place(name, value.value, value.unavailable_reason, closeness=closeness.strip())


def _comparator_place(comparator, role: str) -> Place | None:
    if comparator is None:
        return None
    return Place(
        comparator.place or role.capitalize(), comparator.value, comparator.unavailable_reason, role=role
    )


def _index_row(history: list, year_end) -> object | None:
    """The index's year-end figure for the year DfE's figure covers: the yearly period if there is one."""
    ending = [row for row in history if row.period.end == year_end and row.value is not None]
    yearly = [row for row in ending if row.period.kind == "year"]
    return (yearly or ending or [None])[-1]
