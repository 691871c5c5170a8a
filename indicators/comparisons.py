"""Whether the council's figure differs from England's and its statistical neighbours' by more than
chance, for the indicator page (`indicators/rules/significance.py` holds the rules).

- Like is compared with like: DfE's figures for a year are set beside the council's figure for
  the same period (`indicators/dfe/periods.py`), the latest year that has both.
- A percentage with its numerator and denominator has a Wilson interval; a count, or a rate per
  10,000 with its count and children, a Byar interval; at 95% and 99.8%. Any other figure is not
  compared, and the page says why.
- Better or worse is read through the polarity; with no polarity, higher or lower.
- A figure withheld from this reader as a small number is not compared for them.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from indicators.dfe.periods import index_figure_for, period_end
from indicators.models import Indicator
from indicators.rules import significance
from indicators.rules.figures import format_fraction, format_value
from indicators.rules.terms import ComparatorKind, Polarity, Unit

COMPARED_WITH = (ComparatorKind.ENGLAND, ComparatorKind.STATISTICAL_NEIGHBOURS)
RATE_MULTIPLIER = 10_000

NOT_COMPARED_FRACTION = "Not compared: the figure has no numerator and denominator."
NOT_COMPARED_UNIT = "Not compared: only a percentage, a rate or a count can be tested this way."
NOT_COMPARED_WITHHELD = "Not compared: computed from a withheld small number."
NOT_COMPARED_NO_COMPARATORS = "Not compared: no England or statistical neighbours' figures are recorded."
NOT_COMPARED_NO_YEAR = (
    "Not compared: the council has no figure for the same period as England's and its neighbours' "
    "published figures."
)

RESULT_WORDS = {
    "BETTER": "Better than",
    "WORSE": "Worse than",
    "SIMILAR": "Similar to",
    "HIGHER": "Higher than",
    "LOWER": "Lower than",
}
PLACE_WORDS = {
    ComparatorKind.ENGLAND: "England",
    ComparatorKind.STATISTICAL_NEIGHBOURS: "statistical neighbours",
}


@dataclass(frozen=True)
class Against:
    """One comparator and the result at each confidence level."""

    name: str
    value: Decimal | None
    results: list[str]


@dataclass(frozen=True)
class ShownInterval:
    """An interval as the page writes it, in the indicator's units, to one more decimal place than
    its figures, so that an edge is not rounded onto the comparator it is judged against."""

    lower: str
    upper: str
    level: str


@dataclass
class Significance:
    not_compared: str = ""
    period_label: str = ""
    value: Decimal | None = None
    fraction: str = ""
    intervals: list[ShownInterval] = field(default_factory=list)
    against: list[Against] = field(default_factory=list)


def significance_for(
    indicator: Indicator, history, comparator_years, *, time_identifier: str
) -> Significance:
    """`history` is the reader's `indicator_history`; `comparator_years` the page's comparators."""
    years = [year for year in comparator_years if any(kind in year for kind in COMPARED_WITH)]
    if not years:
        return Significance(NOT_COMPARED_NO_COMPARATORS)
    for year in reversed(years):
        end = period_end(year["year"], year["label"], time_identifier)
        row = _row_ending(history, end, time_identifier, indicator.year_basis)
        if row is not None:
            return _compared(indicator, row, year)
    return Significance(NOT_COMPARED_NO_YEAR)


def _row_ending(history, end, time_identifier: str, year_basis: str):
    for row in reversed(history):
        if row.period.end == end and row.suppressed:
            return row
    return index_figure_for(history, end=end, time_identifier=time_identifier, year_basis=year_basis)


def intervals_for(unit: str, value, numerator, denominator) -> list[significance.Interval] | str:
    """The council's figure's intervals at each level, in its own units; or why there are none."""
    if unit == Unit.COUNT:
        if value is None:
            return NOT_COMPARED_FRACTION
        return [significance.byar_interval(value, level) for level in significance.LEVELS]
    if unit not in (Unit.PERCENT, Unit.RATE_PER_10000):
        return NOT_COMPARED_UNIT
    if numerator is None or not denominator:
        return NOT_COMPARED_FRACTION
    if unit == Unit.PERCENT:
        return [
            _in_percent(significance.wilson_interval(numerator, denominator, level))
            for level in significance.LEVELS
        ]
    return [
        significance.rate_interval(numerator, denominator, RATE_MULTIPLIER, level)
        for level in significance.LEVELS
    ]


def _in_percent(interval: significance.Interval) -> significance.Interval:
    """Wilson's interval is of a fraction; the council's figure, and England's, are percentages."""
    return significance.Interval(interval.lower * 100, interval.upper * 100, interval.confidence)


def _shown(interval: significance.Interval, indicator: Indicator) -> ShownInterval:
    def written(number: float) -> str:
        return format_value(Decimal(repr(number)), indicator.unit, indicator.decimal_places + 1)

    return ShownInterval(written(interval.lower), written(interval.upper), f"{interval.confidence * 100:g}%")


def _compared(indicator: Indicator, row, year: dict) -> Significance:
    if row.suppressed:
        return Significance(NOT_COMPARED_WITHHELD, period_label=row.period.label)
    outturn = row.outturn
    intervals = intervals_for(indicator.unit, row.value, outturn.numerator, outturn.denominator)
    result = Significance(period_label=row.period.label, value=row.value)
    if isinstance(intervals, str):
        result.not_compared = intervals
        return result
    if outturn.numerator is not None and outturn.denominator:
        result.fraction = format_fraction(outturn.numerator, outturn.denominator)
    result.intervals = [_shown(interval, indicator) for interval in intervals]
    polarity = Polarity(indicator.polarity)
    for kind in COMPARED_WITH:
        comparator = year.get(kind)
        value = comparator.value if comparator is not None else None
        words = []
        for interval in intervals:
            if value is None:
                words.append(f"Not compared: no {PLACE_WORDS[kind]} figure for {year['label']}")
                continue
            comparison = significance.compare(interval, value, polarity)
            start = RESULT_WORDS.get(comparison.name)
            level = f"{interval.confidence * 100:g}%"
            words.append(f"{start} {PLACE_WORDS[kind]} ({level})" if start else comparison.words)
        result.against.append(Against(ComparatorKind(kind).label, value, words))
    return result
