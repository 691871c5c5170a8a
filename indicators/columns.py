"""Tables declared once: each table's columns, headings, empty message and printed widths.

A column says how its cell is read from a row (an indicator's line, a report's correction, a part
by locality), how it is drawn ("text", "figure", "rating", "direction", "comparator", "band"),
which outputs show it, and its printed width on the appendix's sheet. Every output of a table (a
page, the committee pack, the appendix's sheet, open data) reads its columns from its declaration,
so adding a column to a table is one declaration.

The index's columns (COLUMNS) are read from an indicator's line (`indicators.lines`); a meeting's
tables are declared in `reports.tables`.
"""

from collections.abc import Callable
from dataclasses import dataclass
from operator import attrgetter
from typing import Any

from indicators.assessment import RECENT_PERIODS
from indicators.lines import IndicatorLine, Shown

LIVE, REPORT, APPENDIX = "live", "report", "appendix"
"""The indexes a column shows in: the live index page; the report page and the PDF pack; and the
appendix's index sheet (its comparators and commentary are on a sheet of their own)."""
PAGE, PACK, OPEN_DATA = "page", "pack", "open_data"
"""The outputs of a meeting's tables beside APPENDIX: the report page, the PDF pack, and the
report's open data."""
EVERY_OUTPUT = (PAGE, PACK, APPENDIX, OPEN_DATA)
EVERY_INDEX = (LIVE, REPORT, APPENDIX)
FIGURE_WIDTH = 13
"""A figure's printed width in the appendix: room for "302.5 per 10,000" (a wider number prints ###)."""
COMPARATOR_HEADINGS = {
    "neighbours": "Statistical neighbours",
    "region": "Region",
    "england": "England",
}


@dataclass(frozen=True)
class Column:
    """A column of a table: its key, its heading, how its cell is read from a row, how it is
    drawn ("text", "figure", "rating", "direction", "comparator", "band", or "card_page": the page
    of its card in the pack), which outputs show it, and its printed width on the appendix's A4
    sheet (characters, and its share of the room left).

    `written` is what the appendix writes where it keeps a number as a number (a figure in its
    unit's format); without it the sheet writes the cell's words."""

    key: str
    heading: str
    cell: Callable[[Any], Shown]
    kind: str = "text"
    written_heading: str = ""
    """The heading a printed sheet uses where a page's is an abbreviation ("Rating" for "RAG")."""
    shows_in: tuple[str, ...] = ()
    printed_width: tuple[float, float] = (0, 0)
    written: Callable[[Any], Any] | None = None

    @property
    def sheet_heading(self) -> str:
        return self.written_heading or self.heading

    @property
    def is_numeric(self) -> bool:
        return self.kind in ("figure", "comparator")


@dataclass(frozen=True)
class Table:
    """A table as every output shows it: its columns, and the sentence that stands for it empty."""

    key: str
    columns: tuple[Column, ...]
    empty_message: str

    def columns_in(self, output: str) -> list[Column]:
        return [column for column in self.columns if output in column.shows_in]

    @property
    def open_data_columns(self) -> list[Column]:
        return self.columns_in(OPEN_DATA)

    @property
    def slug(self) -> str:
        """How an address names it: "rating-changes"."""
        return self.key.replace("_", "-")

    @property
    def column(self) -> dict[str, Column]:
        """The columns by key, for a template that draws one cell apart ("reference" as a row's heading)."""
        return {column.key: column for column in self.columns}


def printed_column(
    key: str,
    heading: str,
    cell: Callable[[Any], Shown],
    width: tuple[float, float],
    kind: str = "text",
    written_heading: str = "",
    *,
    shows_in: tuple[str, ...],
    written: Callable[[Any], Any] | None = None,
) -> Column:
    """A column that prints on the appendix's sheet, declared as a table reads it: key, heading,
    cell, then its printed width."""
    return Column(key, heading, cell, kind, written_heading, shows_in, width, written)


