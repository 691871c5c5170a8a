"""Reading DfE's "tidy" statistics files, as a performance officer downloads them.

- Every file starts with the same columns (time_period, time_identifier, geographic_level, ...,
  old_la_code, new_la_code, la_name) and then its own filter and value columns.
- `time_period` is a year ("2025") or a span of two years ("201920", written 2019/20), from 1990
  to next year; any other year is a slip and refused.
- A value is a number or one of DfE's symbols; a symbol means the figure is not available, for the
  reason the symbol stands for, and is never read as zero. A number beyond ten digits before the
  point (such as 1e20) is no published figure and is refused.
- A byte-order mark, spaces around names and values, and blank lines are ignored.
- A file without the columns it needs is refused with a message naming what is missing.
- Lines may end as Windows, Unix or old Macintosh files end them (CR LF, LF or CR alone), whichever
  way the file reaches the portal (an upload or the command line).
- Files are read a line at a time, so the memory an import takes does not grow with the file.
"""

import codecs
import csv
import io
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from typing import BinaryIO

NATIONAL = "National"
REGIONAL = "Regional"
LOCAL_AUTHORITY = "Local authority"

EARLIEST_YEAR = 1990
LARGEST_VALUE = Decimal("9999999999")
"""Figures are kept to four decimal places in 14 digits; no published measure comes near this."""

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
    rows: Iterable[dict[str, str]]

    def missing(self, needed) -> list[str]:
        """The needed columns this file lacks, in the order given."""
        return [column for column in needed if column not in self.columns]


def read_tidy(content: bytes | str) -> TidyFile:
    """A whole tidy file in memory: for small files and tests; imports use `stream_tidy`."""
    tidy = stream_tidy(content)
    rows = list(tidy.rows)
    if not rows:
        raise DfeFileError("The file has a header but no rows.")
    return TidyFile(columns=tidy.columns, rows=rows)


def stream_tidy(source: bytes | str | BinaryIO, *, max_bytes: int | None = None) -> TidyFile:
    """A tidy CSV file read a line at a time, so memory holds one row, not the file.

    Refuses a file that is not text, is larger than `max_bytes`, has no header or lacks the common
    columns at once; a row of the wrong width, undecodable text or a file with no rows is refused
    when it is reached.
    """
    lines = _lines(source, max_bytes)
    reader = csv.reader(lines)
    try:
        header = tuple(name.strip() for name in next(reader))
    except StopIteration:
        raise DfeFileError("The file is empty.") from None
    except csv.Error as error:
        raise DfeFileError(f"The file is not a readable CSV file: {error}.") from None
    tidy = TidyFile(columns=header, rows=_records(reader, header))
    missing = tidy.missing(REQUIRED_COLUMNS)
    if missing:
        raise DfeFileError(
            f"This is not a DfE tidy statistics file: it lacks the columns {', '.join(missing)}."
        )
    return tidy


def _lines(source, max_bytes: int | None) -> Iterator[str]:
    """Non-blank text lines, each decoded on its own (UTF-8, else Windows-1252), counting the bytes."""
    if isinstance(source, str):
        source = source.encode("utf-8")
    stream = io.BytesIO(source) if isinstance(source, bytes) else source
    first = True
    for raw in _raw_lines(stream, max_bytes):
        line = _decoded(raw[3:] if first and raw.startswith(codecs.BOM_UTF8) else raw)
        first = False
        if line.strip(" ,\t\r\n"):
            yield line + "\n"


LINE_END = re.compile(rb"\r\n|\r|\n")
CHUNK = 64 * 1024


def _raw_lines(stream, max_bytes: int | None) -> Iterator[bytes]:
    """The stream's lines without their ends, however they end (CR LF, LF or CR)."""
    read = 0
    pending = b""
    while chunk := stream.read(CHUNK):
        read += len(chunk)
        if max_bytes is not None and read > max_bytes:
            raise DfeFileError(f"The file is larger than {_size(max_bytes)}, the most an import takes.")
        pending += chunk
        held = b""
        if pending.endswith(b"\r"):  # perhaps the first half of a CR LF split across two reads
            pending, held = pending[:-1], b"\r"
        *complete, pending = LINE_END.split(pending)
        pending += held
        yield from complete
    if pending:
        yield from LINE_END.split(pending)


def _size(count: int) -> str:
    megabytes = count / 1024 / 1024
    return f"{megabytes:.0f} MB" if megabytes >= 1 else f"{count // 1024} KB"


def _records(reader, header: tuple[str, ...]) -> Iterator[dict[str, str]]:
    line = 1
    try:
        for record in reader:
            line = reader.line_num
            if len(record) != len(header):
                raise DfeFileError(
                    f"Line {line} has {len(record)} values where the header names {len(header)} columns."
                )
            yield dict(zip(header, (cell.strip() for cell in record), strict=True))
    except csv.Error as error:
        raise DfeFileError(f"The file is not a readable CSV file after line {line}: {error}.") from None


def _decoded(raw: bytes) -> str:
    if b"\0" in raw:
        raise DfeFileError("The file is not text: save it as CSV and try again.")
    for encoding in ("utf-8", "cp1252"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise DfeFileError("The file is not text: save it as CSV and try again.")


def parse_time_period(raw: str) -> tuple[int, str]:
    """A time period as (year, label): "2025" is (2025, "2025"); "201920" is (2019, "2019/20").

    A year before DfE's series begin (1990) or after next year is refused, as a typing slip.
    """
    text = raw.strip()
    if re.fullmatch(r"\d{4}", text):
        year, label = int(text), text
    elif re.fullmatch(r"\d{6}", text) and int(text[4:]) == (int(text[:4]) + 1) % 100:
        year, label = int(text[:4]), f"{text[:4]}/{text[4:]}"
    else:
        raise DfeFileError(
            f"The time period {raw!r} is neither a year (2025) nor a span of two years (201920)."
        )
    latest = datetime.now(tz=UTC).year + 1
    if not EARLIEST_YEAR <= year <= latest:
        raise DfeFileError(
            f"The time period {raw!r} is outside the years DfE publishes ({EARLIEST_YEAR} to {latest})."
        )
    return year, label


def span_of(file_name: str) -> tuple[int, int] | None:
    """The years a file's name says it covers: "csww_indicators_2017_to_2025.csv" is (2017, 2025)."""
    found = re.search(r"(?<!\d)(\d{4})_to_(\d{4})(?!\d)", file_name)
    return (int(found[1]), int(found[2])) if found else None


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
    where = f" in {column}" if column else ""
    if value is None or not value.is_finite():
        raise DfeFileError(f"The value {raw!r}{where} is neither a number nor one of DfE's symbols.")
    if abs(value) > LARGEST_VALUE:
        raise DfeFileError(
            f"The value {raw!r}{where} is too large for a published figure (at most {LARGEST_VALUE:,})."
        )
    return Reading(value)
