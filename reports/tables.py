"""A meeting's tables, declared once: exceptions, rating changes, corrections, data caveats,
decisions, and parts by locality or team.

Each declaration gives a table's columns (key, heading, how the cell is read from a row, how it is
drawn, where it shows, its printed width on the appendix's sheet) and the sentence that stands for
it empty. The report page, the PDF pack, the appendix's sheet (`reports.sheets`) and the report's
open data (`reports.opendata_views`) read them, so adding a column to a table is one declaration.
"""

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from functools import partial
from operator import attrgetter
from typing import Any, NamedTuple

from indicators.columns import (
    APPENDIX,
    EVERY_OUTPUT,
    FIGURE_WIDTH,
    OPEN_DATA,
    PACK,
    PAGE,
    Column,
    Table,
    printed_column,
)
from indicators.lines import EMPTY, Shown
from indicators.rules.terms import Rating
from reports.cards import card_anchor
from reports.contents import ReportCorrection, ReportLine
from reports.parts import ReportBreakdown, ReportPart
from reports.print_layout import Number, number_format

IN_PRINT = (PAGE, PACK, APPENDIX)
"""Where a table with open data columns of its own shows."""
ON_RECORD = (APPENDIX, OPEN_DATA)
"""Where a record the page and the pack put in words of their own shows in columns: the committee's
decisions, a caveat's period, an exception's commentary and actions."""
RATING_FOR_LABEL = {rating.label: rating for rating in Rating}
"""A rating cell's words back to its rating, for the outputs that colour it ("Red": a red tag)."""
NO_COMMENTARY = "No commentary yet."
NO_ACTIONS = "None recorded."


class RatingChange(NamedTuple):
    line: ReportLine
    change: str
    """ "G to R", "n/a to R"."""


class CorrectionRow(NamedTuple):
    line: ReportLine
    correction: ReportCorrection


class DecisionRow(NamedTuple):
    """A decision as the appendix and open data list it: the references as the minutes write them."""

    meeting: date
    text: str
    effect: str
    status: str
    taken_out: str
    brought_in: str


class PartRow(NamedTuple):
    """One part of an indicator by locality or team, or the council's figure beside them; `part`
    is None for an indicator with no figures by part for the period."""

    breakdown: ReportBreakdown
    part: ReportPart | None
    number_format: str = "General"
    """How the appendix prints the indicator's figure (`print_layout.number_format`)."""


def _text(read: Callable[[Any], str]) -> Callable[[Any], Shown]:
    return lambda row: Shown(read(row))


def _latest(line: ReportLine) -> Shown:
    return line.latest.shown if line.latest else EMPTY


def _latest_number(line: ReportLine):
    """The latest figure as the appendix keeps it: a number in its unit's format, or its words."""
    latest = line.latest
    if latest is None or latest.value is None:
        return latest.text if latest else None
    return Number(latest.value, number_format(line.unit, line.decimal_places))


def _part_number(read):
    def written(row: PartRow):
        part = row.part
        if part is None:
            return "No figures" if read is None else ""
        if part.marked:
            return part.text
        number = part.value if read is None else read(part)
        if number is None:
            return part.text if read is None else ""
        return Number(number, row.number_format if read is None else "General")

    return written


_column = partial(printed_column, shows_in=EVERY_OUTPUT)
"""A column of a meeting's table: every output shows it unless it says otherwise."""
_on_record = partial(_column, shows_in=ON_RECORD)
"""A column the appendix and open data keep and the page and the pack put in words of their own:
a decision, an exception's commentary on its card."""


def _date(key: str, heading: str, read: Callable[[Any], date], shows_in=EVERY_OUTPUT) -> Column:
    """A date in words ("6 November 2019"), kept as a date on the appendix's sheet."""
    words = _text(lambda row: f"{read(row):%-d %B %Y}")
    return _column(key, heading, words, (11, 0), shows_in=shows_in, written=read)


def _reference(read=lambda line: line) -> Column:
    return _column("reference", "Ref", _text(lambda row: read(row).reference), (5, 0))


def _title(read=lambda line: line, width: float = 24, grows: int = 1) -> Column:
    return _column("title", "Indicator", _text(lambda row: read(row).title), (width, grows))


