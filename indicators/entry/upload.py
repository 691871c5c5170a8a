"""Reading an uploaded entry workbook: every check is made before anything is written.

A hostile or broken file costs little: its size, its archive (members, unpacked size and
compression ratio, the signs of a zip bomb) and its rows and columns are bounded before and while
openpyxl reads it, in read-only mode and with defusedxml guarding the XML. Each problem names its
row and column, as Excel shows them.
"""

import zipfile
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from io import BytesIO

from openpyxl import load_workbook

from indicators.entry.forms import ENTRY_STATUSES
from indicators.entry.selectors import EntryRow
from indicators.entry.services import FigureChange
from indicators.entry.template import COLUMN_FOR, COLUMNS, NO, SHEET, YES
from indicators.models import Indicator
from indicators.rules.entry import NUMBER_ACCEPTED, Entry, changes_record, parse_number, problems_with
from indicators.rules.terms import OutturnStatus

SESSION_KEY = "entry_upload"
"""Where the checked changes wait in the session between the preview and the confirmation."""
MAX_DATA_ROWS = 1000
MAX_COLUMNS = 30
MAX_MEMBERS = 100
MAX_UNPACKED_BYTES = 25 * 1024 * 1024
MAX_COMPRESSION_RATIO = 200
MAX_PROBLEMS = 100
LARGEST_FIGURE = Decimal(10) ** 10
TEXT_LIMITS = {"source": 200, "commentary": 5000, "correction_reason": 1000}
REFERENCE_MAX_LENGTH = Indicator._meta.get_field("reference").max_length
QUOTED_LIMIT = 40
"""Longer text from a cell is described, not echoed back, in a problem."""


class UploadRefusedError(Exception):
    """The file cannot be used; `problems` says why, one sentence each."""

    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class SheetRow:
    number: int
    cells: dict[str, object]
    """Cell values by field name, for the template's columns."""


def read_sheet(data: bytes, *, max_bytes: int) -> list[SheetRow]:
    """The Figures sheet's filled rows, after checking the file is a bounded, formula-free template."""
    unreadable = (
        "The file could not be read as an Excel workbook; it may be corrupt. Save it from Excel as .xlsx"
    )
    with uploaded_workbook(data, max_bytes=max_bytes, unreadable=unreadable) as workbook:
        try:
            if SHEET not in workbook.sheetnames:
                found = ", ".join(f"'{name}'" for name in workbook.sheetnames)
                missing = (
                    f"The workbook has no sheet called '{SHEET}' (it has {found}). Use this period's template"
                )
                raise UploadRefusedError([missing])
            return _rows_of(workbook[SHEET])
        except UploadRefusedError:
            raise
        except Exception:
            raise UploadRefusedError(
                ["The sheet could not be read; it may be corrupt. Save it from Excel as .xlsx"]
            ) from None


@contextmanager
def uploaded_workbook(data: bytes, *, max_bytes: int, unreadable: str, data_only: bool = False):
    """An uploaded workbook, opened read-only once its archive is found bounded (`_check_archive`),
    and closed after; `unreadable` is the refusal when it cannot be opened."""
    _check_archive(data, max_bytes)
    try:
        workbook = load_workbook(BytesIO(data), read_only=True, data_only=data_only)
    except Exception:
        raise UploadRefusedError([unreadable]) from None
    try:
        yield workbook
    finally:
        workbook.close()


def _check_archive(data: bytes, max_bytes: int) -> None:
    if not data:
        raise UploadRefusedError(["The selected file is empty"])
    if len(data) > max_bytes:
        raise UploadRefusedError([f"The file must be smaller than {max_bytes // 1024:,} KB"])
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise UploadRefusedError(["The file is not an Excel workbook (.xlsx); it may be corrupt"]) from None
    too_big = (
        len(members) > MAX_MEMBERS
        or sum(member.file_size for member in members) > MAX_UNPACKED_BYTES
        or any(member.file_size > MAX_COMPRESSION_RATIO * max(member.compress_size, 1) for member in members)
    )
    if too_big:
        raise UploadRefusedError(
            ["The workbook unpacks to far more than a figures template could: it was refused unread"]
        )


