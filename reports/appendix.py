"""The committee appendix as an Excel workbook: plain data in, bytes out.

A clerk attaches it to an agenda as it is, printed through Excel or LibreOffice, so each sheet is laid
out for its paper (A4 landscape unless the council chooses A3): columns that fit the page width at
100%, text of 9 pt, row heights set for wrapped text, the heading row repeated on every page, page
numbers in the footer. Each sheet of data is a defined table with one heading row and no merged
cells; headings name the periods they hold; colour is never the only signal (ratings are written in
words). Text that a spreadsheet would read as a formula is written as text.
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.utils.indexed_list import IndexedList
from openpyxl.worksheet.table import Table, TableStyleInfo
from openpyxl.worksheet.worksheet import Worksheet

from indicators.assessment import RECENT_PERIODS
from indicators.lines import APPENDIX, COMPARATOR_HEADINGS, FIGURE_KEYS, FIGURE_WIDTH, LineColumn, columns_of
from indicators.rules.figures import SUFFIX
from indicators.rules.periods import Period
from indicators.spreadsheets import safe_text
from reports.contents import ReportCorrection, ReportFigure, ReportLine
from reports.parts import ReportBreakdown, ReportPart, sheet_name

FONT = "Arial"  # Liberation Sans where Arial is not installed: the same widths
BODY_SIZE = 9
SMALLEST_PRINTED_SIZE = 8
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
    breakdowns: list[ReportBreakdown] = field(default_factory=list)
    """The chosen indicators' parts by locality or team, as the reader may see them."""


@dataclass(frozen=True)
class Column:
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


