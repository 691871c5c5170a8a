"""A period's figures by locality or team as a workbook to fill in, and reading it back.

The file is bounded as the period upload bounds it (size, archive, rows) before openpyxl reads it in
read-only mode. A row names its member as the template does; the hidden Version column carries the
version each figure had when the template was downloaded, so a figure saved since is a conflict.
"""

from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from indicators.entry.upload import UploadRefusedError, uploaded_workbook
from indicators.rules.entry import parse_number
from indicators.spreadsheets import safe_text

SHEET = "Figures by part"
MAX_ROWS = 200


def headings(dimension: str, *, is_proportion: bool) -> list[str]:
    return [dimension, *(("Numerator", "Denominator") if is_proportion else ("Value",)), "Version"]


def template_workbook(
    *, dimension: str, is_proportion: bool, rows: list[tuple[str, list[str | None], int]]
) -> bytes:
    """One row per member: its name, its figures as on record (blank for none) and their version."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = SHEET
    heads = headings(dimension, is_proportion=is_proportion)
    sheet.append(heads)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for number, (name, figures, version) in enumerate(rows, start=2):
        safe_text(sheet.cell(number, 1), name)
        for column, figure in enumerate(figures, start=2):
            sheet.cell(number, column, float(figure) if figure is not None else None)
        sheet.cell(number, len(figures) + 2, version)
    sheet.column_dimensions["A"].width = 30
    sheet.column_dimensions[get_column_letter(len(heads))].hidden = True
    sheet.freeze_panes = "B2"
    out = BytesIO()
    workbook.save(out)
    return out.getvalue()


def read_parts(
    data: bytes, *, max_bytes: int, dimension: str, is_proportion: bool, names: list[str]
) -> dict[str, dict[str, str]]:
    """Each member's typed figures and version by name, as the entry form reads them.

    Raises UploadRefusedError naming every problem: not a workbook, the wrong columns, a member
    the period does not have or one missing, a figure that is not a number.
    """
    unreadable = "The file could not be read as an Excel workbook; save it from Excel as .xlsx"
    with uploaded_workbook(data, max_bytes=max_bytes, unreadable=unreadable, data_only=True) as workbook:
        if SHEET not in workbook.sheetnames:
            raise UploadRefusedError(
                [f"The workbook has no sheet called '{SHEET}': use this page's spreadsheet"]
            )
        rows = list(workbook[SHEET].iter_rows(max_row=MAX_ROWS + 1, max_col=6, values_only=True))
    expected = headings(dimension, is_proportion=is_proportion)
    if not rows or [str(cell or "").strip() for cell in rows[0][: len(expected)]] != expected:
        raise UploadRefusedError(
            [f"The first row must be the headings {', '.join(expected)}: use this page's spreadsheet"]
        )
    fields = ["numerator", "denominator"] if is_proportion else ["value"]
    problems, found = [], {}
    for number, row in enumerate(rows[1:], start=2):
        name = str(row[0] or "").strip()
        if not name and not any(cell not in (None, "") for cell in row):
            continue
        if name not in names:
            problems.append(f"Row {number}: '{name}' is not a {dimension.lower()} in use in this period")
            continue
        typed = {}
        for field, cell in zip([*fields, "version"], row[1 : len(fields) + 2], strict=False):
            text = _typed(cell)
            try:
                parse_number(text)
            except ValueError as error:
                problems.append(f"Row {number}, {field}: {error}")
            typed[field] = text
        found[name] = typed
    problems.extend(
        f"{name} is missing: the spreadsheet needs a row for it" for name in names if name not in found
    )
    if problems:
        raise UploadRefusedError(problems)
    return found


def _typed(cell) -> str:
    """A cell as the officer would have typed it: 25, not 25.0."""
    if cell is None:
        return ""
    if isinstance(cell, float):
        return str(int(cell)) if cell.is_integer() else repr(cell)
    return str(cell).strip()
