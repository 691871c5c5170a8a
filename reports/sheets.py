"""The appendix's sheets, each a declaration: its title, the table it prints (`reports.tables`,
`indicators.columns`) and the name of its defined table. One writer prints any of them, laid out
for the paper by `reports.print_layout`.

Headings name the periods they hold ("Latest Q2 2019/20"); a figure for another period says which.
Ratings and directions are written in words, their colour never the only signal.
"""

from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from openpyxl import Workbook

from indicators.assessment import RECENT_PERIODS
from indicators.columns import (
    APPENDIX,
    COMPARATOR_HEADINGS,
    FIGURE_KEYS,
    FIGURE_WIDTH,
    Column,
    Table,
    columns_of,
)
from indicators.columns import figure_heading as heading_for_slot
from indicators.lines import LineFigure
from indicators.rules.periods import Period
from reports.contents import ReportLine
from reports.print_layout import Number, Paper, PrintedColumn, Sheet, number_format
from reports.tables import NO_INDICATORS, TABLES, rating_of


@dataclass(frozen=True)
class SheetOf:
    """A sheet that prints a declared table."""

    title: str
    table_key: str
    """Its table's key in `reports.tables.TABLES`, read as the sheet is written."""
    name: str
    """The defined table's name (no spaces)."""

    @property
    def table(self) -> Table:
        return TABLES[self.table_key]


EXCEPTIONS_SHEET = SheetOf("Exceptions", "exceptions", "Exceptions")
ACTIONS_SHEET = SheetOf("Actions since last meeting", "actions", "Actions")
RATING_CHANGES_SHEET = SheetOf("Rating changes", "rating_changes", "RatingChanges")
CORRECTIONS_SHEET = SheetOf("Corrections", "corrections", "Corrections")
CAVEATS_SHEET = SheetOf("Data caveats", "caveats", "DataCaveats")
DECISIONS_SHEET = SheetOf("Decisions", "decisions", "Decisions")
PARTS_SHEET = SheetOf("By locality or team", "parts", "Breakdowns")
"""Titled by the dimensions the meeting chose ("By locality") when it is written."""
SHEET_TITLE_FORBIDDEN = set("[]:*?/\\")


def card_sheet(reference: str) -> SheetOf:
    """The sheet of an exception's report card: "Card 27-28" for indicator 27/28."""
    title = "Card " + "".join("-" if c in SHEET_TITLE_FORBIDDEN else c for c in reference)
    return SheetOf(title[:31], "card", "Card_" + "".join(c if c.isalnum() else "_" for c in reference))


def most_common(labels) -> str:
    counts = Counter(label for label in labels if label)
    return counts.most_common(1)[0][0] if counts else ""


def _period_of(column: Column, rows: list) -> str:
    """The period most of a figure column's cells are for ("" where they do not name one)."""
    if column.kind != "figure":
        return ""
    return most_common(column.cell(row).period for row in rows)


def _value(column: Column, row, period: str):
    shown = column.cell(row)
    if period and shown.period and shown.period != period:
        return f"{shown.text} ({shown.period})"
    if column.written is not None:
        return column.written(row)
    return shown.text if column.kind in ("figure", "rating") else shown.words


def _style(column: Column, row) -> str | None:
    if column.kind == "figure":
        return "Figure"
    if column.kind == "rating":
        rating = rating_of(column.cell(row))
        return f"RAG {rating.value}" if rating else None
    return None


def write_table(
    workbook: Workbook,
    sheet_of: SheetOf,
    rows: list,
    paper: Paper,
    *,
    header: str,
    title: str = "",
    headings: dict[str, str] | None = None,
    empty_message: str = "",
) -> None:
    """A sheet of a declared table: its columns shown in APPENDIX, one row per row, or the table's
    empty message (or the one given) on one line across the sheet."""
    columns = sheet_of.table.columns_in(APPENDIX)
    periods = {column.key: _period_of(column, rows) for column in columns}
    names = {
        column.key: (headings or {}).get(column.key)
        or f"{column.sheet_heading} {periods[column.key]}".strip()
        for column in columns
    }
    printed = [PrintedColumn(names[column.key], *column.printed_width) for column in columns]
    sheet = Sheet(workbook, title or sheet_of.title, printed, paper, table=sheet_of.name)
    for row in rows:
        styles = {
            number: style
            for number, column in enumerate(columns, start=1)
            if (style := _style(column, row)) is not None
        }
        sheet.add([_value(column, row, periods[column.key]) for column in columns], styles=styles)
    if not rows:
        sheet.add_message(empty_message or sheet_of.table.empty_message)
    sheet.finish(header)


