"""The committee appendix as an Excel workbook: plain data in, bytes out.

An officer sends it to committee services unchanged, so every sheet prints on A4 landscape with
its header row repeated, has a frozen header and filters, and says in words what colour says.
Text that begins with =, +, - or @ is written as text, never as a formula.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from indicators.spreadsheets import safe_text
from reports.contents import ReportCorrection, ReportFigure, ReportLine

RAG_COLOURS = {
    "green": ("CCE2D8", "005A30"),
    "amber": ("FFE8B0", "4D2F00"),
    "red": ("F4CDC6", "6B1111"),
    "not_rated": ("EEEFEF", "383F43"),
    "no_data": ("EEEFEF", "383F43"),
}
ARROWS = {"improving": "\u25b2", "worsening": "\u25bc", "same": "\u25ac", "not_comparable": "\u2013"}
UNIT_SUFFIX = {"percent": '"%"', "weeks": '" weeks"', "days": '" days"'}


@dataclass(frozen=True)
class DecisionRow:
    meeting: date
    text: str
    effect: str
    status: str
    taken_out: str
    brought_in: str


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


def number_format(unit: str, decimal_places: int) -> str:
    """Excel's number format for a figure in this unit: 71.0 is shown "71%", 28 "28 weeks"."""
    decimals = "." + "0" * decimal_places if decimal_places else ""
    return ("#,##0" if unit != "percent" else "0") + decimals + UNIT_SUFFIX.get(unit, "")


class Sheet:
    """One sheet: a header row, rows of values, and the print set-up every sheet shares."""

    def __init__(self, workbook: Workbook, title: str, columns: list[tuple[str, int]], *, freeze: str = "A2"):
        self.ws: Worksheet = workbook.create_sheet(title)
        self.columns = columns
        self.row = 1
        for index, (header, width) in enumerate(columns, start=1):
            cell = self.ws.cell(row=1, column=index)
            cell.value = header
            cell.style = "Header"
            self.ws.column_dimensions[get_column_letter(index)].width = width
        self.ws.freeze_panes = freeze

    def add(self, values: list) -> int:
        self.row += 1
        for index, value in enumerate(values, start=1):
            cell = self.ws.cell(row=self.row, column=index)
            cell.style = "Body"
            if isinstance(value, str):
                safe_text(cell, value)
            else:
                cell.value = value
        return self.row

    def add_group(self, title: str) -> None:
        self.row += 1
        cell = self.ws.cell(row=self.row, column=1)
        safe_text(cell, title)
        for index in range(1, len(self.columns) + 1):
            self.ws.cell(row=self.row, column=index).style = "Group"
        self.ws.merge_cells(
            start_row=self.row, start_column=1, end_row=self.row, end_column=len(self.columns)
        )

    def add_empty(self, text: str) -> None:
        self.add([text])

    def finish(self) -> None:
        last = get_column_letter(len(self.columns))
        self.ws.auto_filter.ref = f"A1:{last}{max(self.row, 2)}"
        self.ws.print_title_rows = "1:1"
        setup = self.ws.page_setup
        setup.orientation = "landscape"
        setup.paperSize = self.ws.PAPERSIZE_A4
        setup.fitToWidth = 1
        setup.fitToHeight = 0
        self.ws.sheet_properties.pageSetUpPr.fitToPage = True
        self.ws.print_options.gridLines = False
        self.ws.page_margins.left = self.ws.page_margins.right = 0.4
        self.ws.oddFooter.center.text = "&A, page &P of &N"


def _styles(workbook: Workbook) -> None:
    edge = Side(style="thin", color="B1B4B6")
    border = Border(left=edge, right=edge, top=edge, bottom=edge)
    top_wrap = Alignment(vertical="top", wrap_text=True)
    workbook.add_named_style(
        NamedStyle(
            "Header",
            font=Font(bold=True, color="FFFFFF"),
            fill=PatternFill("solid", fgColor="1D4F91"),
            alignment=Alignment(vertical="top", wrap_text=True),
            border=border,
        )
    )
    workbook.add_named_style(NamedStyle("Body", alignment=top_wrap, border=border))
    workbook.add_named_style(
        NamedStyle("Group", font=Font(bold=True), fill=PatternFill("solid", fgColor="E8E9EA"), border=border)
    )
    for rating, (fill, ink) in RAG_COLOURS.items():
        workbook.add_named_style(
            NamedStyle(
                f"RAG {rating}",
                font=Font(bold=True, color=ink),
                fill=PatternFill("solid", fgColor=fill),
                alignment=Alignment(horizontal="center", vertical="top"),
                border=border,
            )
        )