def _rows_of(sheet) -> list[SheetRow]:
    problems: list[str] = []
    rows: list[SheetRow] = []
    for number, cells in enumerate(
        sheet.iter_rows(min_row=1, max_row=MAX_DATA_ROWS + 2, max_col=MAX_COLUMNS), start=1
    ):
        if number > MAX_DATA_ROWS + 1:
            if any(cell.value not in (None, "") for cell in cells):
                raise UploadRefusedError([f"The sheet has more than {MAX_DATA_ROWS:,} rows of figures"])
            break
        if number == 1:
            problems.extend(_heading_problems(cells))
            if problems:
                raise UploadRefusedError(problems)
            continue
        row_problems, row = _row_of(number, cells)
        problems.extend(row_problems)
        if len(problems) > MAX_PROBLEMS:
            raise UploadRefusedError([*problems[:MAX_PROBLEMS], "And more problems: the rest were not read"])
        if row:
            rows.append(row)
    if problems:
        raise UploadRefusedError(problems)
    if not rows:
        raise UploadRefusedError([f"The sheet '{SHEET}' has no figures in it"])
    return rows


def _heading_problems(cells) -> list[str]:
    headings = [_text(cell.value) for cell in cells]
    headings += [""] * (MAX_COLUMNS - len(headings))
    problems = []
    for index, column in enumerate(COLUMNS):
        if headings[index].casefold() != column.heading.casefold():
            found = f"'{headings[index]}'" if headings[index] else "empty"
            problems.append(
                f"Row 1, column {column.letter}: the heading should be '{column.heading}', not {found}."
                " Use this period's template without moving its columns"
            )
    for index in range(len(COLUMNS), len(cells)):
        if headings[index]:
            problems.append(
                f"Row 1, column {cells[index].column_letter}: the template has no column '{headings[index]}';"
                " remove it"
            )
    return problems


def _row_of(number: int, cells) -> tuple[list[str], SheetRow | None]:
    problems = []
    values = {}
    for index, cell in enumerate(cells):
        if cell.value in (None, ""):
            continue
        if cell.data_type == "f":
            problems.append(
                f"Row {number}, column {cell.column_letter}: has a formula; type or paste its value"
            )
        elif index >= len(COLUMNS):
            problems.append(
                f"Row {number}, column {cell.column_letter}: is outside the template's columns; remove it"
            )
        else:
            values[COLUMNS[index].field] = cell.value
    if not values:
        return problems, None
    return problems, SheetRow(number, values)


@dataclass(frozen=True)
class UploadResult:
    changes: list[FigureChange]
    problems: list[str]
    unchanged: int


def changes_in(sheet_rows: list[SheetRow], rows: list[EntryRow], *, period_label: str) -> UploadResult:
    """Match each sheet row to an indicator due in the period and check it as the form would."""
    due = {row.indicator.reference: row for row in rows}
    seen: dict[str, int] = {}
    changes, problems, unchanged = [], [], 0
    for sheet_row in sheet_rows:
        row_problems, reference, entry = _read(sheet_row, period_label)
        if reference and reference in seen:
            row_problems.append(
                _at(sheet_row, "reference", f"indicator {reference} is already in row {seen[reference]}")
            )
        elif reference and reference not in due:
            row_problems.append(
                _at(sheet_row, "reference", f"no indicator {reference} is due for {period_label}")
            )
        if reference:
            seen.setdefault(reference, sheet_row.number)
        if row_problems or entry is None:
            problems.extend(row_problems)
            continue
        row = due[reference]
        opened_version, version_problem = _opened_version(sheet_row, row)
        if version_problem:
            problems.append(version_problem)
            continue
        if not changes_record(entry, row.recorded, row.indicator.unit):
            unchanged += 1
            continue
        found = problems_with(entry, row.context())
        problems.extend(_at(sheet_row, problem.field, problem.message) for problem in found)
        if not found:
            changes.append(FigureChange(row.indicator.pk, row.indicator.unit, opened_version, entry))
    if len(problems) > MAX_PROBLEMS:
        problems = [*problems[:MAX_PROBLEMS], f"And {len(problems) - MAX_PROBLEMS} more problems"]
    return UploadResult(changes, problems, unchanged)


def _opened_version(sheet_row: SheetRow, row: EntryRow) -> tuple[int, str]:
    """The version of the figure the template was made from, or why the row cannot be taken."""
    raw = sheet_row.cells.get("version")
    if raw in (None, "") or isinstance(raw, bool) or not isinstance(raw, int | float) or raw != int(raw):
        return 0, _at(sheet_row, "version", "is missing or changed: download this period's template again")
    if int(raw) != row.version:
        return 0, _at(
            sheet_row,
            "reference",
            f"indicator {row.indicator.reference} was changed by someone else after this spreadsheet was "
            "downloaded: download the template again to see the figure now on record",
        )
    return int(raw), ""


def _at(sheet_row: SheetRow, field: str, message: str) -> str:
    column = COLUMN_FOR[field]
    where = f"Row {sheet_row.number}, column {column.letter} ({column.heading})"
    return f"{where}: {message[0].lower()}{message[1:]}"


