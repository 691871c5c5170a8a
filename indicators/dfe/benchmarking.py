"""The council beside its statistical neighbours, region and England for the latest published year.

- The neighbours are, by default, DfE's current groupings (the newest model) for every year, as
  DfE's LAIT and children's social care dashboard show them; a reader may choose instead the
  groupings in force at the time, each year's model (before the first model held, that model).
  The page names the groupings it shows. Closest first, each named, with its figure or the reason
  it has none.
- Their mean (as DfE's LAIT shows it) and, as DfE's children's social care dashboard shows them,
  their median, or for a count their sum, are over the neighbours with a figure, and say how many
  that was.
- The band and national rank are DfE's figure for the council among every council (LAIT).
- The council's rank among its neighbours places DfE's figure for the council among the
  neighbours' DfE figures, as LAIT ranks it: the same rank the index, reports and open data give,
  and the page says which figure it ranks.
- DfE's figure is set beside the index's figure for the same period, read from the file's
  `time_identifier` (`periods`); where the index counts another kind of year, the page says it has
  no figure for that period rather than comparing another.
- When DfE's figure and the index's differ by more than rounding to the indicator's decimal
  places, the page warns.
- The same figures are given for every year held, with the chosen groupings, and with DfE's
  revisions of what it had published (`restatements`).
"""

from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from django.conf import settings
from django.db.models import Q

from indicators.dfe.models import AreaLevel, DfeMapping, DfeValue, NeighbourGroup
from indicators.dfe.neighbours import NEIGHBOUR_MODELS, current_model
from indicators.dfe.periods import BASIS_WORDS, index_figure_for, is_other_basis, period_end
from indicators.dfe.restatements import Restatement, restatements_for
from indicators.models import Indicator
from indicators.rules.benchmarking import (
    NeighbourMethod,
    dashboard_figure,
    dashboard_method,
    mean_of,
    median_of,
    rank_among,
)
from indicators.rules.terms import ComparatorKind


class Groupings(StrEnum):
    """Which statistical neighbours a year is compared with."""

    CURRENT = "current"
    AT_THE_TIME = "at-the-time"

    @classmethod
    def chosen(cls, text: str | None) -> "Groupings":
        return cls.AT_THE_TIME if text == cls.AT_THE_TIME.value else cls.CURRENT


@dataclass(frozen=True)
class ModelYears:
    """One neighbour model and the years it groups, as the caption names them."""

    model: str
    first: str
    last: str
    is_before_model: bool = False
    """The years come before the model was published: the earliest model held stands in."""


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
class YearFigures:
    """One year of the council beside its neighbours, region and England, for the chart over time."""

    year: int
    label: str
    council: Decimal | None
    council_reason: str
    index_value: Decimal | None
    index_period: str
    is_other_basis: bool
    mean: Decimal | None
    dashboard: Decimal | None
    used: int | None
    neighbour_count: int | None
    neighbour_model: str
    region: Decimal | None
    region_name: str
    england: Decimal | None
    band: str = ""
    national_rank: int | None = None
    national_ranked: int | None = None
    median: Decimal | None = None
    """The neighbours' median, whatever the unit (`dashboard` is their sum for a count)."""
    rank: int | None = None
    """DfE's figure for the council placed among the neighbours' figures, as LAIT ranks it."""
    ranked: int | None = None


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
    method: NeighbourMethod
    dashboard: Decimal | None
    """The neighbours' figure as DfE's children's social care dashboard shows it (`method`)."""
    band: str
    banding_polarity: str
    """The polarity banded and ranked by, when it is DfE's catalogue's rather than the indicator's."""
    national_rank: int | None
    national_ranked: int | None
    rank: int | None
    ranked: int | None
    rank_figure: Decimal | None
    """DfE's figure for the council, which the rank among neighbours places."""
    index_value: Decimal | None
    index_period: str
    time_identifier: str
    """The kind of year DfE's figures are for, as its file names it."""
    is_other_basis: bool
    """DfE's figures are for another kind of year than the index counts in."""
    index_basis: str
    dfe_value: Decimal | None
    source: str
    source_file: str
    rounding: Decimal
    neighbour_names: list[str] = field(default_factory=list)
    groupings: Groupings = Groupings.CURRENT
    models: list[ModelYears] = field(default_factory=list)
    """The models the years are grouped by, oldest first."""
    years: list[YearFigures] = field(default_factory=list)
    """Every year held, oldest first: the chart and table over time."""
    restatements: list[Restatement] = field(default_factory=list)
    """DfE's revisions of the figures it had published, newest first."""

    @property
    def differs(self) -> bool:
        """DfE's figure and the index's are further apart than rounding to the index's places."""
        return (
            self.index_value is not None
            and self.dfe_value is not None
            and abs(self.index_value - self.dfe_value) > self.rounding
        )


