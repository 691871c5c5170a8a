"""Open data: the performance index as rows anyone may download, one per indicator and period.

- The columns are declared once (COLUMNS): the CSV header, the JSON rows and the page that
  documents them all read the same declaration.
- Every cell is text. Where a figure is not shown, the cell holds DfE's code for why (CODES):
  `c` withheld to protect confidentiality, `x` not available, `z` not applicable, `u` low reliability.
- Each row reads its words, and what is withheld, from the indicator's line (indicators/lines.py),
  as the index and the report do. Open data adds machine columns the line keeps as words only:
  the period's dates, the numerator and denominator, the target's numbers, each comparator's year.
- A rating or direction of travel worked out from a withheld figure is withheld with it (`c`): a
  rating beside a hidden figure would tell how far off target the hidden number is.
- The target, rating, direction and comparators are the indicator's standing at its latest period,
  as the index shows them; on the rows of earlier periods they are `z`.
- In the CSV, text a spreadsheet would run as a formula is written with a leading apostrophe.
"""

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from indicators.assessment import INDEX_COMPARATOR_KINDS, Assessment, Figure
from indicators.dfe.tidy import SYMBOLS
from indicators.lines import NOT_AVAILABLE as LINE_NOT_AVAILABLE
from indicators.lines import IndicatorLine, LineFigure
from indicators.lines import line_from_assessment as indicator_line
from indicators.models import Comparator, OutturnStatus, Unit
from indicators.reader import Reader
from indicators.rules.figures import rounded
from indicators.rules.significance import (
    LEVELS,
    Interval,
    byar_interval,
    compare,
    rate_interval,
    wilson_interval,
)
from indicators.rules.terms import ComparatorKind, Direction, Polarity, Rating
from indicators.spreadsheets import FORMULA_STARTS

WITHHELD = "c"
NOT_AVAILABLE = "x"
NOT_APPLICABLE = "z"
LOW_RELIABILITY = "u"

CODES = {
    WITHHELD: "Withheld to protect confidentiality: a small number that could identify a child, "
    "or a rating or direction of travel worked out from one.",
    NOT_AVAILABLE: "Not available: no figure for the period, a figure not supplied in time, "
    "or no comparator published.",
    NOT_APPLICABLE: "Not applicable: a contextual measure has no target or rating, a count has no "
    "numerator or denominator, and only the latest period is rated.",
    LOW_RELIABILITY: "Withheld: the figure cannot be reported reliably.",
}
"""DfE's codes for a value that is not shown, with what each means here."""

LICENCE = "Open Government Licence v3.0"
LICENCE_URL = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"

CODE_FOR_REASON = {meaning: code for code, meaning in SYMBOLS.items() if code in CODES}
CSV_FORMULA_STARTS = (*FORMULA_STARTS, "\t", "\r")
PLAIN_NUMBER = re.compile(r"-?\d+(\.\d+)?")
STATUS_CODES = {
    "": NOT_AVAILABLE,
    OutturnStatus.NOT_AVAILABLE: NOT_AVAILABLE,
    OutturnStatus.SUPPRESSED: WITHHELD,
    OutturnStatus.UNRELIABLE: LOW_RELIABILITY,
}


@dataclass(frozen=True)
class Column:
    name: str
    meaning: str


