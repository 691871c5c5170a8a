"""Writes from DfE's files: neighbour groups, comparators and indicators from the catalogue."""

from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from django.conf import settings
from django.db import transaction
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from indicators.dfe import catalogue
from indicators.dfe.comparison import (
    PLACES,
    Area,
    Collector,
    Figures,
    YearComparison,
    collect,
    compare,
    place_of,
)
from indicators.dfe.models import DfeMapping, DfeValue, NeighbourGroup
from indicators.dfe.neighbours import NEIGHBOUR_MODELS, Grouping, current_model, model_in_force, read_model
from indicators.dfe.restatements import IMPORTED, OLDER_FILE
from indicators.dfe.tidy import LOCAL_AUTHORITY, DfeFileError, Reading, TidyFile, span_of, stream_tidy
from indicators.models import Comparator, ComparatorKind, DataSource, Indicator, MeasureBasis, ServiceArea
from indicators.rules.periods import PeriodKind
from indicators.rules.terms import Polarity
from indicators.variation_summary import refresh_variation_on_commit

CATALOGUE_FILE = "lait_data_dictionary.csv"
COMPARED_FIELDS = (
    "year_label",
    "value",
    "unavailable_reason",
    "neighbours_used",
    "source",
    "source_file",
    "place",
    "rank",
    "ranked",
    "neighbour_model",
    "neighbours_median",
    "band",
    "national_rank",
    "national_ranked",
)
VALUE_FIELDS = ("year_label", "area_name", "value", "unavailable_reason", "source_file")


def data_dir() -> Path:
    return Path(settings.DFE_DATA_DIR)


def _read(path: Path, what: str) -> bytes:
    try:
        return path.read_bytes()
    except OSError:
        raise DfeFileError(
            f"{what} is not at {path}: set DFE_DATA_DIR to the folder of DfE's files."
        ) from None


def neighbour_groups_for(years, *, la_code: str) -> dict[int, NeighbourGroup]:
    """The council's neighbour group for each year, recording the model in force for years not yet seen.

    The group of the newest model's first year is the current grouping, by which DfE's tools (and
    the comparators) group every year; the others are the groupings in force at the time, where
    the council was in them.
    """
    groups = {group.year: group for group in NeighbourGroup.objects.filter(la_code=la_code, year__in=years)}
    models: dict[str, dict[str, Grouping]] = {}
    for year in sorted(set(years) - set(groups)):
        model = model_in_force(year, NEIGHBOUR_MODELS)
        if model.file_name not in models:
            models[model.file_name] = read_model(_read(data_dir() / model.file_name, model.name))
        grouping = models[model.file_name].get(la_code)
        if grouping is None and year != current_model().in_force_from:
            continue  # a council formed since (Cumberland): no grouping in force at the time
        if grouping is None:
            raise DfeFileError(f"LA code {la_code} is not in {model.name}: check COUNCIL_LA_CODE.")
        groups[year] = NeighbourGroup.objects.create(
            la_code=la_code,
            year=year,
            model_name=model.name,
            source_file=model.file_name,
            la_name=grouping.la_name,
            region_name=grouping.region_name,
            neighbours=[
                {"code": n.code, "name": n.name, "closeness": n.closeness} for n in grouping.neighbours
            ],
        )
    return groups


@dataclass
class ImportResult:
    file_name: str
    indicators: list[str] = field(default_factory=list)
    years: list[str] = field(default_factory=list)
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    values: int = 0
    warnings: list[str] = field(default_factory=list)

    def describe(self) -> str:
        warned = "".join(f" {warning}" for warning in self.warnings)
        if not self.created and not self.updated:
            return (
                f"Imported {self.file_name}: nothing changed "
                f"({self.unchanged} comparators already up to date)."
                f"{warned}"
            )
        return (
            f"Imported {self.file_name}: {self.created} comparators added and {self.updated} updated for "
            f"indicators {', '.join(self.indicators)}, years {self.years[0]} to {self.years[-1]}; "
            f"{self.values} figures of every council, region and England kept.{warned}"
        )


def mappings_for(tidy: TidyFile, mappings=None) -> list[DfeMapping]:
    """The mappings to import: those given, or every mapping whose columns the file has."""
    if mappings is not None:
        return list(mappings)
    every = list(DfeMapping.objects.select_related("indicator"))
    fitting = [mapping for mapping in every if not tidy.missing(mapping.selection.columns)]
    if fitting:
        return fitting
    if not every:
        raise DfeFileError("No indicator is mapped to a DfE file yet: add a mapping first.")
    needs = "; ".join(
        f"{m.indicator.reference} needs {', '.join(tidy.missing(m.selection.columns))}" for m in every
    )
    raise DfeFileError(f"No mapping fits this file, which lacks the columns its mappings need: {needs}.")


