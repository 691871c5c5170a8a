"""Reading DfE's "tidy" statistics files, as a performance officer downloads them.

- Every file starts with the same columns (time_period, time_identifier, geographic_level, ...,
  old_la_code, new_la_code, la_name) and then its own filter and value columns.
- `time_period` is a year ("2025") or a span of two years ("201920", written 2019/20).
- A value is a number or one of DfE's symbols; a symbol means the figure is not available, for the
  reason the symbol stands for, and is never read as zero.
- A byte-order mark, spaces around names and values, and blank lines are ignored.
- A file without the columns it needs is refused with a message naming what is missing.
"""

import csv
import io
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

NATIONAL = "National"
REGIONAL = "Regional"
LOCAL_AUTHORITY = "Local authority"

REQUIRED_COLUMNS = ("time_period", "geographic_level", "region_name", "old_la_code", "la_name")

SYMBOLS = {
    "c": "Suppressed to protect confidentiality (small number)",
    "z": "Not applicable",
    "x": "Not available",
    "k": "Less than 0.5 (rounds to zero but is not zero)",
    "low": "Rounds to zero but is not zero",
    "u": "Withheld: low reliability",
    ":": "Not available",
}
"""DfE's symbols for a figure that is not published, with what each means."""


class DfeFileError(ValueError):
    """A file that cannot be imported; the message says why, in words an officer can act on."""


@dataclass(frozen=True)
class Reading:
    """A cell of a value column: a number, or the reason there is none."""

    value: Decimal | None
    reason: str = ""

    @property
    def is_available(self) -> bool:
        return self.value is not None


@dataclass(frozen=True)
class TidyFile:
    columns: tuple[str, ...]
    rows: list[dict[str, str]]

    def missing(self, needed) -> list[str]:
        """The needed columns this file lacks, in the order given."""
        return [column for column in needed if column not in self.columns]


def read_tidy(content: bytes | str) -> TidyFile:
    """Parse a tidy CSV file; refuse one that is not text, has no rows or lacks the common columns."""
    text = _decoded(content) if isinstance(content, bytes) else content.lstrip("\ufeff")
    lines = [line for line in text.splitlines() if line.strip(" ,\t")]
    if not lines:
        raise DfeFileError("The file is empty.")
    reader = csv.reader(io.StringIO("\n".join(lines)))
    try:
        header = tuple(name.strip() for name in next(reader))
        records = list(reader)
    except csv.Error as error:
        raise DfeFileError(f"The file is not a readable CSV file: {error}.") from None
    for line, record in enumerate(records, start=2):
        if len(record) != len(header):
            raise DfeFileError(
                f"Line {line} has {len(record)} values where the header names {len(header)} columns."
            )
    tidy = TidyFile(
        columns=header,
        rows=[dict(zip(header, (cell.strip() for cell in record), strict=True)) for record in records],
    )
    missing = tidy.missing(REQUIRED_COLUMNS)
    if missing:
        raise DfeFileError(
            f"This is not a DfE tidy statistics file: it lacks the columns {', '.join(missing)}."
        )
    if not tidy.rows:
        raise DfeFileError("The file has a header but no rows.")
    return tidy


def _decoded(content: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return content.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise DfeFileError("The file is not text: save it as CSV and try again.")


def parse_time_period(raw: str) -> tuple[int, str]:
    """A time period as (year, label): "2025" is (2025, "2025"); "201920" is (2019, "2019/20")."""
    text = raw.strip()
    if re.fullmatch(r"\d{4}", text):
        return int(text), text
    if re.fullmatch(r"\d{6}", text) and int(text[4:]) == (int(text[:4]) + 1) % 100:
        return int(text[:4]), f"{text[:4]}/{text[4:]}"
    raise DfeFileError(f"The time period {raw!r} is neither a year (2025) nor a span of two years (201920).")


def parse_value(raw: str, *, column: str = "") -> Reading:
    """A value cell: a number, a DfE symbol with its meaning, or empty (no figure published)."""
    text = raw.strip()
    if not text:
        return Reading(None, "No figure published")
    symbol = SYMBOLS.get(text.lower())
    if symbol:
        return Reading(None, symbol)
    try:
        value = Decimal(text.replace(",", ""))
    except InvalidOperation:
        value = None
    if value is None or not value.is_finite():
        where = f" in {column}" if column else ""
        raise DfeFileError(f"The value {raw!r}{where} is neither a number nor one of DfE's symbols.")
    return Reading(value)