COLUMNS = (
    Column("reference", "The indicator's reference, as the committee knows it (2, 35.1)."),
    Column("title", "What the indicator measures."),
    Column("service_area", "The service the indicator belongs to (Early Help, Social Care, ...)."),
    Column("period", "The reporting period, as committee papers write it (Q2 2019/20, Oct 2019, 2019/20)."),
    Column("period_start", "The first day of the period (YYYY-MM-DD)."),
    Column("period_end", "The last day of the period (YYYY-MM-DD)."),
    Column(
        "is_latest_period",
        "yes on the indicator's latest period, the one the index rates; no on earlier ones.",
    ),
    Column(
        "value", "The figure for the period, in the unit below, to the decimal places the council publishes."
    ),
    Column("numerator", "For a percentage or rate: how many met the measure (50 of 91)."),
    Column("denominator", "For a percentage or rate: how many were counted (91)."),
    Column("unit", "What the value counts: Percentage, Count, Rate per 10,000 children, Weeks, Days, ..."),
    Column(
        "status",
        "The figure's status: validated, provisional, not_available (not supplied in time), "
        "unreliable (cannot be reported reliably), suppressed, or x when there is no figure.",
    ),
    Column("target", "The target for the latest period's year, when it is a single value."),
    Column(
        "target_lower", "The lower end of the acceptable range, when the target is a range (12 in 12-20%)."
    ),
    Column(
        "target_upper", "The upper end of the acceptable range, when the target is a range (20 in 12-20%)."
    ),
    Column(
        "polarity", "Which way is better: Higher is better, Lower is better, Within a range, or no polarity."
    ),
    Column(
        "rating",
        "The RAG rating of the latest figure against its target: Green, Amber, Red, Not rated, No data.",
    ),
    Column(
        "direction",
        "Direction of travel since the previous period: Improving, No real change, Worsening, ...",
    ),
    Column("neighbours", "The average of the council's statistical neighbours, published by DfE."),
    Column("neighbours_year", "The year the neighbours' average covers."),
    Column(
        "neighbours_rank",
        "The council's rank among itself and its statistical neighbours (DfE's current groupings) in "
        "that year, placing DfE's published figure for the council, as DfE's LAIT ranks it; 1 is best.",
    ),
    Column(
        "neighbours_ranked", "How many were ranked among the neighbours: the council and those with a figure."
    ),
    Column("region", "The average of the council's region."),
    Column("region_year", "The year the region's average covers."),
    Column("england", "The average for England."),
    Column("england_year", "The year England's average covers."),
    Column(
        "band",
        "The council's quartile band among every council, A best, from DfE's published figures as DfE's "
        "LAIT bands them; withheld (c) where the council's figure for that year is.",
    ),
    Column("national_rank", "The council's rank among every council with a figure; 1 is best."),
    Column("national_ranked", "How many councils had a figure to rank."),
    Column("band_year", "The year the band and national rank are for."),
    Column(
        "variation",
        "What statistical process control (NHS England's Making Data Count) makes of the figures' "
        "variation: Common cause, or Special cause improvement, concern or neither, higher or lower; "
        "x where there are too few figures; c where worked out from a withheld figure.",
    ),
    Column(
        "assurance",
        "Whether the process limits say the target will be met: Consistently passing, Consistently "
        "failing, or Hit and miss; x where there is no target or chart; c where withheld.",
    ),
    Column("variation_limits", "trial while the limits rest on fewer than 13 figures; fixed after."),
    *(
        Column(
            f"interval_{level}_{end}",
            f"The {end} end of the latest figure's {label} confidence interval (from its numerator and "
            "denominator, or its count); z where the figure has neither.",
        )
        for level, label in (("95", "95%"), ("998", "99.8%"))
        for end in ("lower", "upper")
    ),
    *(
        Column(
            f"{kind}_compared_{level}",
            f"The latest figure against {place} at {label} confidence: Better, Similar or Worse "
            "(Higher or Lower where neither is better), Not compared without both.",
        )
        for kind, place in (("england", "England"), ("neighbours", "the statistical neighbours"))
        for level, label in (("95", "95%"), ("998", "99.8%"))
    ),
)
COLUMN_NAMES = tuple(column.name for column in COLUMNS)


@dataclass(frozen=True)
class PeriodFigure:
    """One period's figure as a reader may see it; `is_withheld` for a small number kept from them."""

    label: str
    start: date | None
    end: date | None
    value: Decimal | None
    numerator: Decimal | None = None
    denominator: Decimal | None = None
    status: str = ""
    """An outturn status, or "" when there is no figure for the period."""
    is_withheld: bool = False