def benchmark_for(
    indicator: Indicator,
    *,
    comparator_years: list[dict],
    history: list,
    groupings: Groupings = Groupings.CURRENT,
) -> Benchmark | None:
    """The latest year's benchmark and every year's, or None when the indicator has no DfE figures
    for its council."""
    mapping = DfeMapping.objects.select_related("indicator").filter(indicator=indicator).first()
    years = [year for year in comparator_years if ComparatorKind.COUNCIL in year]
    if mapping is None or not years:
        return None
    latest = years[-1]
    council = latest[ComparatorKind.COUNCIL]
    groups = _groups([year["year"] for year in years], council.place, groupings)
    group = groups.get(latest["year"])
    if group is None:
        return None
    values = _neighbour_values(mapping, groups)
    is_count = indicator.is_count
    neighbour_places = _neighbour_places(group, values.get(latest["year"], {}))
    available = [place.value for place in neighbour_places if place.value is not None]
    index_row = _index_row(history, latest, mapping)
    index_value = index_row.value if index_row is not None else None
    rank = rank_among(council.value, available, mapping.ranking_polarity)
    places = [
        Place(group.la_name, council.value, council.unavailable_reason, role="council"),
        *neighbour_places,
        *(_comparator_place(latest.get(kind), role) for kind, role in _WIDER),
    ]
    neighbours = latest.get(ComparatorKind.STATISTICAL_NEIGHBOURS)
    return Benchmark(
        year=latest["year"],
        label=latest["label"],
        council_name=group.la_name,
        places=[place for place in places if place is not None],
        neighbour_model=group.model_name,
        neighbour_count=len(group.neighbours),
        used=len(available),
        mean=mean_of(available),
        method=dashboard_method(is_count=is_count),
        dashboard=dashboard_figure(available, is_count=is_count),
        band=council.band,
        banding_polarity=mapping.ranking_polarity.label.lower() if mapping.is_banded_by_catalogue else "",
        national_rank=council.national_rank,
        national_ranked=council.national_ranked,
        rank=rank,
        ranked=len(available) + 1 if rank is not None else None,
        rank_figure=council.value,
        index_value=index_value,
        index_period=index_row.period.label if index_row is not None else "",
        time_identifier=mapping.time_identifier,
        is_other_basis=is_other_basis(mapping.time_identifier, indicator.year_basis),
        index_basis=BASIS_WORDS.get(indicator.year_basis, ""),
        dfe_value=council.value,
        source=(neighbours or council).source,
        source_file=(neighbours or council).source_file,
        rounding=Decimal(5) / 10 ** (indicator.decimal_places + 1),
        neighbour_names=[n["name"] for n in group.neighbours],
        groupings=groupings,
        models=_models_of(years, groups),
        years=[
            _year_figures(
                year, groups.get(year["year"]), values.get(year["year"], {}), history, mapping, groupings
            )
            for year in years
        ],
        restatements=restatements_for(indicator.pk),
    )


def _groups(years: list[int], council_name: str, groupings: Groupings) -> dict[int, NeighbourGroup]:
    """The council's neighbour group for each year: by its LA code, else by its name; the current
    grouping (the newest model's) for every year, or the one in force that year."""
    newest = current_model().in_force_from
    found: dict[int, NeighbourGroup] = {}
    for group in NeighbourGroup.objects.filter(
        Q(la_code=settings.COUNCIL_LA_CODE) | Q(la_name=council_name), year__in=[*years, newest]
    ):
        if group.year not in found or group.la_code == settings.COUNCIL_LA_CODE:
            found[group.year] = group
    if groupings is Groupings.AT_THE_TIME:
        return {year: found[year] for year in years if year in found}
    current = found.get(newest)
    return dict.fromkeys(years, current) if current is not None else {}


