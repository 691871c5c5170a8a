"""The appendix's print layout: A4 (or A3) landscape pages, Arial at 9 pt, column widths that fit
the page, row heights for wrapped text, and the sheet that writes a table with its print set-up.

A clerk attaches the workbook to an agenda as it is, printed through Excel or LibreOffice, so each
sheet is laid out for its paper: columns that fit the page width at 100%, text of 9 pt, row heights
set for wrapped text, the heading row repeated on every page, page numbers in the footer. Each sheet
of data is a defined table with one heading row and no merged cells. Text that a spreadsheet would
read as a formula is written as text.
"""

from collections.abc import Callable
from copy import copy
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import lru_cache

from openpyxl import Workbook
from openpyxl.cell import Cell
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.table import Table, TableStyleInfo
from openpyxl.worksheet.worksheet import Worksheet

from indicators.rules.figures import SUFFIX
from indicators.spreadsheets import safe_text

FONT = "Arial"  # Liberation Sans where Arial is not installed: the same widths
BODY_SIZE = 9
LINE_HEIGHT = 1.17
"""A printed line's height as a multiple of the font size (LibreOffice prints 9 pt lines 10 pt apart)."""
RAG_COLOURS = {
    "green": ("CCE2D8", "005A30"),
    "amber": ("FFE8B0", "4D2F00"),
    "red": ("F4CDC6", "6B1111"),
    "not_rated": ("EEEFEF", "383F43"),
    "no_data": ("EEEFEF", "383F43"),
}


@dataclass(frozen=True)
class Paper:
    name: str
    size: str
    width: float
    """Landscape, in points."""

    @property
    def printable_width(self) -> float:
        return self.width - 2 * SIDE_MARGIN * 72


SIDE_MARGIN = 0.35  # inches
A4 = Paper("A4", Worksheet.PAPERSIZE_A4, 841.9)
A3 = Paper("A3", Worksheet.PAPERSIZE_A3, 1190.6)
PAPERS = {paper.name: paper for paper in (A4, A3)}
"""The papers a council may choose for its appendix (the APPENDIX_PAPER setting)."""


@dataclass(frozen=True)
class PrintedColumn:
    heading: str
    width: float
    """In Excel's units: characters of the default font's digits."""
    grows: int = 0
    """A share of the page width left over, for columns of running text."""


@dataclass(frozen=True)
class Number:
    """A figure kept as a number, shown in its unit by the cell's number format."""

    value: Decimal
    number_format: str


def number_format(unit: str, decimal_places: int) -> str:
    """Excel's number format that shows a figure as Indicator.format writes it: "71%", "31.0 per 10,000"."""
    decimals = "." + "0" * decimal_places if decimal_places else ""
    suffix = f'"{SUFFIX[unit]}"' if unit in SUFFIX else ""
    positive = f"#,##0{decimals}{suffix}"
    return f'{positive};"\N{MINUS SIGN}"{positive}'


def column_points(width: float) -> float:
    """A column's printed width in points: Excel's 7 pixels a character and 5 of padding, at 96 dpi."""
    return 0.75 * (7 * width + 5)


def fitted(columns: list[PrintedColumn], paper: Paper) -> list[PrintedColumn]:
    """The columns with the page width left over shared among those that grow."""
    spare = paper.printable_width - sum(column_points(column.width) for column in columns)
    if spare < 0:
        raise ValueError(f"{[c.heading for c in columns]} are wider than {paper.name} landscape.")
    shares = sum(column.grows for column in columns) or 1
    extra = spare / 0.75 / 7 * 0.98
    return [
        PrintedColumn(column.heading, round(column.width + extra * column.grows / shares, 1), column.grows)
        for column in columns
    ]


ARIAL_WIDTHS = {
    character: width
    for width, characters in {
        0.191: "'",
        0.222: "ijl",
        0.278: " !,./:;ftI[]|",
        0.333: "()-r",
        0.5: "cksvxyzJ",
        0.556: "abdeghnopqu0123456789#$?_L",
        0.611: "FTZ",
        0.667: "&ABEKPSVXY",
        0.722: "wCDHNRU",
        0.778: "GOQ",
        0.833: "mM",
        0.889: "%",
        0.944: "W",
        1.015: "@",
    }.items()
    for character in characters
}
"""Arial's character widths in ems (Liberation Sans has the same); others count as 0.8."""


@lru_cache(maxsize=4096)
def text_points(text: str, size: float = BODY_SIZE) -> float:
    """How wide the text prints in Arial at this size, a little generously (bold is wider).

    Kept for the words met most recently: a row's height is worked out word by word, and the same
    words (titles, ratings, periods) recur on every sheet.
    """
    return sum(ARIAL_WIDTHS.get(character, 0.8) for character in text) * size * 1.06


def printed_lines(text: str, width_points: float, size: float = BODY_SIZE) -> int:
    """How many lines a wrapped cell's text takes, breaking between words as the spreadsheet does."""
    space = text_points(" ", size)
    lines = 0
    for paragraph in text.split("\n"):
        lines += 1
        used = 0.0
        for word in paragraph.split(" "):
            width = text_points(word, size)
            if used and used + space + width > width_points:
                lines += 1
                used = 0.0
            used = used + space + width if used else width
            while used > width_points:
                lines += 1
                used -= width_points
    return lines


def row_height(texts: list[tuple[str, float]], size: float = BODY_SIZE) -> float:
    """The height a row needs so that every wrapped cell's text shows in full: (text, column width)."""
    lines = max((printed_lines(text, column_points(width) - 4, size) for text, width in texts), default=1)
    return min(409, round(lines * size * LINE_HEIGHT + 4, 1))