@dataclass(frozen=True)
class ComparatorFigure:
    value: Decimal | None
    year: str
    reason: str = ""
    """Why there is no value, in DfE's words."""
    rank: int | None = None
    ranked: int | None = None
    band: str = ""
    national_rank: int | None = None
    national_ranked: int | None = None


@dataclass(frozen=True)
class OpenDataLine:
    """One indicator as a reader may see it: its figures oldest first (the last is the latest)."""

    reference: str
    title: str
    service_area: str
    unit: str
    decimal_places: int
    polarity: Polarity
    is_target_measure: bool
    figures: list[PeriodFigure]
    rating: Rating | None
    """None when withheld: worked out from a figure this reader may not see."""
    direction: Direction | None
    has_target: bool = False
    target_value: Decimal | None = None
    target_lower: Decimal | None = None
    target_upper: Decimal | None = None
    comparators: dict[str, ComparatorFigure] = field(default_factory=dict)
    is_band_withheld: bool = False
    spc: dict[str, str] = field(default_factory=dict)
    """The variation, assurance and limits columns (`spc_cells`)."""


def standing_of(line: IndicatorLine) -> tuple[Rating | None, Direction | None]:
    """The rating and direction of travel as the line shows them to its reader: None where the
    line withholds them, because they were worked out from a figure this reader may not see."""
    return (
        None if line.rating_shown.withheld else line.rating,
        None if line.direction_shown.withheld else line.direction,
    )


def number_text(value: Decimal, decimal_places: int) -> str:
    return format(rounded(value, decimal_places), "f")


def _figure_cells(figure: PeriodFigure, line: OpenDataLine) -> dict[str, str]:
    if figure.is_withheld:
        return {"value": WITHHELD, "numerator": WITHHELD, "denominator": WITHHELD}
    code = STATUS_CODES.get(figure.status) or (NOT_AVAILABLE if figure.value is None else "")
    if code:
        return {"value": code, "numerator": code, "denominator": code}
    missing = NOT_AVAILABLE if line.unit in (Unit.PERCENT, Unit.RATE_PER_10000) else NOT_APPLICABLE
    return {
        "value": number_text(figure.value, line.decimal_places),
        "numerator": f"{figure.numerator.normalize():f}" if figure.numerator is not None else missing,
        "denominator": f"{figure.denominator.normalize():f}" if figure.denominator is not None else missing,
    }


def _target_cells(line: OpenDataLine) -> dict[str, str]:
    if not line.is_target_measure or line.polarity is Polarity.NONE:
        return dict.fromkeys(("target", "target_lower", "target_upper"), NOT_APPLICABLE)
    if not line.has_target:
        return dict.fromkeys(("target", "target_lower", "target_upper"), NOT_AVAILABLE)

    def cell(value):
        return NOT_APPLICABLE if value is None else number_text(value, line.decimal_places)

    return {
        "target": cell(line.target_value),
        "target_lower": cell(line.target_lower),
        "target_upper": cell(line.target_upper),
    }


def _comparator_cells(line: OpenDataLine) -> dict[str, str]:
    cells = {}
    for kind in INDEX_COMPARATOR_KINDS:
        comparator = line.comparators.get(kind)
        if comparator is None:
            cells[kind], cells[f"{kind}_year"] = NOT_AVAILABLE, NOT_AVAILABLE
            continue
        cells[kind] = (
            number_text(comparator.value, line.decimal_places)
            if comparator.value is not None
            else CODE_FOR_REASON.get(comparator.reason, NOT_AVAILABLE)
        )
        cells[f"{kind}_year"] = comparator.year
    cells.update(_ranks(line))
    return cells