@transaction.atomic
def import_dfe_file(
    source: bytes | BinaryIO, *, file_name: str, mappings=None, la_code: str = "", older: bool = False
) -> ImportResult:
    """Import a tidy file for the mapped indicators: all of it, or nothing.

    The one way in for the administration pages and the command line, so both accept and refuse
    the same files. Keeps every area's figure the file holds for each mapped measure and year, in
    place of the one held before, and works out the council's comparators from the figures then
    held: a file with only some areas (the council's rows alone) changes only what it holds. Read
    a line at a time, so a large file takes little memory; one larger than DFE_UPLOAD_MAX_BYTES is
    refused. A year in which the file has no row for the council leaves the council's comparators
    for that year as they were, and the result warns of it.

    Imports are ordered by the data they hold: a file whose latest year for a measure is earlier
    than the latest already held is older, and is refused unless `older` is asked for; then it is
    recorded as an older file, never as DfE's revision, and the last file stays the newer one. Years
    held that a newer file no longer has are kept, and the result says which.
    """
    if not file_name.lower().endswith(".csv"):
        raise DfeFileError("Choose a CSV file, as DfE publishes it.")
    tidy = stream_tidy(source, max_bytes=settings.DFE_UPLOAD_MAX_BYTES)
    chosen = mappings_for(tidy, mappings)
    collectors, years = collect(tidy, {mapping.indicator.reference: mapping.selection for mapping in chosen})
    _check_span(years, file_name)
    held_years = _held_years(chosen)
    if not older:
        _refuse_older(chosen, collectors, held_years, file_name)
    la_code = la_code or settings.COUNCIL_LA_CODE
    newest = current_model().in_force_from
    groups = neighbour_groups_for({*years, newest}, la_code=la_code)
    group = groups[newest]
    groupings = dict.fromkeys(years, group.grouping)
    result = ImportResult(file_name=file_name)
    existing = {
        (c.indicator_id, c.year, c.kind): c
        for c in Comparator.objects.filter(indicator_id__in=[mapping.indicator_id for mapping in chosen])
    }
    to_create, to_update = [], []
    absent: set[str] = set()
    for mapping in chosen:
        collected = collectors[mapping.indicator.reference]
        held = _write_values(mapping, collected, file_name)
        result.values += sum(len(places) for places in collected.readings.values())
        comparisons = compare(held, la_code=la_code, groupings=groupings, polarity=mapping.ranking_polarity)
        for year in comparisons:
            if (LOCAL_AUTHORITY, la_code) not in collected.readings[year.year]:
                absent.add(year.label)
                continue
            for kind, fields in _comparator_fields(mapping, year, group, file_name).items():
                if kind not in year.held:
                    continue
                current = existing.get((mapping.indicator_id, year.year, kind))
                if current is None:
                    to_create.append(
                        Comparator(indicator=mapping.indicator, year=year.year, kind=kind, **fields)
                    )
                elif _is_changed(current, fields):
                    for name, value in fields.items():
                        setattr(current, name, value)
                    to_update.append(current)
                else:
                    result.unchanged += 1
        result.indicators.append(mapping.indicator.reference)
        result.years = sorted({*result.years, *(year.label for year in comparisons)})
        dropped = sorted(held_years.get(mapping.pk, set()) - set(collected.readings))
        if dropped and not _is_older(collected, held_years.get(mapping.pk, set())):
            result.warnings.append(
                f"The file has no figures for indicator {mapping.indicator.reference} in "
                f"{', '.join(map(str, dropped))}, which an earlier file had: those are kept as they were."
            )
        identifier = collected.identifiers[max(collected.identifiers)] if collected.identifiers else ""
        if older and _is_older(collected, held_years.get(mapping.pk, set())):
            continue  # the newer file stays the last one
        if (mapping.last_file, mapping.time_identifier) != (file_name, identifier):
            mapping.last_file, mapping.time_identifier = file_name, identifier[:40]
            mapping.save(update_fields=["last_file", "time_identifier"])
    reason = f"{OLDER_FILE if older else IMPORTED}{file_name}"
    bulk_create_with_history(to_create, Comparator, batch_size=500, default_change_reason=reason)
    if to_update:
        bulk_update_with_history(
            to_update, Comparator, list(COMPARED_FIELDS), batch_size=500, default_change_reason=reason
        )
    result.created, result.updated = len(to_create), len(to_update)
    refresh_variation_on_commit(comparator.indicator_id for comparator in [*to_create, *to_update])
    if absent:
        name = group.la_name
        result.warnings.append(
            f"The file has no figure for {name} ({la_code}) in {', '.join(sorted(absent))}: "
            "its comparators for those years were left as they were."
        )
    return result


def _held_years(mappings: list[DfeMapping]) -> dict[int, set[int]]:
    """The years each mapping's figures are held for: one query."""
    held: dict[int, set[int]] = {}
    pairs = DfeValue.objects.filter(mapping__in=mappings).values_list("mapping_id", "year").distinct()
    for mapping_id, year in pairs:
        held.setdefault(mapping_id, set()).add(year)
    return held


def _is_older(collected: Collector, held: set[int]) -> bool:
    return bool(held and collected.readings) and max(collected.readings) < max(held)