def write_cell(cell, value) -> None:
    if isinstance(value, str):
        safe_text(cell, value)
        if value.startswith(("\t", "\r")):
            cell.quotePrefix = True
    elif isinstance(value, Number):
        cell.value = value.value
        cell.number_format = value.number_format
    else:
        cell.value = value
    if isinstance(value, date):
        cell.number_format = "d mmm yyyy"


class Sheet:
    """One sheet of data: a heading row, rows of values, a defined table, and its print set-up."""

    def __init__(
        self, workbook: Workbook, title: str, columns: list[PrintedColumn], paper: Paper, *, table: str
    ):
        self.ws: Worksheet = workbook.create_sheet(title)
        self.give_style = style_giver(workbook)
        self.columns = fitted(columns, paper)
        self.paper = paper
        self.table = table
        self.row = 0
        self.add([column.heading for column in self.columns], style="Header")
        self.ws.freeze_panes = "A2"

    def add(self, values: list, *, style: str = "Body", styles: dict[int, str] | None = None) -> int:
        self.row += 1
        texts = []
        for index, (column, value) in enumerate(zip(self.columns, values, strict=False), start=1):
            cell = self.ws.cell(row=self.row, column=index)
            self.give_style(cell, (styles or {}).get(index, style))
            write_cell(cell, value)
            if isinstance(value, str):
                texts.append((value, column.width))
        self.ws.row_dimensions[self.row].height = row_height(texts)
        return self.row

    def add_message(self, text: str) -> int:
        """A sentence standing for an empty sheet ("No figure has been corrected ..."), printed on one
        line across the sheet: it sits in the first cell unwrapped, so it runs on over the empty
        cells beside it rather than breaking a word to a line in a narrow column. No cells are merged:
        the sheet stays a table a screen reader and a filter can read."""
        self.row += 1
        cell = self.ws.cell(row=self.row, column=1)
        self.give_style(cell, "Message")
        write_cell(cell, text)
        self.ws.row_dimensions[self.row].height = row_height([])
        return self.row

    def finish(self, header: str) -> None:
        last = get_column_letter(len(self.columns))
        for index, column in enumerate(self.columns, start=1):
            self.ws.column_dimensions[get_column_letter(index)].width = column.width
        table = Table(displayName=self.table, ref=f"A1:{last}{max(self.row, 2)}")
        table.tableStyleInfo = TableStyleInfo(name="TableStyleLight1", showRowStripes=False)
        self.ws.add_table(table)
        self.ws.print_title_rows = "1:1"
        print_set_up(self.ws, self.paper, header)


def style_giver(workbook: Workbook) -> Callable[[Cell, str], None]:
    """What gives a cell one of the workbook's named styles, as `cell.style = name` does.

    openpyxl looks a named style up by name, through a list of the workbook's styles, for every cell
    it is given to (some six thousand in an appendix); this looks each style up once for the sheet.
    openpyxl has no public way to give a cell a style already looked up: a cell's style is its private
    `_style`, a copy of the named style's array (font, fill, border, alignment), as `cell.style` makes.
    """
    arrays = {style.name: style.as_tuple() for style in workbook._named_styles}

    def give(cell: Cell, name: str) -> None:
        cell._style = copy(arrays[name])

    return give


def print_set_up(ws: Worksheet, paper: Paper, header: str) -> None:
    """Landscape on the chosen paper at 100%, margins, and a header and footer on every page.

    Fit to one page wide is a safety net: the columns are laid out to fit already, so it never shrinks
    the 9 pt text below 8 pt.
    """
    setup = ws.page_setup
    setup.orientation = "landscape"
    setup.paperSize = paper.size
    setup.fitToWidth = 1
    setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.gridLines = False
    margins = ws.page_margins
    margins.left = margins.right = SIDE_MARGIN
    margins.top = margins.bottom = 0.6
    margins.header = margins.footer = 0.25
    for part, text in (
        (ws.oddHeader.left, header.replace("&", "&&")),
        (ws.oddFooter.center, "&A, page &P of &N"),
    ):
        part.text, part.size, part.font = text, BODY_SIZE + 1, f"{FONT},Regular"


def add_styles(workbook: Workbook) -> None:
    edge = Side(style="thin", color="B1B4B6")
    border = Border(left=edge, right=edge, top=edge, bottom=edge)
    top_wrap = Alignment(vertical="top", wrap_text=True)
    body = Font(name=FONT, size=BODY_SIZE)
    workbook.add_named_style(
        NamedStyle(
            "Header",
            font=Font(name=FONT, size=BODY_SIZE, bold=True, color="FFFFFF"),
            fill=PatternFill("solid", fgColor="1D4F91"),
            alignment=top_wrap,
            border=border,
        )
    )
    workbook.add_named_style(NamedStyle("Body", font=body, alignment=top_wrap, border=border))
    workbook.add_named_style(
        NamedStyle(
            "Message", font=body, alignment=Alignment(horizontal="left", vertical="top", wrap_text=False)
        )
    )
    workbook.add_named_style(
        NamedStyle(
            "Figure",
            font=body,
            alignment=Alignment(horizontal="right", vertical="top", wrap_text=True),
            border=border,
        )
    )
    for rating, (fill, ink) in RAG_COLOURS.items():
        workbook.add_named_style(
            NamedStyle(
                f"RAG {rating}",
                font=Font(name=FONT, size=BODY_SIZE, bold=True, color=ink),
                fill=PatternFill("solid", fgColor=fill),
                alignment=Alignment(horizontal="center", vertical="top", wrap_text=True),
                border=border,
            )
        )