def _read(sheet_row: SheetRow, period_label: str) -> tuple[list[str], str, Entry | None]:
    cells = sheet_row.cells
    problems = []
    reference = _text(cells.get("reference"))
    if not reference:
        problems.append(_at(sheet_row, "reference", "enter the indicator's reference"))
    elif len(reference) > REFERENCE_MAX_LENGTH:
        problems.append(
            _at(
                sheet_row,
                "reference",
                f"is {len(reference):,} characters long; a reference has at most {REFERENCE_MAX_LENGTH}."
                " Use this period's template",
            )
        )
        reference = ""
    period = _text(cells.get("period"))
    if period != period_label:
        shown = _quoted(period) if period else "empty"
        problems.append(
            _at(
                sheet_row,
                "period",
                f"is {shown}, not {period_label}: upload each period's figures on its own page",
            )
        )
    numbers = {}
    for field in ("value", "numerator", "denominator"):
        try:
            numbers[field] = _number(cells.get(field))
        except ValueError as error:
            problems.append(_at(sheet_row, field, str(error)))
    for field, limit in TEXT_LIMITS.items():
        if len(_text(cells.get(field))) > limit:
            problems.append(_at(sheet_row, field, f"must be {limit:,} characters or fewer"))
    status = _status(cells.get("status"))
    if status is None:
        problems.append(
            _at(sheet_row, "status", f"{_quoted(_text(cells.get('status')))} is not a status in the list")
        )
    confirmed = _text(cells.get("confirm_change")).casefold()
    if confirmed not in ("", YES.casefold(), NO.casefold()):
        problems.append(_at(sheet_row, "confirm_change", f"enter {YES} or {NO}"))
    if problems:
        return problems, reference, None
    entry = Entry(
        **numbers,
        status=status,
        source=_text(cells.get("source")),
        commentary=_text(cells.get("commentary")),
        is_change_confirmed=confirmed == YES.casefold(),
        correction_reason=_text(cells.get("correction_reason")),
    )
    return [], reference, entry


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _quoted(text: str) -> str:
    """Text from a cell as a problem names it: quoted when short, described when long."""
    return f"'{text}'" if len(text) <= QUOTED_LIMIT else f"a text of {len(text):,} characters"


def _number(value) -> Decimal | None:
    """A figure from a cell: a number, or text of ASCII digits ("٧١", "1,234" and "55%" are refused)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool | datetime | date | time):
        raise ValueError(f"'{value}' is not a number")
    if isinstance(value, str) and len(value.strip()) > QUOTED_LIMIT:
        raise ValueError(f"{_quoted(value.strip())} is not a number: {NUMBER_ACCEPTED}")
    number = Decimal(repr(value)) if isinstance(value, float) else parse_number(str(value))
    if not number.is_finite():
        raise ValueError(f"'{value}' is not a number")
    if abs(number) >= LARGEST_FIGURE:
        raise ValueError(f"{value} is too large for a figure")
    return number.quantize(Decimal("0.0001")) if number.as_tuple().exponent < -4 else number


def _status(value) -> str | None:
    text = _text(value).casefold()
    if not text:
        return OutturnStatus.PROVISIONAL
    for status, label in ENTRY_STATUSES:
        if text in (status, label.casefold()):
            return status
    return None


def session_data(changes: list[FigureChange]) -> list[dict]:
    """Checked changes as the session keeps them between the preview and the officer's confirmation."""
    return [
        {
            "indicator": change.indicator_id,
            "unit": change.unit,
            "version": change.opened_version,
            "value": _as_text(change.entry.value),
            "numerator": _as_text(change.entry.numerator),
            "denominator": _as_text(change.entry.denominator),
            "status": change.entry.status,
            "source": change.entry.source,
            "commentary": change.entry.commentary,
            "confirmed": change.entry.is_change_confirmed,
            "reason": change.entry.correction_reason,
        }
        for change in changes
    ]


def changes_from_session(data: list[dict]) -> list[FigureChange]:
    return [
        FigureChange(
            indicator_id=item["indicator"],
            unit=item["unit"],
            opened_version=item["version"],
            entry=Entry(
                value=_as_decimal(item["value"]),
                numerator=_as_decimal(item["numerator"]),
                denominator=_as_decimal(item["denominator"]),
                status=item["status"],
                source=item["source"],
                commentary=item["commentary"],
                is_change_confirmed=item["confirmed"],
                correction_reason=item["reason"],
            ),
        )
        for item in data
    ]


def _as_text(number: Decimal | None) -> str | None:
    return None if number is None else str(number)


def _as_decimal(text: str | None) -> Decimal | None:
    return None if text is None else Decimal(text)
