"""The committee appendix as an Excel workbook: plain data in, bytes out.

It assembles the sheets: a cover, the performance index and its comparators, then one sheet for
each of the meeting's tables as `reports.sheets` declares them, laid out for A4 (or A3) landscape by
`reports.print_layout`.
"""

from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from io import BytesIO
from zipfile import ZIP_DEFLATED, ZipFile

from openpyxl import Workbook
from openpyxl.drawing.spreadsheet_drawing import SpreadsheetDrawing
from openpyxl.styles import Alignment, Font
from openpyxl.utils.indexed_list import IndexedList
from openpyxl.worksheet._writer import WorksheetWriter
from openpyxl.writer.excel import ExcelWriter

from indicators.spreadsheets import safe_text
from reports.actions import ReportAction
from reports.cards import Card
from reports.contents import ReportCorrection, ReportLine
from reports.parts import ReportBreakdown, sheet_name
from reports.print_layout import (
    A4,
    FONT,
    LINE_HEIGHT,
    Paper,
    PrintedColumn,
    add_styles,
    column_points,
    fitted,
    number_format,
    print_set_up,
    printed_lines,
    write_cell,
)
from reports.sheets import (
    ACTIONS_SHEET,
    CAVEATS_SHEET,
    CORRECTIONS_SHEET,
    DECISIONS_SHEET,
    EXCEPTIONS_SHEET,
    PARTS_SHEET,
    RATING_CHANGES_SHEET,
    card_sheet,
    write_comparators,
    write_index,
    write_table,
)
from reports.tables import FIRST_REPORT, CardRow, CorrectionRow, DecisionRow, RatingChange, part_rows


@dataclass(frozen=True)
class AppendixData:
    council: str
    committee: str
    meeting_date: date
    as_at: date
    status: str
    lines: list[ReportLine]
    rating_changes: list[tuple[ReportLine, str]]
    corrections: list[tuple[ReportLine, ReportCorrection]]
    decisions: list[DecisionRow] = field(default_factory=list)
    withheld: int = 0
    shows_small_numbers: bool = False
    small_number_threshold: int = 5
    has_previous: bool = True
    breakdowns: list[ReportBreakdown] = field(default_factory=list)
    """The chosen indicators' parts by locality or team, as the reader may see them."""
    cards: list[Card] = field(default_factory=list)
    """A report card for each exception, Red first, as the reader may see it (reports/cards.py)."""
    actions: list[ReportAction] = field(default_factory=list)
    """Actions since the last meeting, as the reader may see them (reports/actions.py)."""


def header_of(data: AppendixData) -> str:
    """The header printed on every page."""
    return f"{data.committee}, {data.meeting_date:%-d %B %Y}: performance appendix"


def _tables(workbook: Workbook, data: AppendixData, paper: Paper) -> None:
    """A sheet for each of the meeting's tables, in the order of the report."""
    header = header_of(data)
    exceptions = [line for line in data.lines if line.is_exception]
    write_table(workbook, EXCEPTIONS_SHEET, exceptions, paper, header=header)
    write_table(workbook, ACTIONS_SHEET, list(data.actions), paper, header=header)
    for card in data.cards:
        write_table(
            workbook,
            card_sheet(card.line.reference),
            [CardRow(*row) for row in card.rows],
            paper,
            header=header,
            headings={"part": f"Report card: {card.line.reference}", "text": card.line.title},
        )
    write_table(
        workbook,
        RATING_CHANGES_SHEET,
        [RatingChange(*row) for row in data.rating_changes],
        paper,
        header=header,
        empty_message="" if data.has_previous else FIRST_REPORT,
    )
    write_table(
        workbook, CORRECTIONS_SHEET, [CorrectionRow(*row) for row in data.corrections], paper, header=header
    )
    write_table(workbook, CAVEATS_SHEET, [line for line in data.lines if line.caveat], paper, header=header)
    write_table(workbook, DECISIONS_SHEET, list(data.decisions), paper, header=header)
    if data.breakdowns:
        formats = {line.indicator_id: number_format(line.unit, line.decimal_places) for line in data.lines}
        dimensions = list(dict.fromkeys(breakdown.dimension for breakdown in data.breakdowns))
        rows = [
            row
            for breakdown in data.breakdowns
            for row in part_rows(breakdown, formats.get(breakdown.indicator_id, "General"))
        ]
        write_table(
            workbook,
            PARTS_SHEET,
            rows,
            paper,
            header=header,
            title=sheet_name(data.breakdowns),
            headings={"part": dimensions[0]} if len(dimensions) == 1 else None,
        )