def _refuse_older(mappings, collectors: dict[str, Collector], held: dict[int, set[int]], file_name: str):
    for mapping in mappings:
        collected = collectors[mapping.indicator.reference]
        years = held.get(mapping.pk, set())
        if _is_older(collected, years):
            raise DfeFileError(
                f"For indicator {mapping.indicator.reference} it holds figures up to "
                f"{max(collected.readings)}, older than those already imported (up to {max(years)}"
                f"{f', from {mapping.last_file}' if mapping.last_file else ''}). An older file is "
                "imported only when asked for, to put back figures DfE has since revised."
            )


def _is_changed(comparator: Comparator, fields: dict) -> bool:
    """A figure the same as the one held is no change, whichever file it came from."""
    return any(getattr(comparator, name) != value for name, value in fields.items() if name != "source_file")


def _check_span(years: set[int], file_name: str) -> None:
    span = span_of(file_name)
    if span is None:
        return
    outside = sorted(year for year in years if not span[0] <= year <= span[1])
    if outside:
        raise DfeFileError(
            f"The file's name says it covers {span[0]} to {span[1]}, but it has figures for "
            f"{', '.join(map(str, outside))}: check the time_period column."
        )


def _write_values(mapping: DfeMapping, collected: Collector, file_name: str) -> Figures:
    """Every area's figure the file holds, in place of the one held for that year and area; and the
    figures then held for the file's years, for the comparators to be worked out from."""
    stored = mapping.values.filter(year__in=list(collected.labels))
    existing = {(v.year, v.level, v.area_code): v for v in stored}
    held = Figures()
    for value in existing.values():
        place = place_of(value.level, value.area_code, value.area_name)
        if place is not None:
            held.readings[value.year][place] = Reading(value.value, value.unavailable_reason)
            held.areas.setdefault(place, Area(value.level, value.area_code, value.area_name))
    to_create, to_update = [], []
    for year, places in collected.readings.items():
        held.labels[year] = collected.labels[year]
        for place, reading in places.items():
            held.readings[year][place] = reading
            area = collected.areas[place]
            held.areas[place] = area
            fields = {
                "year_label": collected.labels[year],
                "area_name": area.name[:100],
                "value": reading.value.quantize(PLACES) if reading.value is not None else None,
                "unavailable_reason": reading.reason[:200],
                "source_file": file_name[:300],
            }
            current = existing.get((year, area.level, area.code))
            if current is None:
                to_create.append(
                    DfeValue(mapping=mapping, year=year, level=area.level, area_code=area.code, **fields)
                )
            elif any(getattr(current, name) != value for name, value in fields.items()):
                for name, value in fields.items():
                    setattr(current, name, value)
                to_update.append(current)
    DfeValue.objects.bulk_create(to_create, batch_size=1000)
    DfeValue.objects.bulk_update(to_update, list(VALUE_FIELDS), batch_size=1000)
    return held


def _comparator_fields(mapping: DfeMapping, year: YearComparison, group, file_name: str) -> dict:
    common = {"year_label": year.label, "source": mapping.publication, "source_file": file_name}
    blank = {
        "neighbours_used": None,
        "rank": None,
        "ranked": None,
        "neighbour_model": "",
        "neighbours_median": None,
        "band": "",
        "national_rank": None,
        "national_ranked": None,
    }

    def reading(value: Reading) -> dict:
        number = value.value.quantize(PLACES) if value.value is not None else None
        return {"value": number, "unavailable_reason": value.reason[:200]}

    neighbours = {
        "neighbours_used": year.neighbours_used,
        "rank": year.rank,
        "ranked": year.ranked,
        "neighbour_model": group.model_name,
        "neighbours_median": year.neighbours_median,
    }
    national = {
        "band": year.band or "",
        "national_rank": year.national_rank,
        "national_ranked": year.national_ranked,
    }
    return {
        ComparatorKind.ENGLAND: {**common, **blank, **reading(year.england), "place": "England"},
        ComparatorKind.REGION: {**common, **blank, **reading(year.region), "place": year.region_name},
        ComparatorKind.COUNCIL: {
            **common,
            **blank,
            **reading(year.council),
            **national,
            "place": group.la_name,
        },
        ComparatorKind.STATISTICAL_NEIGHBOURS: {
            **common,
            **blank,
            **reading(year.neighbours),
            **neighbours,
            "place": f"{len(group.neighbours)} statistical neighbours",
        },
    }


def catalogue_measures() -> list[catalogue.CatalogueMeasure]:
    return catalogue.read_catalogue(_read(data_dir() / CATALOGUE_FILE, "DfE's LAIT data dictionary"))


def create_indicator_from_catalogue(
    measure: catalogue.CatalogueMeasure, *, reference: str, service_area: ServiceArea
) -> Indicator:
    """A new yearly indicator with DfE's title, definition, polarity, unit, decimal places and year type."""
    return Indicator.objects.create(
        reference=reference,
        title=measure.title[:300],
        definition=measure.definition,
        service_area=service_area,
        unit=measure.unit,
        decimal_places=measure.decimal_places,
        polarity=measure.polarity.value,
        frequency=PeriodKind.YEAR.value,
        year_basis=measure.year_basis.value,
        measure_basis=MeasureBasis.SNAPSHOT,
        source=DataSource.DFE,
        is_target_measure=measure.polarity is not Polarity.NONE,
    )