EXCEPTIONS = Table(
    "exceptions",
    (
        _reference(),
        _title(width=20),
        _column("rating", "Rating", lambda line: line.rating_shown, (7, 0), "rating"),
        # A sheet names the period: "Latest Q2 2019/20".
        _column(
            "latest", "Latest figure", _latest, (FIGURE_WIDTH, 0), "figure", "Latest", written=_latest_number
        ),
        _column("target", "Target", lambda line: line.target_shown, (11, 0)),
        _column(
            "reasons",
            "Why it is an exception",
            _text(lambda line: "; ".join(line.exception_reasons)),
            (16, 0),
        ),
        # The page and the pack print an exception's commentary and actions once, on its report
        # card (reports/cards.py: "The story behind it", "Actions"); the appendix's sheet and open
        # data, which have no cards beside the table, keep them in columns.
        _on_record(
            "management_commentary",
            "Management commentary",
            _text(lambda line: line.management_commentary or line.commentary or NO_COMMENTARY),
            (20, 2),
            "long_text",
        ),
        _on_record(
            "corrective_actions",
            "Corrective actions",
            _text(lambda line: line.corrective_actions or NO_ACTIONS),
            (20, 2),
            "long_text",
        ),
        # The pack's reader turns to the exception's card by its page number.
        _column(
            "card",
            "Report card",
            _text(lambda line: card_anchor(line.reference)),
            (0, 0),
            "card_page",
            shows_in=(PACK,),
        ),
    ),
    "No indicator meets the exception criteria.",
)
"""Indicators that meet the committee's exception criteria, Red first."""

RATING_CHANGES = Table(
    "rating_changes",
    (
        _reference(lambda row: row.line),
        _title(lambda row: row.line),
        _column("change", "Rating change", _text(lambda row: row.change), (9, 0), "rating_change"),
        _column("rating", "Rating now", lambda row: row.line.rating_shown, (8, 0), "rating"),
        _column("narrative", "Narrative", _text(lambda row: row.line.narrative), (40, 2), "long_text"),
    ),
    "No rating has changed since the previous meeting.",
)
FIRST_REPORT = "This is the committee's first report: there is no previous meeting to compare."
"""What the rating changes say where there is no previous meeting to change from."""
NO_INDICATORS = "No indicators in this report."
"""What the report's index (its columns declared in `indicators.columns`) says when it is empty."""

CORRECTIONS = Table(
    "corrections",
    (
        _reference(lambda row: row.line),
        _title(lambda row: row.line),
        _column("period", "Period", _text(lambda row: row.correction.period.label), (11, 0)),
        _column(
            "previous", "Previously reported", _text(lambda row: row.correction.previous), (12.5, 0), "figure"
        ),
        _column(
            "new",
            "Corrected to",
            lambda row: Shown(row.correction.new, is_number=True, withheld=row.correction.marked),
            (12.5, 0),
            "figure",
        ),
        _column("reason", "Reason", _text(lambda row: row.correction.reason), (30, 2), "long_text"),
        _date("corrected_on", "Corrected on", lambda row: row.correction.corrected_date),
        _column("corrected_by", "By", _text(lambda row: row.correction.corrected_by), (14, 0)),
    ),
    "No figure has been corrected since the previous meeting.",
)

CAVEATS = Table(
    "caveats",
    (
        _reference(),
        _title(),
        # The page and the pack print the period beneath the figure; a sheet keeps it apart.
        _column(
            "period",
            "Period",
            _text(lambda line: line.latest.period.label if line.latest else ""),
            (11, 0),
            shows_in=ON_RECORD,
        ),
        _column("latest", "Latest figure", _latest, (16, 0)),
        _column("caveat", "Caveat", _text(lambda line: line.caveat), (40, 2), "long_text"),
    ),
    "Every figure in this report could be reported.",
)
"""Indicators that cannot be reported this time, or must be read with care."""

DECISIONS = Table(
    "decisions",
    (
        _date("meeting", "Meeting", lambda row: row.meeting, shows_in=ON_RECORD),
        _on_record("decision", "Decision", _text(lambda row: row.text), (40, 3), "long_text"),
        _on_record("effect", "Effect on the suite", _text(lambda row: row.effect), (14, 0)),
        _on_record("status", "Status", _text(lambda row: row.status), (11, 0), "status"),
        _on_record("taken_out", "Indicators taken out", _text(lambda row: row.taken_out), (20, 1)),
        _on_record("brought_in", "Indicators brought in", _text(lambda row: row.brought_in), (20, 1)),
    ),
    "The committee has recorded no decisions yet.",
)
"""The committee's decisions about its suite up to the meeting. The page and the pack list only
those taken at the meeting, each with its status, in a sentence of their own."""


def part_note(part: ReportPart) -> str:
    """Why a part shows the mark, or for an officer, that members do not see it."""
    if part.marked:
        return part.marked.label
    if part.withheld:
        secondary = ": it would give away another part" if part.is_secondary else ""
        return f"Withheld from members{secondary}"
    return ""