def _figure(sheet: Sheet, column: int, figure: ReportFigure | None, fmt: str) -> None:
    cell = sheet.ws.cell(row=sheet.row, column=column)
    if figure is None:
        return
    if figure.value is None:
        safe_text(cell, figure.text)
        cell.alignment = Alignment(horizontal="right", vertical="top", wrap_text=True)
        return
    cell.value = Decimal(figure.value)
    cell.number_format = fmt


INDEX_COLUMNS = [
    ("Ref", 7),
    ("Indicator", 48),
    ("Polarity", 14),
    ("Previous year end", 12),
    ("Latest \N{MINUS SIGN} 3", 11),
    ("Latest \N{MINUS SIGN} 2", 11),
    ("Latest \N{MINUS SIGN} 1", 11),
    ("Latest", 11),
    ("Latest period", 11),
    ("Target", 16),
    ("RAG", 10),
    ("Direction of travel", 17),
    ("Statistical neighbours", 16),
    ("Region", 16),
    ("England", 16),
    ("Commentary", 60),
]


def _comparator(line: ReportLine, kind: str) -> str:
    comparator = line.comparators.get(kind)
    return f"{comparator['text']} ({comparator['year']})" if comparator else ""


def _index(workbook: Workbook, data: AppendixData) -> None:
    sheet = Sheet(workbook, "Performance index", INDEX_COLUMNS, freeze="C2")
    area = None
    for line in data.lines:
        if line.service_area != area:
            area = line.service_area
            sheet.add_group(area)
        latest = line.latest
        row = sheet.add(
            [
                line.reference,
                line.title,
                line.polarity,
                None,
                None,
                None,
                None,
                None,
                latest.period if latest else "",
                line.target,
                line.rating.label,
                f"{ARROWS[line.direction.value]} {line.direction.label}",
                _comparator(line, "neighbours"),
                _comparator(line, "region"),
                _comparator(line, "england"),
                line.commentary,
            ]
        )
        fmt = number_format(line.unit, line.decimal_places)
        _figure(sheet, 4, line.previous_year_end, fmt)
        padded = [None] * (4 - len(line.figures)) + list(line.figures)
        for offset, figure in enumerate(padded):
            _figure(sheet, 5 + offset, figure, fmt)
        sheet.ws.cell(row=row, column=11).style = f"RAG {line.rating.value}"
    if not data.lines:
        sheet.add_empty("No indicators in this report.")
    sheet.finish()


def _exceptions(workbook: Workbook, data: AppendixData) -> None:
    sheet = Sheet(
        workbook,
        "Exceptions",
        [
            ("Ref", 7),
            ("Indicator", 40),
            ("RAG", 10),
            ("Latest", 12),
            ("Target", 16),
            ("Why it is an exception", 28),
            ("Management commentary", 60),
            ("Corrective actions", 45),
        ],
    )
    exceptions = [line for line in data.lines if line.is_exception]
    for line in exceptions:
        row = sheet.add(
            [
                line.reference,
                line.title,
                line.rating.label,
                None,
                line.target,
                "; ".join(line.exception_reasons),
                line.management_commentary or line.commentary,
                line.corrective_actions,
            ]
        )
        _figure(sheet, 4, line.latest, number_format(line.unit, line.decimal_places))
        sheet.ws.cell(row=row, column=3).style = f"RAG {line.rating.value}"
    if not exceptions:
        sheet.add_empty("No indicator meets the exception criteria.")
    sheet.finish()


