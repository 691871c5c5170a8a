"""An independent reading of DfE's raw files, for tests to check the import against."""

import csv
import statistics
from decimal import Decimal
from pathlib import Path

from django.conf import settings

CLA = "cla_number_and_rate_per_10k_children.csv"
CSWW = "csww_indicators_2017_to_2025.csv"
C1 = "c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv"
CLA_FILTER = {"population_type": "Children looked after on 31 March each year"}


def path(name: str) -> Path:
    return Path(settings.DFE_DATA_DIR) / name


def rows(name: str) -> list[dict]:
    with path(name).open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def neighbours_of(la_code: str, year: int, *, at_the_time: bool = False) -> tuple[list[str], str]:
    """Codes and region name: the 2025 model for every year, as DfE's LAIT and dashboard group them;
    or, at the time, April 2021 up to 2024 (and before it, the earliest held) and the 2025 model after."""
    if year >= 2025 or not at_the_time:
        for row in rows("sn_model_2025_wide.csv"):
            if row["old_la_code"] == la_code:
                return [row[f"SN_{k}"] for k in range(1, 11)], row["region_name"]
    with path("New_Statistical_Neighbour_Groupings_April_2021.csv").open(encoding="utf-8-sig") as handle:
        for row in list(csv.reader(handle))[1:]:
            if row and row[0] == la_code:
                return [row[5 + 2 * k] for k in range(10)], row[4]
    raise LookupError(la_code)


def region_of(name: str, filters: dict, column: str, la_code: str) -> str:
    """As LAIT's clean_ldn_region: the region the council's row names, or London where that part of
    London has no figure for the measure in any year."""
    chosen = [row for row in rows(name) if all(row[k] == v for k, v in filters.items())]
    [region] = {row["region_name"] for row in chosen if row["old_la_code"] == la_code}
    if region in ("Inner London", "Outer London"):
        figures = [
            number(row[column])
            for row in chosen
            if row["geographic_level"] == "Regional" and row["region_name"] == region
        ]
        if all(figure is None for figure in figures):
            return "London"
    return region


def number(text: str) -> Decimal | None:
    try:
        return Decimal(text)
    except ArithmeticError:
        return None


def expected(
    name: str, filters: dict, column: str, la_code: str, year: int, *, at_the_time: bool = False
) -> dict:
    chosen = [
        row
        for row in rows(name)
        if row["time_period"] == str(year) and all(row[k] == v for k, v in filters.items())
    ]
    codes, _ = neighbours_of(la_code, year, at_the_time=at_the_time)
    region = region_of(name, filters, column, la_code)
    by_code = {
        row["old_la_code"]: row[column] for row in chosen if row["geographic_level"] == "Local authority"
    }
    values = [number(by_code[code]) for code in codes if code in by_code]
    values = [value for value in values if value is not None]
    [england] = [row[column] for row in chosen if row["geographic_level"] == "National"]
    [regional] = [
        row[column]
        for row in chosen
        if row["geographic_level"] == "Regional" and row["region_name"] == region
    ]
    return {
        "england": number(england),
        "region": number(regional),
        "region_name": region,
        "council": number(by_code[la_code]),
        "mean": sum(values) / len(values),
        "median": median(values),
        "used": len(values),
        "raw_neighbours": [by_code.get(code, "absent") for code in codes],
    }


def median(values: list[Decimal]) -> Decimal:
    return Decimal(str(statistics.median(values)))


def national(name: str, filters: dict, column: str, la_code: str, year: int, polarity: str) -> dict:
    """Band and rank among every authority with a figure, by Python's own inclusive quartiles (R's type 7)."""
    chosen = [
        row
        for row in rows(name)
        if row["time_period"] == str(year)
        and row["geographic_level"] == "Local authority"
        and all(row[k] == v for k, v in filters.items())
    ]
    values = {row["old_la_code"]: number(row[column]) for row in chosen}
    values = {code: value for code, value in values.items() if value is not None}
    own = values[la_code]
    q1, q2, q3 = statistics.quantiles([float(v) for v in values.values()], n=4, method="inclusive")
    quarter = sum(float(own) > q for q in (q1, q2, q3))
    if polarity == "higher":
        quarter = 3 - quarter
        rank = 1 + sum(value > own for value in values.values())
    else:
        rank = 1 + sum(value < own for value in values.values())
    return {"band": "ABCD"[quarter], "rank": rank, "ranked": len(values)}


def neighbour_names(la_code: str, year: int, *, at_the_time: bool = False) -> list[str]:
    codes, _ = neighbours_of(la_code, year, at_the_time=at_the_time)
    if year >= 2025 or not at_the_time:
        names = {row["old_la_code"]: row["la_name"] for row in rows("sn_model_2025_wide.csv")}
    else:
        with path("New_Statistical_Neighbour_Groupings_April_2021.csv").open(encoding="utf-8-sig") as handle:
            names = {row[0]: row[1] for row in list(csv.reader(handle))[1:] if row}
    return [names[code] for code in codes]
