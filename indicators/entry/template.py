"""The period's entry template as an .xlsx workbook, built from plain data.

The column layout is declared once here and read back by upload.py.
"""

from dataclasses import dataclass
from decimal import Decimal
from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from indicators.spreadsheets import safe_text

SHEET = "Figures"
GUIDE_SHEET = "How to fill this in"
YES, NO = "Yes", "No"


@dataclass(frozen=True)
class Column:
    heading: str
    field: str
    width: int
    is_for_reference: bool = False
    """Shown to help the officer; ignored when the workbook is uploaded."""
    is_hidden: bool = False

    @property
    def letter(self) -> str:
        return get_column_letter(COLUMNS.index(self) + 1)


COLUMNS = [
    Column("Period", "period", 12),
    Column("Reference", "reference", 11),
    Column("Indicator", "title", 50, is_for_reference=True),
    Column("Unit", "unit", 16, is_for_reference=True),
    Column("Previous period", "previous_period", 14, is_for_reference=True),
    Column("Previous figure", "previous_value", 14, is_for_reference=True),
    Column("Value", "value", 12),
    Column("Numerator", "numerator", 12),
    Column("Denominator", "denominator", 12),
    Column("Status", "status", 26),
    Column("Source", "source", 30),
    Column("Commentary", "commentary", 50),
    Column("Confirm large change", "confirm_change", 12),
    Column("Correction reason", "correction_reason", 40),
    # Which version of each figure the template was made from, so an upload never overwrites a
    # figure someone else saved since.
    Column("Version on record", "version", 10, is_hidden=True),
]
COLUMN_FOR = {column.field: column for column in COLUMNS}

GUIDE = [
    "Fill in the Figures sheet and upload it on the same period's page of the portal.",
    "For a percentage or a rate, give the numerator and denominator where you have them: the value is "
    "computed from them. Otherwise give the value.",
    "Choose a status from the list. A figure not available in time, or that cannot be reported "
    "reliably, needs no value. 'Validated' is offered only beside a figure already validated: a new or "
    "changed figure is entered as provisional, and its lead officer validates it in the portal.",
    "Type or paste values: a formula is refused.",
    "Do not add, remove or rename columns, and give each indicator one row only.",
    "A value that moves a long way from the previous figure needs 'Yes' under 'Confirm large change' "
    "and a comment.",
    "A figure already published to committee can be corrected: give the reason under 'Correction reason'.",
]


@dataclass(frozen=True)
class TemplateRow:
    reference: str
    title: str
    unit: str
    previous_period: str
    previous_value: Decimal | None
    """Rounded to `decimal_places`, as the indicator shows it."""
    value: Decimal | None
    numerator: Decimal | None
    denominator: Decimal | None
    status: str
    source: str
    commentary: str
    version: int
    decimal_places: int = 0
    status_labels: tuple[str, ...] = ()
    """The statuses this row may be given, when not the template's own list."""


def build_template(*, period_label: str, rows: list[TemplateRow], status_labels: list[str]) -> bytes:
    """A workbook listing each indicator due, its previous figure, and what is on record to change.

    Each row's Status list offers only what the upload accepts for it: `status_labels`, or the row's
    own where it has them (a figure already validated may keep "Validated")."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = SHEET
    sheet.append([column.heading for column in COLUMNS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    previous = COLUMNS.index(COLUMN_FOR["previous_value"]) + 1
    for number, row in enumerate(rows, start=2):
        sheet.cell(row=number, column=1, value=period_label)
        for index, column in enumerate(COLUMNS[1:], start=2):
            value = _cell(getattr(row, column.field, None))
            if isinstance(value, str):
                safe_text(sheet.cell(row=number, column=index), value)
            else:
                sheet.cell(row=number, column=index, value=value)
        sheet.cell(row=number, column=previous).number_format = _number_format(row.decimal_places)
    last = len(rows) + 1
    for column in COLUMNS:
        sheet.column_dimensions[column.letter].width = column.width
        sheet.column_dimensions[column.letter].hidden = column.is_hidden
        if column.is_for_reference:
            index = COLUMNS.index(column) + 1
            for (cell,) in sheet.iter_rows(min_row=2, max_row=last, min_col=index, max_col=index):
                cell.fill = PatternFill("solid", fgColor="F3F2F1")
    for (cell,) in sheet.iter_rows(min_row=2, max_row=last, min_col=2, max_col=2):
        cell.number_format = "@"
    sheet.freeze_panes = "C2"
    _add_status_lists(sheet, rows, status_labels, last)
    confirm = COLUMN_FOR["confirm_change"].letter
    _add_list(sheet, COLUMN_FOR["confirm_change"], [YES, NO], [f"{confirm}2:{confirm}{last + 200}"])

    guide = workbook.create_sheet(GUIDE_SHEET)
    guide.column_dimensions["A"].width = 110
    guide.append([f"Figures for {period_label}"])
    guide["A1"].font = Font(bold=True, size=14)
    for line in GUIDE:
        guide.append([line])

    output = BytesIO()
    workbook.save(output)
    return output.getvalue()


def _cell(value):
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def _number_format(decimal_places: int) -> str:
    return "0." + "0" * decimal_places if decimal_places else "0"


def _add_status_lists(sheet, rows: list[TemplateRow], status_labels: list[str], last: int) -> None:
    """One list for the rows (and the blank rows below) offered the template's statuses, and one for
    each other set of statuses some rows are offered."""
    letter = COLUMN_FOR["status"].letter
    by_choices: dict[tuple[str, ...], list[str]] = {}
    for number, row in enumerate(rows, start=2):
        choices = tuple(row.status_labels or status_labels)
        by_choices.setdefault(choices, []).append(f"{letter}{number}")
    by_choices.setdefault(tuple(status_labels), []).append(f"{letter}{last + 1}:{letter}{last + 200}")
    for choices, cells in by_choices.items():
        _add_list(sheet, COLUMN_FOR["status"], list(choices), cells)


def _add_list(sheet, column: Column, choices: list[str], cells: list[str]) -> None:
    validation = DataValidation(
        type="list",
        formula1='"{}"'.format(",".join(choices)),
        allow_blank=True,
        showErrorMessage=True,
        errorTitle=column.heading,
        error=f"Choose one of: {', '.join(choices)}.",
    )
    sheet.add_data_validation(validation)
    for cell_range in cells:
        validation.add(cell_range)