def _ranks(line: OpenDataLine) -> dict[str, str]:
    """The rank among neighbours and, for the council's own figure, band and national rank."""
    neighbours = line.comparators.get("neighbours")
    council = line.comparators.get(ComparatorKind.COUNCIL)

    def count(number: int | None) -> str:
        return str(number) if number else NOT_APPLICABLE

    cells = {
        "neighbours_rank": count(neighbours.rank if neighbours else None),
        "neighbours_ranked": count(neighbours.ranked if neighbours and neighbours.rank else None),
    }
    if council is None or not council.band:
        return {**cells, **dict.fromkeys(BAND_COLUMNS, NOT_APPLICABLE)}
    if line.is_band_withheld:
        return {**cells, **dict.fromkeys(BAND_COLUMNS[:3], WITHHELD), "band_year": council.year}
    return {
        **cells,
        "band": council.band,
        "national_rank": count(council.national_rank),
        "national_ranked": count(council.national_ranked),
        "band_year": council.year,
    }


def _standing_cells(line: OpenDataLine) -> dict[str, str]:
    return {
        **_target_cells(line),
        "rating": line.rating.label if line.rating is not None else WITHHELD,
        "direction": line.direction.label if line.direction is not None else WITHHELD,
        **_comparator_cells(line),
        **(line.spc or NO_SPC),
        **significance_cells(line),
    }


def spc_cells(line: IndicatorLine) -> dict[str, str]:
    """The variation, assurance and whether their limits are trial ones, as the line shows them."""
    variation, assurance = line.variation_shown, line.assurance_shown
    if variation.withheld:
        return {"variation": WITHHELD, "assurance": WITHHELD, "variation_limits": WITHHELD}

    def words(shown) -> str:
        return NOT_AVAILABLE if shown.text == LINE_NOT_AVAILABLE else shown.text

    return {
        "variation": words(variation),
        "assurance": words(assurance),
        "variation_limits": NOT_AVAILABLE if not line.variation else ("trial" if line.is_trial else "fixed"),
    }


PER_10000 = 10_000


def interval_of(figure: PeriodFigure, unit: str, confidence: float) -> Interval | None:
    """The figure's confidence interval in its own unit: a percentage's from its numerator and
    denominator (Wilson), a rate's from its count and population, a count's (Byar); None for any
    other figure, or one without what its interval needs."""
    numerator, denominator = figure.numerator, figure.denominator
    if unit == Unit.COUNT and figure.value is not None and figure.value >= 0:
        return byar_interval(float(figure.value), confidence)
    if numerator is None or denominator is None or denominator <= 0 or numerator < 0:
        return None
    if unit == Unit.PERCENT and numerator <= denominator:
        interval = wilson_interval(float(numerator), float(denominator), confidence)
        return Interval(interval.lower * 100, interval.upper * 100, confidence)
    if unit == Unit.RATE_PER_10000:
        return rate_interval(float(numerator), float(denominator), PER_10000, confidence)
    return None


def significance_cells(line: OpenDataLine) -> dict[str, str]:
    """The latest figure's intervals at 95% and 99.8%, and how it compares with England and the
    neighbours at each; withheld (c) with the figure, z where it has no interval."""
    latest = line.figures[-1] if line.figures else None
    if latest is not None and latest.is_withheld:
        return dict.fromkeys(SIGNIFICANCE_COLUMNS, WITHHELD)
    intervals = {
        level: interval_of(latest, line.unit, level)
        if latest is not None and latest.value is not None
        else None
        for level in LEVELS
    }
    cells = {}
    for level, name in zip(LEVELS, LEVEL_NAMES, strict=True):
        interval = intervals[level]
        cells[f"interval_{name}_lower"] = NOT_APPLICABLE if interval is None else f"{interval.lower:.4f}"
        cells[f"interval_{name}_upper"] = NOT_APPLICABLE if interval is None else f"{interval.upper:.4f}"
        for kind in SIGNIFICANCE_KINDS:
            comparator = line.comparators.get(kind)
            value = comparator.value if comparator is not None else None
            cells[f"{kind}_compared_{name}"] = compare(interval, value, line.polarity).words
    return cells