def _rating_changes(workbook: Workbook, data: AppendixData) -> None:
    sheet = Sheet(
        workbook,
        "Rating changes",
        [("Ref", 7), ("Indicator", 45), ("Rating change", 14), ("RAG now", 10), ("Narrative", 80)],
    )
    for line, change in data.rating_changes:
        row = sheet.add([line.reference, line.title, change, line.rating.label, line.narrative])
        sheet.ws.cell(row=row, column=4).style = f"RAG {line.rating.value}"
    if not data.rating_changes:
        sheet.add_empty(
            "No rating has changed since the previous meeting."
            if data.has_previous
            else "This is the committee's first report: there is no previous meeting to compare."
        )
    sheet.finish()


def _corrections(workbook: Workbook, data: AppendixData) -> None:
    sheet = Sheet(
        workbook,
        "Corrections",
        [
            ("Ref", 7),
            ("Indicator", 40),
            ("Period", 12),
            ("Previously reported", 14),
            ("Corrected to", 14),
            ("Reason", 60),
            ("Corrected on", 13),
            ("By", 18),
        ],
    )
    for line, correction in data.corrections:
        sheet.add(
            [
                line.reference,
                line.title,
                correction.period,
                correction.previous,
                correction.new,
                correction.reason,
                correction.corrected_date,
                correction.corrected_by,
            ]
        )
        sheet.ws.cell(row=sheet.row, column=7).number_format = "d mmm yyyy"
    if not data.corrections:
        sheet.add_empty("No figure has been corrected since the previous meeting.")
    sheet.finish()


def _caveats(workbook: Workbook, data: AppendixData) -> None:
    sheet = Sheet(
        workbook, "Caveats", [("Ref", 7), ("Indicator", 45), ("Period", 12), ("Figure", 22), ("Why", 80)]
    )
    caveats = [line for line in data.lines if line.caveat]
    for line in caveats:
        latest = line.latest
        sheet.add(
            [
                line.reference,
                line.title,
                latest.period if latest else "",
                latest.text if latest else "",
                line.caveat,
            ]
        )
    if not caveats:
        sheet.add_empty("Every figure in this report could be reported.")
    sheet.finish()


def _decisions(workbook: Workbook, data: AppendixData) -> None:
    sheet = Sheet(
        workbook,
        "Decisions",
        [
            ("Meeting", 13),
            ("Decision", 60),
            ("Effect", 18),
            ("Status", 13),
            ("Taken out", 22),
            ("Brought in", 22),
        ],
    )
    for decision in data.decisions:
        sheet.add(
            [
                decision.meeting,
                decision.text,
                decision.effect,
                decision.status,
                decision.taken_out,
                decision.brought_in,
            ]
        )
        sheet.ws.cell(row=sheet.row, column=1).number_format = "d mmm yyyy"
    if not data.decisions:
        sheet.add_empty("The committee has recorded no decisions yet.")
    sheet.finish()


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


def _cover(workbook: Workbook, data: AppendixData) -> None:
    ws = workbook.active
    ws.title = "Cover"
    rows = [
        (f"{data.committee}: performance report appendix", None),
        ("Council", data.council),
        ("Meeting", data.meeting_date),
        ("Data as at", data.as_at),
        ("Status", data.status),
        ("Indicators", len(data.lines)),
        ("Note", cover_note(data)),
        ("Sheets", "Performance index, Exceptions, Rating changes, Corrections, Caveats, Decisions"),
    ]
    for number, (label, value) in enumerate(rows, start=1):
        safe_text(ws.cell(row=number, column=1), label)
        ws.cell(row=number, column=1).font = Font(bold=True, size=14 if number == 1 else 11)
        cell = ws.cell(row=number, column=2)
        if isinstance(value, str):
            safe_text(cell, value)
        else:
            cell.value = value
        if isinstance(value, date):
            cell.number_format = "d mmmm yyyy"
        cell.alignment = Alignment(vertical="top", wrap_text=True, horizontal="left")
    ws.column_dimensions["A"].width = 16
    ws.column_dimensions["B"].width = 90
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 1
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def appendix_workbook(data: AppendixData) -> bytes:
    """The appendix workbook's bytes: a cover, then one sheet per section of the report."""
    workbook = Workbook()
    _styles(workbook)
    _cover(workbook, data)
    _index(workbook, data)
    _exceptions(workbook, data)
    _rating_changes(workbook, data)
    _corrections(workbook, data)
    _caveats(workbook, data)
    _decisions(workbook, data)
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