def cover_note(data: AppendixData) -> str:
    """What the workbook leaves out, and why, in words the recipient can act on."""
    if data.shows_small_numbers:
        return (
            "This workbook includes restricted (Part 2) indicators and small numbers. "
            "It is not for publication: share it only with people allowed to see them."
        )
    return (
        f"Restricted (Part 2) indicators are left out of this workbook ({data.withheld} withheld), and small "
        f"numbers (1 to {data.small_number_threshold}) are shown as [c], because they could identify a child."
    )


def title_of(data: AppendixData) -> str:
    return f"{data.committee}: performance report appendix, {data.meeting_date:%-d %B %Y}"


def _cover(workbook: Workbook, data: AppendixData, paper: Paper) -> None:
    ws = workbook.active
    ws.title = "Cover"
    label, value = fitted([PrintedColumn("", 16), PrintedColumn("", 60, grows=1)], paper)
    ws.column_dimensions["A"].width = label.width
    ws.column_dimensions["B"].width = value.width
    safe_text(ws["A1"], title_of(data))
    ws["A1"].font = Font(name=FONT, size=14, bold=True)
    ws.row_dimensions[1].height = 24
    rows = [
        ("Council", data.council),
        ("Meeting", data.meeting_date),
        ("Data as at", data.as_at),
        ("Status", data.status),
        ("Indicators", len(data.lines)),
        ("Note", cover_note(data)),
        ("Sheets", ", ".join(workbook.sheetnames[1:])),
    ]
    for number, (name, text) in enumerate(rows, start=2):
        safe_text(ws.cell(row=number, column=1), name)
        ws.cell(row=number, column=1).font = Font(name=FONT, size=11, bold=True)
        ws.cell(row=number, column=1).alignment = Alignment(vertical="top")
        cell = ws.cell(row=number, column=2)
        write_cell(cell, text)
        cell.font = Font(name=FONT, size=11)
        if isinstance(text, date):
            cell.number_format = "d mmmm yyyy"
        cell.alignment = Alignment(vertical="top", wrap_text=True, horizontal="left")
        lines = printed_lines(text, column_points(value.width) - 4, 11) if isinstance(text, str) else 1
        ws.row_dimensions[number].height = round(lines * 11 * LINE_HEIGHT + 4, 1)
    print_set_up(ws, paper, header_of(data))


def appendix_workbook(data: AppendixData, *, paper: Paper = A4) -> bytes:
    """The appendix workbook's bytes: a cover, then one sheet per section of the report."""
    workbook = Workbook()
    workbook.properties.title = title_of(data)
    workbook.properties.subject = (
        "Performance index, exceptions, actions, rating changes, corrections and decisions"
    )
    workbook.properties.creator = data.council
    workbook.properties.language = "en-GB"
    # Column widths are counted in the default font's digits: Calibri, where it is missing, is
    # replaced by a wider font and the columns no longer fit the page, so the default is Arial.
    default = Font(name=FONT, size=10, family=2)
    workbook._fonts = IndexedList([default])  # openpyxl has no public setter
    workbook._named_styles["Normal"].font = default
    add_styles(workbook)
    write_index(workbook, data.lines, paper, header=header_of(data))
    write_comparators(workbook, data.lines, paper, header=header_of(data))
    _tables(workbook, data, paper)
    _cover(workbook, data, paper)
    return workbook_bytes(workbook)


class _SheetsInMemory(ExcelWriter):
    """openpyxl's writer, each sheet written to memory rather than to a temporary file.

    openpyxl writes every sheet to a temporary file, reads it back and deletes it: with a card sheet
    for each exception that is a hundred files for one appendix, and on a machine whose disk is busy
    they took up to half the time of saving it. openpyxl has no public way to write a sheet elsewhere,
    so this method is openpyxl 3.1's own `write_worksheet` with a buffer in place of the file.
    """

    def write_worksheet(self, ws):
        ws._drawing = SpreadsheetDrawing()
        ws._drawing.charts = ws._charts
        ws._drawing.images = ws._images
        writer = WorksheetWriter(ws, out=BytesIO())
        writer.write()
        ws._rels = writer._rels
        self._archive.writestr(ws.path[1:], writer.read())
        self.manifest.append(ws)


def workbook_bytes(workbook: Workbook) -> bytes:
    """The workbook's bytes, as `Workbook.save` writes them."""
    buffer = BytesIO()
    workbook.properties.modified = datetime.now(UTC).replace(tzinfo=None)
    _SheetsInMemory(workbook, ZipFile(buffer, "w", ZIP_DEFLATED, allowZip64=True)).save()
    return buffer.getvalue()