def figure_heading(slot: int, period: str = "") -> str:
    """A figure column's heading, named by the period it holds where one is known ("Previous year
    end Q4 2018/19", "Q1 2019/20", "Latest Q2 2019/20"), else by how far back it is ("Three
    periods before")."""
    if slot == 0:
        return f"Previous year end {period}".strip()
    if slot == RECENT_PERIODS:
        return f"Latest {period}".strip()
    return period or RECENT_HEADINGS[slot]


RECENT_HEADINGS = {1: "Three periods before", 2: "Two periods before", 3: "Previous period"}
"""The recent figure columns between the year end and the latest, when no period names them."""


def _figure_column(slot: int) -> Column:
    key = "previous_year_end" if slot == 0 else f"figure_{slot}"
    # The report shows the year end and the latest figure; the live index and appendix all five.
    shown = EVERY_INDEX if slot in (0, RECENT_PERIODS) else (LIVE, APPENDIX)
    return printed_column(
        key,
        figure_heading(slot),
        lambda line: line.figure_shown(slot),
        (FIGURE_WIDTH, 0),
        "figure",
        shows_in=shown,
    )


REPORTED_COMPARATORS = ("neighbours", "england")
"""The comparators a report's index carries beside each figure, as Merton's and LAIT's do; the
region stays on the live index, so the pack's A4 landscape index keeps room for its commentary."""


def _comparator_column(kind: str) -> Column:
    return Column(
        kind,
        COMPARATOR_HEADINGS[kind],
        lambda line: line.comparator_shown(kind),
        "comparator",
        shows_in=(LIVE, REPORT) if kind in REPORTED_COMPARATORS else (LIVE,),
    )


def _text(read: Callable[[IndicatorLine], str]) -> Callable[[IndicatorLine], Shown]:
    return lambda line: Shown(read(line))


def _drawn(kind: str, heading: str, width: tuple[float, float], written_heading: str = "") -> Column:
    """A column of its own kind in every index (a RAG tag, a direction arrow, an icon), its cell
    the line's `<kind>_shown`."""
    return printed_column(
        kind, heading, attrgetter(f"{kind}_shown"), width, kind, written_heading, shows_in=EVERY_INDEX
    )


COLUMNS = {
    column.key: column
    for column in (
        printed_column(
            "service_area",
            "Service area",
            _text(lambda line: line.service_area),
            (8, 0),
            shows_in=(APPENDIX,),
        ),
        printed_column("reference", "Ref", _text(lambda line: line.reference), (5, 0), shows_in=EVERY_INDEX),
        printed_column("title", "Indicator", _text(lambda line: line.title), (11, 1), shows_in=EVERY_INDEX),
        # The live index draws polarity and commentary inside the indicator's cell.
        printed_column(
            "polarity", "Polarity", _text(lambda line: line.polarity.label), (8, 0), shows_in=(APPENDIX,)
        ),
        *(_figure_column(slot) for slot in range(RECENT_PERIODS + 1)),
        printed_column("target", "Target", lambda line: line.target_shown, (10, 0), shows_in=EVERY_INDEX),
        _drawn("rating", "RAG", (7, 0), "Rating"),
        _drawn("direction", "Direction of travel", (8.5, 0)),
        # Making Data Count's pair: what the series' variation shows, and whether it will meet its target.
        _drawn("variation", "Variation", (8.5, 0)),
        _drawn("assurance", "Assurance", (8, 0)),
        Column("band", "Band", lambda line: line.band_shown, "band", "Quartile band", shows_in=(LIVE,)),
        *(_comparator_column(kind) for kind in COMPARATOR_HEADINGS),
        Column("commentary", "Commentary", _text(lambda line: line.commentary), shows_in=(REPORT,)),
    )
}
"""Every column an index of lines may show, by key, in the order they show: adding a column to an
index is one declaration here (and, where the line does not carry its value yet, that value)."""

FIGURE_KEYS = ("previous_year_end", *(f"figure_{slot}" for slot in range(1, RECENT_PERIODS + 1)))


def columns_of(index: str) -> list[Column]:
    """The columns an index shows (LIVE, REPORT or APPENDIX), in their declared order."""
    return [column for column in COLUMNS.values() if index in column.shows_in]