LEVEL_NAMES = ("95", "998")
SIGNIFICANCE_KINDS = ("england", "neighbours")
SIGNIFICANCE_COLUMNS = (
    *(f"interval_{name}_{end}" for name in LEVEL_NAMES for end in ("lower", "upper")),
    *(f"{kind}_compared_{name}" for kind in SIGNIFICANCE_KINDS for name in LEVEL_NAMES),
)
SPC_COLUMNS = ("variation", "assurance", "variation_limits")
NO_SPC = dict.fromkeys(SPC_COLUMNS, NOT_AVAILABLE)


BAND_COLUMNS = ("band", "national_rank", "national_ranked", "band_year")
STANDING_COLUMNS = (
    "target",
    "target_lower",
    "target_upper",
    "rating",
    "direction",
    *(name for kind in INDEX_COMPARATOR_KINDS for name in (kind, f"{kind}_year")),
    "neighbours_rank",
    "neighbours_ranked",
    *BAND_COLUMNS,
    *SPC_COLUMNS,
    *SIGNIFICANCE_COLUMNS,
)
NOT_LATEST = dict.fromkeys(STANDING_COLUMNS, NOT_APPLICABLE)
NO_PERIOD = PeriodFigure(NOT_AVAILABLE, None, None, None)


def rows_for(lines: list[OpenDataLine]) -> list[dict[str, str]]:
    """Every line's periods as rows of text, keyed by column name, in COLUMNS order."""
    rows = []
    for line in lines:
        figures = line.figures or [NO_PERIOD]
        for position, figure in enumerate(figures, start=1):
            is_latest = position == len(figures)
            cells = {
                "reference": line.reference,
                "title": line.title,
                "service_area": line.service_area,
                "period": figure.label,
                "period_start": figure.start.isoformat() if figure.start else NOT_AVAILABLE,
                "period_end": figure.end.isoformat() if figure.end else NOT_AVAILABLE,
                "is_latest_period": "yes" if is_latest else "no",
                "unit": Unit(line.unit).label,
                "status": figure.status or NOT_AVAILABLE,
                "polarity": line.polarity.label,
                **_figure_cells(figure, line),
                **(_standing_cells(line) if is_latest else NOT_LATEST),
            }
            rows.append({name: cells[name] for name in COLUMN_NAMES})
    return rows


def neutralised(text: str) -> str:
    """Text a spreadsheet would read as a formula, with a leading apostrophe so it reads as text."""
    if text.startswith(CSV_FORMULA_STARTS) and not PLAIN_NUMBER.fullmatch(text):
        return "'" + text
    return text