# The index and its comparators: the index's declared columns (`indicators.columns`), read from lines.


def figure_headings(lines: list[ReportLine]) -> tuple[list[str], list[Period | None]]:
    """Each figure column named by the period most indicators show in it ("Q2 2019/20"), and those
    periods (None for a column no indicator has a figure in)."""
    periods = (
        [
            most_common(figure.period for figure in slot if figure) or None
            for slot in zip(*(line.slots for line in lines), strict=True)
        ]
        if lines
        else [None] * (RECENT_PERIODS + 1)
    )
    headings = [heading_for_slot(slot, period.label if period else "") for slot, period in enumerate(periods)]
    return headings, periods


def figure_value(figure: LineFigure | None, period: Period | None, fmt: str):
    """A figure as a number when it is for its column's period, else its text saying which period."""
    if figure is None:
        return None
    if figure.period != period:
        return f"{figure.text} ({figure.period.label})"
    return Number(figure.value, fmt) if figure.value is not None else figure.text


def comparator_value(line: ReportLine, kind: str, year: str, fmt: str):
    """A comparator as a number when it is for its column's year, else its words saying which year."""
    comparator = line.comparators.get(kind)
    if comparator is None:
        return None
    shown = line.comparator_shown(kind)
    if shown.period != year:
        return f"{shown.text} ({shown.period})"
    return Number(Decimal(comparator["value"]), fmt) if shown.is_number else shown.text


def index_value(column: Column, line: ReportLine, periods: dict[str, str]):
    """A cell of the index sheet, read from the line: a figure for its column's period as a number."""
    if column.kind == "figure":
        figure = line.slots[FIGURE_KEYS.index(column.key)]
        return figure_value(figure, periods[column.key], number_format(line.unit, line.decimal_places))
    if column.kind == "direction":
        return f"{line.direction_arrow} {line.direction_shown.words}"
    return column.cell(line).words


def index_styles(line: ReportLine) -> dict[int, str]:
    styles = {}
    for number, column in enumerate(columns_of(APPENDIX), start=1):
        if column.kind == "figure":
            styles[number] = "Figure"
        elif column.kind == "rating":
            styles[number] = f"RAG {line.rating.value}"
    return styles


def write_index(workbook: Workbook, lines: list[ReportLine], paper: Paper, *, header: str) -> None:
    headings, periods = figure_headings(lines)
    by_key = dict(zip(FIGURE_KEYS, periods, strict=True))
    heading_of = dict(zip(FIGURE_KEYS, headings, strict=True))
    columns = columns_of(APPENDIX)
    printed = [
        PrintedColumn(heading_of.get(column.key, column.sheet_heading), *column.printed_width)
        for column in columns
    ]
    sheet = Sheet(workbook, "Performance index", printed, paper, table="PerformanceIndex")
    for line in lines:
        sheet.add([index_value(column, line, by_key) for column in columns], styles=index_styles(line))
    if not lines:
        sheet.add_message(NO_INDICATORS)
    sheet.finish(header)


def write_comparators(workbook: Workbook, lines: list[ReportLine], paper: Paper, *, header: str) -> None:
    headings, periods = figure_headings(lines)
    years = {
        kind: most_common(line.comparator_shown(kind).period for line in lines)
        for kind in COMPARATOR_HEADINGS
    }
    printed = [
        PrintedColumn("Ref", 5),
        PrintedColumn("Indicator", 24, grows=1),
        PrintedColumn(headings[-1], FIGURE_WIDTH),
        *(
            PrintedColumn(f"{name} {years[kind]}".strip(), FIGURE_WIDTH)
            for kind, name in COMPARATOR_HEADINGS.items()
        ),
        PrintedColumn("Commentary", 30, grows=3),
    ]
    sheet = Sheet(workbook, "Comparators and commentary", printed, paper, table="ComparatorsAndCommentary")
    for line in lines:
        fmt = number_format(line.unit, line.decimal_places)
        sheet.add(
            [
                line.reference,
                line.title,
                figure_value(line.latest, periods[-1], fmt),
                *(comparator_value(line, kind, years[kind], fmt) for kind in COMPARATOR_HEADINGS),
                line.commentary,
            ],
            styles=dict.fromkeys(range(3, 7), "Figure"),
        )
    if not lines:
        sheet.add_message(NO_INDICATORS)
    sheet.finish(header)
