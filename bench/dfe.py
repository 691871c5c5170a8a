"""Benchmarks of DfE imports, for `manage.py bench`: each builds its own data and leaves none behind."""

import time

from django.db import transaction

from bench.measure import Measurement
from indicators.dfe.services import data_dir, import_dfe_file
from indicators.models import DfeMapping, Indicator, ServiceArea

CLA_FILE = "cla_number_and_rate_per_10k_children.csv"
POPULATIONS = (
    "Children looked after on 31 March each year",
    "Children starting to be looked after each year",
    "Children ceasing to be looked after each year",
)
VALUE_COLUMNS = ("rate_per_10000", "children_count")
LIMIT_MS = 2000


class _RolledBack(Exception):
    pass


def _map_every_cla_measure() -> list[DfeMapping]:
    area = ServiceArea.objects.create(name="Benchmark: looked after children", order=999)
    mappings = []
    for n, (population, column) in enumerate((p, c) for p in POPULATIONS for c in VALUE_COLUMNS):
        indicator = Indicator.objects.create(
            reference=f"BENCH-CLA-{n}",
            title=f"{population} ({column})",
            service_area=area,
            unit="rate10k" if column == "rate_per_10000" else "count",
            polarity="none",
            frequency="year",
        )
        mappings.append(
            DfeMapping.objects.create(
                indicator=indicator,
                publication="DfE: Children looked after in England",
                filters={"population_type": population},
                value_column=column,
            )
        )
    return mappings


def _import_once(content: bytes, *, again: bool) -> float:
    """Milliseconds for one import (with `again`, a repeat of one already done), then roll back."""
    try:
        with transaction.atomic():
            mappings = _map_every_cla_measure()
            if again:
                import_dfe_file(content, file_name=CLA_FILE, mappings=mappings)
            started = time.perf_counter()
            import_dfe_file(content, file_name=CLA_FILE, mappings=mappings)
            elapsed = (time.perf_counter() - started) * 1000
            raise _RolledBack(elapsed)
    except _RolledBack as done:
        return done.args[0]


def _timed(content: bytes, *, again: bool, repeat: int = 3) -> float:
    """The fastest of a few runs: the least disturbed by other work."""
    return min(_import_once(content, again=again) for _ in range(repeat))


def benchmarks() -> list[Measurement]:
    path = data_dir() / CLA_FILE
    if not path.is_file():
        note = f"{path} not found: set DFE_DATA_DIR"
        return [Measurement("Import the children-looked-after file", float("inf"), LIMIT_MS, note=note)]
    content = path.read_bytes()
    note = f"{len(POPULATIONS) * len(VALUE_COLUMNS)} indicators mapped to {CLA_FILE}"
    return [
        Measurement(
            "Import the children-looked-after file for all indicators mapped to it",
            _timed(content, again=False),
            LIMIT_MS,
            note=note,
        ),
        Measurement(
            "Re-import the same file (nothing changes)", _timed(content, again=True), LIMIT_MS, note=note
        ),
    ]