def _part_figure(row: PartRow) -> Shown:
    part = row.part
    if part is None:
        return Shown("No figures")
    return Shown(
        part.text,
        note=part.fraction_text if not part.marked else "",
        is_number=not part.marked,
        withheld=part.marked,
    )


def _part_count(read):
    def shown(row: PartRow) -> Shown:
        part = row.part
        if part is None:
            return EMPTY
        if part.marked:
            return Shown(part.text, withheld=part.marked)
        number = read(part)
        return Shown("" if number is None else f"{number.normalize():,f}", is_number=number is not None)

    return shown


def _part_note(row: PartRow) -> Shown:
    breakdown, part = row.breakdown, row.part
    if part is None:
        return Shown(f"No figures by {breakdown.dimension.lower()} were entered for the period.")
    return Shown(part_note(part) or (breakdown.parts_unrated if part is not breakdown.total else ""))


def _part_rating(row: PartRow) -> Shown:
    part = row.part
    if part is None:
        return EMPTY
    return Shown(part.rating_text, withheld=part.marked)


PARTS = Table(
    "parts",
    (
        # The page and the pack head each indicator's table with its reference and title.
        replace(_reference(lambda row: row.breakdown), shows_in=(APPENDIX,)),
        replace(_title(lambda row: row.breakdown, width=22, grows=2), shows_in=(APPENDIX,)),
        _column(
            "part",
            "Locality or team",
            _text(lambda row: row.part.name if row.part else row.breakdown.dimension),
            (12, 0),
            shows_in=IN_PRINT,
        ),
        _column("period", "Period", _text(lambda row: row.breakdown.period), (11, 0), shows_in=(APPENDIX,)),
        _column(
            "figure",
            "Figure",
            _part_figure,
            (FIGURE_WIDTH, 0),
            "figure",
            shows_in=IN_PRINT,
            written=_part_number(None),
        ),
        *(
            _column(
                key,
                heading,
                _part_count(attrgetter(key)),
                (width, 0),
                "figure",
                shows_in=(APPENDIX,),
                written=_part_number(attrgetter(key)),
            )
            for key, heading, width in (("numerator", "Numerator", 10), ("denominator", "Denominator", 11))
        ),
        _column("rating", "Rating", _part_rating, (7, 0), "rating", shows_in=IN_PRINT),
        _column("note", "Note", _part_note, (20, 1), "long_text", shows_in=(APPENDIX,)),
    ),
    "No figures by locality or team were entered for the period.",
)
"""Each chosen indicator's parts and the council's figure beside them. The report's open data of
parts has columns of its own (`breakdowns.export.COLUMNS`, as the indicator page's download)."""


def part_rows(breakdown: ReportBreakdown, number_format: str = "General") -> list[PartRow]:
    rows = [PartRow(breakdown, part, number_format) for part in breakdown.rows]
    return rows or [PartRow(breakdown, None, number_format)]


def rating_of(shown: Shown) -> Rating | None:
    """The rating a rating cell's words name; None for the mark standing in its place."""
    return RATING_FOR_LABEL.get(shown.text)


ACTIONS = Table(
    "actions",
    (
        _reference(),
        _title(width=18),
        _column("action", "Action", _text(lambda action: action.text), (24, 2), "long_text"),
        _column("owner", "Owner", _text(lambda action: action.owner), (14, 0)),
        _date("agreed_on", "Agreed", lambda action: action.agreed_on),
        _date("due", "Due", lambda action: action.due),
        _column("status", "Status", _text(lambda action: action.state_words), (12, 1), "action_state"),
        _column("update", "Owner's update", _text(lambda action: action.update_words), (24, 2), "long_text"),
    ),
    "No action was open at the previous meeting or agreed since.",
)
"""Actions since the last meeting (reports/actions.py): agreed at an earlier meeting, open when the
previous report was published or agreed since; done, late, open or dropped, with the owner's update."""


class CardRow(NamedTuple):
    """One part of an exception's report card on its sheet: its heading and its words."""

    part: str
    text: str


CARD = Table(
    "card",
    (
        _column("part", "Part of the card", _text(lambda row: row.part), (22, 0), shows_in=(APPENDIX,)),
        _column("text", "Card", _text(lambda row: row.text), (60, 1), "long_text", shows_in=(APPENDIX,)),
    ),
    "No report card.",
)

TABLES = {
    table.key: table
    for table in (EXCEPTIONS, ACTIONS, RATING_CHANGES, CORRECTIONS, CAVEATS, DECISIONS, PARTS, CARD)
}
"""The meeting's tables by key, as templates and open data name them."""