def fitted(columns: list[Column], paper: Paper) -> list[Column]:
    """The columns with the page width left over shared among those that grow."""
    spare = paper.printable_width - sum(column_points(column.width) for column in columns)
    if spare < 0:
        raise ValueError(f"{[c.heading for c in columns]} are wider than {paper.name} landscape.")
    shares = sum(column.grows for column in columns) or 1
    extra = spare / 0.75 / 7 * 0.98
    return [
        Column(column.heading, round(column.width + extra * column.grows / shares, 1), column.grows)
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


def text_points(text: str, size: float = BODY_SIZE) -> float:
    """How wide the text prints in Arial at this size, a little generously (bold is wider)."""
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


def _write(cell, value) -> None:
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

    def __init__(self, workbook: Workbook, title: str, columns: list[Column], paper: Paper, *, table: str):
        self.ws: Worksheet = workbook.create_sheet(title)
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
            cell.style = (styles or {}).get(index, style)
            _write(cell, value)
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
        cell.style = "Message"
        _write(cell, text)
        self.ws.row_dimensions[self.row].height = row_height([])
        return self.row

    def finish(self, data: AppendixData) -> None:
        last = get_column_letter(len(self.columns))
        for index, column in enumerate(self.columns, start=1):
            self.ws.column_dimensions[get_column_letter(index)].width = column.width
        table = Table(displayName=self.table, ref=f"A1:{last}{max(self.row, 2)}")
        table.tableStyleInfo = TableStyleInfo(name="TableStyleLight1", showRowStripes=False)
        self.ws.add_table(table)
        self.ws.print_title_rows = "1:1"
        print_set_up(self.ws, self.paper, data)


def print_set_up(ws: Worksheet, paper: Paper, data: AppendixData) -> None:
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
    header = f"{data.committee}, {data.meeting_date:%-d %B %Y}: performance appendix".replace("&", "&&")
    for part, text in ((ws.oddHeader.left, header), (ws.oddFooter.center, "&A, page &P of &N")):
        part.text, part.size, part.font = text, BODY_SIZE + 1, f"{FONT},Regular"


def _styles(workbook: Workbook) -> None:
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


def most_common(labels) -> str:
    counts = Counter(label for label in labels if label)
    return counts.most_common(1)[0][0] if counts else ""


def figure_slots(line: ReportLine) -> list[ReportFigure | None]:
    """The previous year end, then the recent periods oldest first, padded where there are fewer."""
    return line.slots


def figure_headings(lines: list[ReportLine]) -> tuple[list[str], list[Period | None]]:
    """Each figure column named by the period most indicators show in it ("Q2 2019/20"), and
    those periods (None for a column no indicator has a figure in)."""
    periods = (
        [
            most_common(figure.period for figure in slot if figure) or None
            for slot in zip(*(figure_slots(line) for line in lines), strict=True)
        ]
        if lines
        else [None] * (RECENT_PERIODS + 1)
    )
    labels = [period.label if period else "" for period in periods]
    fallback = ["", "Three periods before", "Two periods before", "Previous period", ""]
    headings = [label or fallback[number] for number, label in enumerate(labels)]
    headings[0] = f"Previous year end {labels[0]}".strip()
    headings[-1] = f"Latest {labels[-1]}".strip()
    return headings, periods


def figure_value(figure: ReportFigure | None, period: Period | None, fmt: str):
    """A figure as a number when it is for its column's period, else its text saying which period."""
    if figure is None:
        return None
    if figure.period != period:
        return f"{figure.text} ({figure.period.label})"
    return Number(figure.value, fmt) if figure.value is not None else figure.text


def comparator_value(comparator: dict | None, year: str, fmt: str):
    if comparator is None:
        return None
    if comparator["year"] != year:
        return f"{comparator['text']} ({comparator['year']})"
    return (
        Number(Decimal(comparator["value"]), fmt) if comparator["value"] is not None else comparator["text"]
    )


def direction_words(line: ReportLine) -> str:
    return f"{line.direction_arrow} {line.direction_shown.words}"


COMPARATOR_KINDS = COMPARATOR_HEADINGS


def index_columns(headings: list[str]) -> list[Column]:
    """The index sheet's columns: the line's declared columns, the figures headed by their periods."""
    period_headings = dict(zip(FIGURE_KEYS, headings, strict=True))
    return [
        Column(period_headings.get(column.key, column.sheet_heading), *column.printed_width)
        for column in columns_of(APPENDIX)
    ]


def index_value(column: LineColumn, line: ReportLine, periods: dict[str, str]):
    """A cell of the index sheet, read from the line: a figure for its column's period as a number."""
    if column.kind == "figure":
        figure = line.slots[FIGURE_KEYS.index(column.key)]
        return figure_value(figure, periods[column.key], number_format(line.unit, line.decimal_places))
    if column.kind == "direction":
        return direction_words(line)
    return column.cell(line).words


def index_styles(line: ReportLine) -> dict[int, str]:
    styles = {}
    for number, column in enumerate(columns_of(APPENDIX), start=1):
        if column.kind == "figure":
            styles[number] = "Figure"
        elif column.kind == "rating":
            styles[number] = f"RAG {line.rating.value}"
    return styles


def _index(workbook: Workbook, data: AppendixData, paper: Paper) -> None:
    headings, periods = figure_headings(data.lines)
    sheet = Sheet(workbook, "Performance index", index_columns(headings), paper, table="PerformanceIndex")
    by_key = dict(zip(FIGURE_KEYS, periods, strict=True))
    for line in data.lines:
        sheet.add(
            [index_value(column, line, by_key) for column in columns_of(APPENDIX)],
            styles=index_styles(line),
        )
    if not data.lines:
        sheet.add_message("No indicators in this report.")
    sheet.finish(data)


def _comparators(workbook: Workbook, data: AppendixData, paper: Paper) -> None:
    headings, periods = figure_headings(data.lines)
    years = {
        kind: most_common(line.comparators.get(kind, {}).get("year") for line in data.lines)
        for kind in COMPARATOR_KINDS
    }
    columns = [
        Column("Ref", 5),
        Column("Indicator", 24, grows=1),
        Column(headings[-1], FIGURE_WIDTH),
        *(Column(f"{name} {years[kind]}".strip(), FIGURE_WIDTH) for kind, name in COMPARATOR_KINDS.items()),
        Column("Commentary", 30, grows=3),
    ]
    sheet = Sheet(workbook, "Comparators and commentary", columns, paper, table="ComparatorsAndCommentary")
    for line in data.lines:
        fmt = number_format(line.unit, line.decimal_places)
        sheet.add(
            [
                line.reference,
                line.title,
                figure_value(line.latest, periods[-1], fmt),
                *(
                    comparator_value(line.comparators.get(kind), years[kind], fmt)
                    for kind in COMPARATOR_KINDS
                ),
                line.commentary,
            ],
            styles=dict.fromkeys(range(3, 7), "Figure"),
        )
    if not data.lines:
        sheet.add_message("No indicators in this report.")
    sheet.finish(data)


def _exceptions(workbook: Workbook, data: AppendixData, paper: Paper) -> None:
    headings, periods = figure_headings(data.lines)
    columns = [
        Column("Ref", 5),
        Column("Indicator", 20, grows=1),
        Column("Rating", 7),
        Column(headings[-1], FIGURE_WIDTH),
        Column("Target", 11),
        Column("Why it is an exception", 16),
        Column("Management commentary", 20, grows=2),
        Column("Corrective actions", 20, grows=2),
    ]
    sheet = Sheet(workbook, "Exceptions", columns, paper, table="Exceptions")
    exceptions = [line for line in data.lines if line.is_exception]
    for line in exceptions:
        sheet.add(
            [
                line.reference,
                line.title,
                line.rating.label,
                figure_value(line.latest, periods[-1], number_format(line.unit, line.decimal_places)),
                line.target,
                "; ".join(line.exception_reasons),
                line.management_commentary or line.commentary,
                line.corrective_actions,
            ],
            styles={3: f"RAG {line.rating.value}", 4: "Figure"},
        )
    if not exceptions:
        sheet.add_message("No indicator meets the exception criteria.")
    sheet.finish(data)


def _rating_changes(workbook: Workbook, data: AppendixData, paper: Paper) -> None:
    columns = [
        Column("Ref", 5),
        Column("Indicator", 24, grows=1),
        Column("Rating change", 9),
        Column("Rating now", 8),
        Column("Narrative", 40, grows=2),
    ]
    sheet = Sheet(workbook, "Rating changes", columns, paper, table="RatingChanges")
    for line, change in data.rating_changes:
        sheet.add(
            [line.reference, line.title, change, line.rating.label, line.narrative],
            styles={4: f"RAG {line.rating.value}"},
        )
    if not data.rating_changes:
        sheet.add_message(
            "No rating has changed since the previous meeting."
            if data.has_previous
            else "This is the committee's first report: there is no previous meeting to compare."
        )
    sheet.finish(data)


def _corrections(workbook: Workbook, data: AppendixData, paper: Paper) -> None:
    columns = [
        Column("Ref", 5),
        Column("Indicator", 24, grows=1),
        Column("Period", 11),
        Column("Previously reported", 12.5),
        Column("Corrected to", 12.5),
        Column("Reason", 30, grows=2),
        Column("Corrected on", 11),
        Column("By", 14),
    ]
    sheet = Sheet(workbook, "Corrections", columns, paper, table="Corrections")
    for line, correction in data.corrections:
        sheet.add(
            [
                line.reference,
                line.title,
                correction.period.label,
                correction.previous,
                correction.new,
                correction.reason,
                correction.corrected_date,
                correction.corrected_by,
            ],
            styles={4: "Figure", 5: "Figure"},
        )
    if not data.corrections:
        sheet.add_message("No figure has been corrected since the previous meeting.")
    sheet.finish(data)


def _caveats(workbook: Workbook, data: AppendixData, paper: Paper) -> None:
    columns = [
        Column("Ref", 5),
        Column("Indicator", 24, grows=1),
        Column("Period", 11),
        Column("Figure", 16),
        Column("Why it cannot be reported", 40, grows=2),
    ]
    sheet = Sheet(workbook, "Data caveats", columns, paper, table="DataCaveats")
    caveats = [line for line in data.lines if line.caveat]
    for line in caveats:
        latest = line.latest
        sheet.add(
            [
                line.reference,
                line.title,
                latest.period.label if latest else "",
                latest.text if latest else "",
                line.caveat,
            ]
        )
    if not caveats:
        sheet.add_message("Every figure in this report could be reported.")
    sheet.finish(data)


def _decisions(workbook: Workbook, data: AppendixData, paper: Paper) -> None:
    columns = [
        Column("Meeting", 11),
        Column("Decision", 40, grows=3),
        Column("Effect", 14),
        Column("Status", 11),
        Column("Indicators taken out", 20, grows=1),
        Column("Indicators brought in", 20, grows=1),
    ]
    sheet = Sheet(workbook, "Decisions", columns, paper, table="Decisions")
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
    if not data.decisions:
        sheet.add_message("The committee has recorded no decisions yet.")
    sheet.finish(data)


def part_note(part: ReportPart) -> str:
    """Why a part shows the mark, or for an officer, that members do not see it."""
    if part.marked:
        return part.marked.label
    if part.withheld:
        secondary = ": it would give away another part" if part.is_secondary else ""
        return f"Withheld from members{secondary}"
    return ""


def _number_or_text(number: Decimal | None, part: ReportPart):
    if part.marked:
        return part.text
    return Number(number, "General") if number is not None else ""


def _parts(workbook: Workbook, data: AppendixData, paper: Paper) -> None:
    """One row per part and one for the council, for each indicator the meeting chose."""
    dimensions = list(dict.fromkeys(breakdown.dimension for breakdown in data.breakdowns))
    columns = [
        Column("Ref", 5),
        Column("Indicator", 22, grows=2),
        Column(dimensions[0] if len(dimensions) == 1 else "Locality or team", 12),
        Column("Period", 11),
        Column("Figure", FIGURE_WIDTH),
        Column("Numerator", 10),
        Column("Denominator", 11),
        Column("Rating", 7),
        Column("Note", 20, grows=1),
    ]
    sheet = Sheet(workbook, sheet_name(data.breakdowns), columns, paper, table="Breakdowns")
    formats = {line.indicator_id: number_format(line.unit, line.decimal_places) for line in data.lines}
    for breakdown in data.breakdowns:
        if not breakdown.parts:
            sheet.add(
                [
                    breakdown.reference,
                    breakdown.title,
                    breakdown.dimension,
                    breakdown.period,
                    "No figures",
                    "",
                    "",
                    "",
                    f"No figures by {breakdown.dimension.lower()} were entered for the period.",
                ]
            )
            continue
        for part in breakdown.rows:
            figure = (
                Number(part.value, formats.get(breakdown.indicator_id, "General"))
                if part.value is not None and not part.marked
                else part.text
            )
            sheet.add(
                [
                    breakdown.reference,
                    breakdown.title,
                    part.name,
                    breakdown.period,
                    figure,
                    _number_or_text(part.numerator, part),
                    _number_or_text(part.denominator, part),
                    part.rating_text,
                    part_note(part) or (breakdown.parts_unrated if part is not breakdown.total else ""),
                ],
                styles={5: "Figure", 6: "Figure", 7: "Figure"}
                | ({} if part.marked else {8: f"RAG {part.rating.value}"}),
            )
    sheet.finish(data)


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
    label, value = fitted([Column("", 16), Column("", 60, grows=1)], paper)
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
        _write(cell, text)
        cell.font = Font(name=FONT, size=11)
        if isinstance(text, date):
            cell.number_format = "d mmmm yyyy"
        cell.alignment = Alignment(vertical="top", wrap_text=True, horizontal="left")
        lines = printed_lines(text, column_points(value.width) - 4, 11) if isinstance(text, str) else 1
        ws.row_dimensions[number].height = round(lines * 11 * LINE_HEIGHT + 4, 1)
    print_set_up(ws, paper, data)


def appendix_workbook(data: AppendixData, *, paper: Paper = A4) -> bytes:
    """The appendix workbook's bytes: a cover, then one sheet per section of the report."""
    workbook = Workbook()
    workbook.properties.title = title_of(data)
    workbook.properties.subject = "Performance index, exceptions, rating changes, corrections and decisions"
    workbook.properties.creator = data.council
    workbook.properties.language = "en-GB"
    # Column widths are counted in the default font's digits: Calibri, where it is missing, is
    # replaced by a wider font and the columns no longer fit the page, so the default is Arial.
    default = Font(name=FONT, size=10, family=2)
    workbook._fonts = IndexedList([default])  # openpyxl has no public setter
    workbook._named_styles["Normal"].font = default
    _styles(workbook)
    sections = [_index, _comparators, _exceptions, _rating_changes, _corrections, _caveats, _decisions]
    if data.breakdowns:
        sections.append(_parts)
    for section in sections:
        section(workbook, data, paper)
    _cover(workbook, data, paper)
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