def _models_of(years: list[dict], groups: dict[int, NeighbourGroup]) -> list[ModelYears]:
    """Runs of years grouped by one model, oldest first."""
    first_year = {model.name: model.in_force_from for model in NEIGHBOUR_MODELS}
    runs: list[ModelYears] = []
    for year in years:
        group = groups.get(year["year"])
        if group is None:
            continue
        before = year["year"] < first_year.get(group.model_name, 0)
        if runs and runs[-1].model == group.model_name and runs[-1].is_before_model == before:
            runs[-1] = ModelYears(group.model_name, runs[-1].first, year["label"], before)
        else:
            runs.append(ModelYears(group.model_name, year["label"], year["label"], before))
    return runs


def _neighbour_values(
    mapping: DfeMapping, groups: dict[int, NeighbourGroup]
) -> dict[int, dict[str, DfeValue]]:
    """Each year's figures for the council and its neighbours, and those DfE publishes jointly."""
    codes = {n["code"] for group in groups.values() for n in group.neighbours}
    values: dict[int, dict[str, DfeValue]] = {}
    for value in DfeValue.objects.filter(
        Q(area_code__in=codes) | Q(area_code__contains=" / "),
        mapping=mapping,
        year__in=list(groups),
        level=AreaLevel.LOCAL_AUTHORITY,
    ):
        values.setdefault(value.year, {})[value.area_code] = value
    return values


def _neighbour_places(group: NeighbourGroup, values: dict[str, DfeValue]) -> list[Place]:
    joint = {part: value for code, value in values.items() if " / " in code for part in code.split(" / ")}
    return [
        _place(n["name"], values.get(n["code"]), joint.get(n["code"]), closeness=n["closeness"])
        for n in group.neighbours
    ]


def _year_figures(
    year: dict,
    group: NeighbourGroup | None,
    values: dict[str, DfeValue],
    history: list,
    mapping: DfeMapping,
    groupings: Groupings,
) -> YearFigures:
    is_count = mapping.indicator.is_count
    council = year[ComparatorKind.COUNCIL]
    neighbours = year.get(ComparatorKind.STATISTICAL_NEIGHBOURS)
    region, england = year.get(ComparatorKind.REGION), year.get(ComparatorKind.ENGLAND)
    if group is not None and values:
        available = [place.value for place in _neighbour_places(group, values) if place.value is not None]
        mean, dashboard, median, used = (
            mean_of(available),
            dashboard_figure(available, is_count=is_count),
            median_of(available),
            len(available),
        )
        rank = rank_among(council.value, available, mapping.ranking_polarity)
        ranked = len(available) + 1 if rank is not None else None
    elif groupings is Groupings.AT_THE_TIME:  # the council was in no model at the time
        mean, dashboard, median, used, rank, ranked = None, None, None, None, None, None
    else:  # imported before every council's figures were kept: the comparators' own
        mean = neighbours.value if neighbours else None
        median = neighbours.neighbours_median if neighbours else None
        dashboard = median if not is_count else None
        used = neighbours.neighbours_used if neighbours else None
        rank = neighbours.rank if neighbours else None
        ranked = neighbours.ranked if neighbours and rank else None
    index_row = _index_row(history, year, mapping)
    return YearFigures(
        year=year["year"],
        label=year["label"],
        council=council.value,
        council_reason=council.unavailable_reason,
        index_value=index_row.value if index_row is not None else None,
        index_period=index_row.period.label if index_row is not None else "",
        is_other_basis=is_other_basis(mapping.time_identifier, mapping.indicator.year_basis),
        mean=mean,
        dashboard=dashboard,
        used=used,
        neighbour_count=len(group.neighbours) if group is not None else None,
        neighbour_model=group.model_name if group is not None else "",
        region=region.value if region else None,
        region_name=region.place if region else "",
        england=england.value if england else None,
        band=council.band,
        national_rank=council.national_rank,
        national_ranked=council.national_ranked,
        median=median,
        rank=rank,
        ranked=ranked,
    )


_WIDER = ((ComparatorKind.REGION, "region"), (ComparatorKind.ENGLAND, "england"))


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


def _index_row(history: list, year: dict, mapping: DfeMapping) -> object | None:
    """The index's figure for the period DfE's figure for `year` covers, if it has one."""
    end = period_end(year["year"], year["label"], mapping.time_identifier)
    return index_figure_for(
        history, end=end, time_identifier=mapping.time_identifier, year_basis=mapping.indicator.year_basis
    )
