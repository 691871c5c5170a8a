"""The index's rows as plain text, worked out once per indicator so the row template only prints.

A 300-indicator index is thousands of cells; resolving each through nested templates and filters
costs more than the rest of the page together. Nothing here is HTML: only the words and figures
each cell shows.
"""

from dataclasses import dataclass

from indicators.assessment import Assessment, Figure
from indicators.models import Comparator, Target, TargetKind

DIRECTION_ARROWS = {
    "improving": "\u25b2",
    "worsening": "\u25bc",
    "same": "\u25ac",
    "not_comparable": "\u2013",
}


@dataclass(frozen=True, slots=True)
class Cell:
    text: str
    note: str = ""


@dataclass(frozen=True, slots=True)
class IndexRow:
    assessment: Assessment
    figures: list[Cell]
    target: Cell
    comparators: list[Cell]

    @property
    def indicator(self):
        return self.assessment.indicator

    @property
    def rating(self):
        return self.assessment.rating

    @property
    def direction(self):
        return self.assessment.direction

    @property
    def direction_arrow(self) -> str:
        return DIRECTION_ARROWS[self.assessment.direction.value]

    @property
    def commentary(self) -> str:
        return self.assessment.commentary


def figure_cell(figure: Figure | None) -> Cell:
    if figure is None:
        return Cell("")
    note = figure.period.label
    if figure.text:
        return Cell(figure.text, f"{note}, provisional" if figure.is_provisional else note)
    return Cell("", f"{figure.status_label}, {note}")


def target_cell(target: Target | None, assessment: Assessment) -> Cell:
    indicator = assessment.indicator
    if target is None:
        return Cell("", "No target" if indicator.is_target_measure else "Contextual")
    if target.is_range:
        text = f"{indicator.format(target.range_lower)} to {indicator.format(target.range_upper)}"
    else:
        text = indicator.format(target.value)
    return Cell(text, "" if target.kind == TargetKind.LOCAL else target.get_kind_display())


def comparator_cell(comparator: Comparator | None, assessment: Assessment) -> Cell:
    if comparator is None:
        return Cell("")
    notes = [f"Rank {comparator.rank} of {comparator.ranked}"] if comparator.rank else []
    notes.append(comparator.year_label)
    if comparator.value is None:
        return Cell("", f"{comparator.unavailable_reason or 'Not available'}, {comparator.year_label}")
    return Cell(assessment.indicator.format(comparator.value), ", ".join(notes))


def index_row(assessment: Assessment) -> IndexRow:
    return IndexRow(
        assessment=assessment,
        figures=[figure_cell(figure) for figure in assessment.figures],
        target=target_cell(assessment.target, assessment),
        comparators=[comparator_cell(c, assessment) for c in assessment.index_comparators],
    )
