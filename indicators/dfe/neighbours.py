"""Reading DfE's statistical neighbour models: each authority's region and its ten closest authorities.

- The 2025 model is "wide": old_la_code, la_name, region_ind, region_name, then SN_1 ... SN_10 with
  their closeness SN_1P ... SN_10P (closeness labels carry trailing spaces).
- The 2021 model has older names and repeats one of them (SN1, SNP, SN2, SNP ...), so its columns
  are read by position: LA number, name, LA number again, region number, region name, then the ten
  neighbour and closeness pairs.
- Blank lines and rows without an LA code are left out.
"""

import csv
import io
import re
from dataclasses import dataclass

from indicators.dfe.tidy import DfeFileError

NEIGHBOURS = 10


@dataclass(frozen=True)
class Neighbour:
    code: str
    name: str
    closeness: str


@dataclass(frozen=True)
class Grouping:
    """One authority's place in a model: its region and its neighbours, closest first."""

    la_code: str
    la_name: str
    region_name: str
    neighbours: tuple[Neighbour, ...]

    @property
    def codes(self) -> list[str]:
        return [neighbour.code for neighbour in self.neighbours]


def region_key(name: str) -> str:
    """A region name as the files agree on it: "London (Outer)" and "Outer London" are one region,
    London another."""
    key = " ".join(name.split()).casefold()
    part = re.fullmatch(r"london \((inner|outer)\)", key)
    return f"{part[1]} london" if part else key


def is_part_of_london(key: str) -> bool:
    return key in ("inner london", "outer london")


def read_model(content: bytes | str) -> dict[str, Grouping]:
    """Every authority's grouping in a model file, by old LA code, whichever layout the file has."""
    text = content.decode("utf-8-sig") if isinstance(content, bytes) else content.lstrip("\ufeff")
    rows = [[cell.strip() for cell in row] for row in csv.reader(io.StringIO(text)) if any(row)]
    if not rows:
        raise DfeFileError("The statistical neighbour file is empty.")
    header, body = rows[0], rows[1:]
    if "SN_1" in header:
        raw = _wide_rows(header, body)
    elif len(header) >= 5 + 2 * NEIGHBOURS and header[5] == "SN1":
        raw = _positional_rows(body)
    else:
        raise DfeFileError(
            "This is not a DfE statistical neighbour model: it lacks the columns "
            "old_la_code, la_name, region_name and SN_1 ... SN_10."
        )
    names = {code: name for code, name, _, _ in raw}
    return {
        code: Grouping(
            la_code=code,
            la_name=name,
            region_name=region,
            neighbours=tuple(Neighbour(n, names.get(n, ""), closeness) for n, closeness in pairs if n),
        )
        for code, name, region, pairs in raw
    }


def _wide_rows(header: list[str], body: list[list[str]]) -> list:
    needed = ["old_la_code", "la_name", "region_name"] + [
        column for k in range(1, NEIGHBOURS + 1) for column in (f"SN_{k}", f"SN_{k}P")
    ]
    missing = [column for column in needed if column not in header]
    if missing:
        raise DfeFileError(f"The statistical neighbour file lacks the columns {', '.join(missing)}.")
    at = {column: header.index(column) for column in needed}
    return [
        (
            row[at["old_la_code"]],
            row[at["la_name"]],
            row[at["region_name"]],
            [(row[at[f"SN_{k}"]], row[at[f"SN_{k}P"]]) for k in range(1, NEIGHBOURS + 1)],
        )
        for row in _padded(body, len(header))
        if row[at["old_la_code"]]
    ]


def _positional_rows(body: list[list[str]]) -> list:
    return [
        (row[0], row[1], row[4], [(row[5 + 2 * k], row[6 + 2 * k]) for k in range(NEIGHBOURS)])
        for row in _padded(body, 5 + 2 * NEIGHBOURS)
        if row[0]
    ]


def _padded(body: list[list[str]], width: int) -> list[list[str]]:
    return [row + [""] * (width - len(row)) for row in body]


@dataclass(frozen=True)
class ModelFile:
    """A published model: its file, its name, and the first year it is in force."""

    file_name: str
    name: str
    in_force_from: int


NEIGHBOUR_MODELS = [
    ModelFile(
        "New_Statistical_Neighbour_Groupings_April_2021.csv", "DfE statistical neighbours, April 2021", 2021
    ),
    ModelFile("sn_model_2025_wide.csv", "DfE statistical neighbour model 2025", 2025),
]


def current_model(models: list[ModelFile] = NEIGHBOUR_MODELS) -> ModelFile:
    """The newest model: DfE's LAIT and dashboard group every year's neighbours by it."""
    return max(models, key=lambda model: model.in_force_from)


def model_in_force(year: int, models: list[ModelFile]) -> ModelFile:
    """The newest model in force by `year`; before the first model, the first model is the nearest."""
    by_age = sorted(models, key=lambda model: model.in_force_from)
    in_force = [model for model in by_age if model.in_force_from <= year]
    return in_force[-1] if in_force else by_age[0]
