"""An indicator's report card, Norfolk's format: a succinct overview of its performance and what is
being done about it, with the officers who answer for it.

A card is built from a line (indicators.lines.IndicatorLine, or a report's ReportLine) as a reader
may see it, so every figure on it is printed as the line prints it and what is withheld from the
reader is withheld on the card too. "What the data says" is written from those printed figures,
never from the raw values. "The story behind it" is the meeting's management commentary: on a
report, that report's, else the figure's own commentary, as the appendix's exceptions sheet
prints it; on the indicator page, the latest published report's, linked to it.

The lead officer, the data owner and what success looks like are the indicator's records; a report
freezes them on its lines when published (reports.contents.card_records).
"""

from dataclasses import dataclass, field
from decimal import Decimal
from typing import NamedTuple

from indicators.lines import IndicatorLine, LineFigure
from indicators.rules.suppression import SUPPRESSED_MARK
from indicators.rules.terms import ComparatorKind, Direction, Rating

NO_TARGET_WORDS = ("No target", "Contextual")
SPARK_WIDTH, SPARK_HEIGHT, SPARK_MARGIN = 240, 48, 4


@dataclass(frozen=True)
class Source:
    """The published report a card's story comes from: "From the report to <committee> on <date>"."""

    words: str
    url: str


class CardPart(NamedTuple):
    """A part of a card in words: "story", "The story behind it", the commentary."""

    key: str
    heading: str
    words: str


@dataclass(frozen=True)
class Card:
    line: IndicatorLine
    data_says: list[str]
    story: str
    actions_text: str
    success_looks_like: str
    lead_officer: str
    data_owner: str
    source: Source | None = None
    open_actions: list = field(default_factory=list)
    """The actions on the indicator (reports.actions.ReportAction): a report's as it shows them, the
    indicator page's those still open."""

    @property
    def trend(self) -> list[LineFigure]:
        """The recent figures, newest first, as the line prints them."""
        return list(reversed(self.line.figures))

    @property
    def sparkline(self) -> str:
        """The SVG polyline points of the recent figures the reader may see, oldest on the left;
        empty when fewer than two are numbers."""
        return sparkline_points([figure.value for figure in self.line.figures])

    @property
    def told(self) -> list[CardPart]:
        """The card's parts in words, headed as the card heads them: what the pack prints beside
        the trend, and the appendix's sheet around the figures."""
        actions = [self.actions_text] if self.actions_text else []
        actions += [
            f"{action.text}. Owner: {action.owner}; due {action.due:%-d %B %Y}; {action.state_words}"
            for action in self.open_actions
        ]
        return [
            CardPart("data_says", "What the data says", " ".join(self.data_says)),
            CardPart("story", "The story behind it", self.story or "No published commentary."),
            CardPart("success", "What success looks like", self.success_looks_like or "Not recorded."),
            CardPart("actions", "Actions", "\n".join(actions) or "No open actions."),
            CardPart("lead_officer", "Lead officer", self.lead_officer or "Not recorded"),
            CardPart("data_owner", "Data owner", self.data_owner or "Not recorded"),
        ]

    @property
    def rows(self) -> list[tuple[str, str]]:
        """The card as headings and words, for the appendix's sheet of it."""
        line = self.line
        data_says, *told = ((part.heading, part.words) for part in self.told)
        return [
            ("Indicator", f"{line.reference}: {line.title}"),
            ("Rating", line.rating_shown.text),
            ("Target", line.target),
            data_says,
            *((f"Figure, {figure.period.label}", figure.shown.words) for figure in self.trend),
            *told,
        ]

    @property
    def anchor(self) -> str:
        return card_anchor(self.line.reference)


def card_anchor(reference: str) -> str:
    """The id of an indicator's card on a page: "card-35-1" for indicator 35.1."""
    return "card-" + "".join(c if c.isalnum() else "-" for c in reference)


def card_for(
    line: IndicatorLine,
    *,
    story: str = "",
    actions_text: str = "",
    source: Source | None = None,
    lead_officer: str = "",
    data_owner: str = "",
    success_looks_like: str = "",
    open_actions=(),
) -> Card:
    """The card of a line. A report's line carries its own commentary and frozen records, which
    the arguments stand in for only where the line has none."""
    return Card(
        line=line,
        data_says=data_says(line),
        # What the report's exceptions table prints as its commentary: the lead officer's words,
        # else the figure's own.
        story=getattr(line, "narrative", "") or story,
        actions_text=getattr(line, "corrective_actions", "") or actions_text,
        success_looks_like=getattr(line, "success_looks_like", "") or success_looks_like,
        lead_officer=getattr(line, "lead_officer", "") or lead_officer,
        data_owner=getattr(line, "data_owner", "") or data_owner,
        source=source,
        open_actions=list(open_actions),
    )


def data_says(line: IndicatorLine) -> list[str]:
    """What the data says, in sentences that print the line's own figures: the latest figure
    against its target and its rating, which way it moved since the period before, and the
    comparators beside it."""
    latest = line.latest
    if latest is None:
        return ["There is no figure yet."]
    sentences = [_against_target(line, latest)]
    previous = line.previous
    if previous is not None and line.direction is not Direction.NOT_COMPARABLE:
        moved = line.direction.label if line.is_rated_on_its_figure else (line.movement or "Level")
        sentences.append(f"{moved} since {previous.period.label} ({previous.text}).")
    compared = [
        f"{ComparatorKind(kind).label} {shown.text} ({shown.period})"
        for kind in line.comparators
        if kind != ComparatorKind.COUNCIL and (shown := line.comparator_shown(kind)).is_number
    ]
    if compared:
        sentences.append(f"Compared with {'; '.join(compared)}.")
    return sentences


def _against_target(line: IndicatorLine, latest: LineFigure) -> str:
    if latest.text == SUPPRESSED_MARK:
        return f"The figure for {latest.period.label} is withheld: a small number."
    if latest.value is None:
        return f"{latest.period.label}: {latest.text}."
    figure = f"{latest.text} in {latest.period.label}"
    if not line.is_target_measure or line.target in NO_TARGET_WORDS:
        return (
            f"{figure}; {'a contextual measure, not rated' if not line.is_target_measure else 'no target'}."
        )
    rated = f": {line.rating.label}" if line.rating not in (Rating.NO_DATA, Rating.NOT_RATED) else ""
    return f"{figure} against a target of {line.target}{rated}."


def sparkline_points(values: list[Decimal | None]) -> str:
    """ "x,y x,y …" for an SVG polyline of the values, scaled to the sparkline's box; periods
    without a number are left out, keeping their place on the axis."""
    numbers = [(index, float(value)) for index, value in enumerate(values) if value is not None]
    if len(numbers) < 2:
        return ""
    low, high = min(v for _, v in numbers), max(v for _, v in numbers)
    step = (SPARK_WIDTH - 2 * SPARK_MARGIN) / max(len(values) - 1, 1)
    inner = SPARK_HEIGHT - 2 * SPARK_MARGIN

    def height(value: float) -> float:
        # Figures that never move are drawn level across the middle, not along the floor.
        share = (value - low) / (high - low) if high > low else 0.5
        return SPARK_MARGIN + inner - share * inner

    return " ".join(f"{SPARK_MARGIN + index * step:.1f},{height(value):.1f}" for index, value in numbers)
