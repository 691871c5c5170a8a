"""The index's rows as plain text, worked out once per indicator so the row template only prints.

A 300-indicator index is thousands of cells; resolving each through nested templates and filters
costs more than the rest of the page together. Nothing here is HTML: only the words and figures
each cell shows.
"""

from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import quote

from django.urls import reverse
from django.utils.text import Truncator

from indicators.assessment import Assessment, Figure
from indicators.models import Comparator, Target, TargetKind
from indicators.rules.terms import Movement, Polarity

MOVEMENT_WORDS = {
    Movement.UP: "Went up",
    Movement.DOWN: "Went down",
    Movement.LEVEL: "Level",
    Movement.UNKNOWN: "",
}
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


@dataclass(slots=True)
class IndexRow:
    assessment: Assessment
    figures: list[Cell]
    target: Cell
    comparators: list[Cell]
    url: str

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
    def movement_note(self) -> str:
        """Which way a figure with no polarity moved: it is not better or worse, but members ask."""
        if self.indicator.polarity != Polarity.NONE:
            return ""
        return MOVEMENT_WORDS[self.assessment.movement]

    @property
    def commentary(self) -> str:
        return self.assessment.commentary

    @property
    def commentary_summary(self) -> str:
        return Truncator(self.assessment.commentary).words(30)

    @property
    def polarity_label(self) -> str:
        return self.assessment.indicator.get_polarity_display()


def figure_cell(figure: Figure | None) -> Cell:
    if figure is None:
        return Cell("")
    note, text = figure.period.label, figure.text
    if text:
        return Cell(text, f"{note}, provisional" if figure.is_provisional else note)
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
    if comparator.neighbours_used:
        notes.append(f"mean of {comparator.neighbours_used}")
    notes.append(comparator.year_label)
    if comparator.value is None:
        return Cell("", f"{comparator.unavailable_reason or 'Not available'}, {comparator.year_label}")
    return Cell(assessment.indicator.format(comparator.value), ", ".join(notes))


def detail_url_for() -> Callable[[str], str]:
    """A maker of indicator page addresses that reverses the URL pattern once, not once per row."""
    marker = "reference-placeholder"
    pattern = reverse("indicators:detail", args=[marker])
    return lambda reference: pattern.replace(marker, quote(reference, safe=""))


def index_row(assessment: Assessment, detail_url: Callable[[str], str]) -> IndexRow:
    return IndexRow(
        assessment=assessment,
        url=detail_url(assessment.indicator.reference),
        figures=[figure_cell(figure) for figure in assessment.figures],
        target=target_cell(assessment.target, assessment),
        comparators=[comparator_cell(c, assessment) for c in assessment.index_comparators],
    )