def csv_text(rows: list[dict[str, str]], *, columns: tuple[str, ...] | list[str] = COLUMN_NAMES) -> str:
    """The rows as CSV with a header row of `columns`; formula-like text neutralised. Every open
    data file is written by this one writer."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([neutralised(row[name]) for name in columns])
    return out.getvalue()


def json_document(
    metadata: dict, rows: list[dict[str, str]], *, columns: tuple[str, ...] | list[str] = COLUMN_NAMES
) -> dict:
    """The rows under a small metadata block: who publishes them, as at when, under what licence."""
    return {
        "metadata": {
            **metadata,
            "licence": LICENCE,
            "licence_url": LICENCE_URL,
            "columns": list(columns),
            "codes": CODES,
        },
        "rows": rows,
    }


def _period_figure(figure: Figure, shown: LineFigure) -> PeriodFigure:
    """A period of the live index: its words from the line, its dates and fraction from the outturn."""
    outturn = figure.outturn
    is_withheld = shown.marked is not None
    return PeriodFigure(
        label=shown.period.label,
        start=figure.period.start,
        end=figure.period.end,
        value=shown.value,
        numerator=outturn.numerator if outturn is not None and not is_withheld else None,
        denominator=outturn.denominator if outturn is not None and not is_withheld else None,
        status=outturn.status if outturn is not None else "",
        is_withheld=is_withheld,
    )


def _comparator_figure(comparator: Comparator) -> ComparatorFigure:
    return ComparatorFigure(
        comparator.value,
        comparator.year_label,
        comparator.unavailable_reason,
        rank=comparator.rank,
        ranked=comparator.ranked,
        band=comparator.band,
        national_rank=comparator.national_rank,
        national_ranked=comparator.national_ranked,
    )


def line_from_assessment(assessment: Assessment, *, reader: Reader) -> OpenDataLine:
    """An indicator of the live index as this reader sees it, assessed for them (an index as at
    another date than it opens at): the indicator's line (`indicators.lines`), with the numbers
    behind its words."""
    line = indicator_line(assessment, reader=reader)
    target = assessment.target
    pairs = zip(
        [assessment.previous_year_end, *assessment.recent],
        [line.previous_year_end, *line.figures],
        strict=True,
    )
    by_start = {figure.period.start: _period_figure(figure, shown) for figure, shown in pairs if figure}
    return open_data_line(
        line,
        figures=[by_start[start] for start in sorted(by_start)],
        target=(target.value, target.range_lower, target.range_upper) if target else None,
        comparators={
            kind: _comparator_figure(comparator)
            for kind, comparator in assessment.comparators.items()
            if kind in (*INDEX_COMPARATOR_KINDS, ComparatorKind.COUNCIL)
        },
    )


def line_from_kept(
    line: IndicatorLine,
    *,
    fractions: dict[int, tuple[Decimal | None, Decimal | None]],
    target: tuple[Decimal | None, Decimal | None, Decimal | None] | None,
) -> OpenDataLine:
    """An indicator of the live index as this reader sees it, from its kept line
    (`indicators.kept_lines.open_data_lines`): the line masked for them, each figure's numerator
    and denominator as kept by outturn (`fractions`), and the target's value and bounds."""
    by_start = {}
    for figure in (line.previous_year_end, *line.figures):
        if figure is None:
            continue
        is_withheld = figure.marked is not None
        numerator, denominator = (
            (None, None) if is_withheld else fractions.get(figure.outturn_id, (None, None))
        )
        by_start[figure.period.start] = PeriodFigure(
            label=figure.period.label,
            start=figure.period.start,
            end=figure.period.end,
            value=figure.value,
            numerator=numerator,
            denominator=denominator,
            status=figure.status,
            is_withheld=is_withheld,
        )
    return open_data_line(
        line,
        figures=[by_start[start] for start in sorted(by_start)],
        target=target,
        comparators=comparator_figures(line.comparators),
    )


def comparator_figures(comparators: dict[str, dict]) -> dict[str, ComparatorFigure]:
    """A line's comparators, as values (`indicators.lines.comparators_from`, and the council's band),
    as open data reads them."""
    return {
        kind: ComparatorFigure(
            None if comparator.get("value") is None else Decimal(comparator["value"]),
            comparator["year_label"],
            comparator.get("reason", ""),
            rank=comparator.get("rank"),
            ranked=comparator.get("ranked"),
            band=comparator.get("band", ""),
            national_rank=comparator.get("national_rank"),
            national_ranked=comparator.get("national_ranked"),
        )
        for kind, comparator in comparators.items()
    }


def open_data_line(
    line: IndicatorLine,
    *,
    figures: list[PeriodFigure],
    target: tuple[Decimal | None, Decimal | None, Decimal | None] | None,
    comparators: dict[str, ComparatorFigure],
) -> OpenDataLine:
    """The numbers behind a line's words, live or published: what the line withholds from its
    reader (rating, direction, band, variation) is withheld here too. `target` is the target's
    value, lower and upper bound, None where there is none to show."""
    rating, direction = standing_of(line)
    target_value, target_lower, target_upper = target or (None, None, None)
    return OpenDataLine(
        reference=line.reference,
        title=line.title,
        service_area=line.service_area,
        unit=line.unit,
        decimal_places=line.decimal_places,
        polarity=line.polarity,
        is_target_measure=line.is_target_measure,
        figures=figures,
        rating=rating,
        direction=direction,
        has_target=target is not None,
        target_value=target_value,
        target_lower=target_lower,
        target_upper=target_upper,
        comparators=comparators,
        is_band_withheld=bool(line.band_shown.withheld),
        spc=spc_cells(line),
    )
