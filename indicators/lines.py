"""An indicator's line: every word any output shows of an indicator for a period and a reader.

The live index, a meeting's report and its frozen snapshot, the appendix, the committee pack and
open data all read an indicator from its line; none of them turns figures into words itself.

- A line is built once from an assessment (`line_from_assessment`); a report adds the meeting's
  words to it (`reports.contents.ReportLine`) and freezes it when published.
- A line carries what of it is withheld from a reader without permission and why (`Withheld`).
  `masked` cuts it to what such a reader sees: small numbers become the mark ([c]), and a rating
  or direction of travel computed from one is withheld with it. Every output prints the mark and
  the same words for screen readers ("withheld: small number") from the line's cells (`Shown`).
- The index's columns, read from the line, are declared in `indicators/columns.py`.
- A line's comparators are values (`comparators_from`): each comparator's value, why it has none
  as recorded, the year as the publication labels it, its rank and how many neighbours its mean is
  of. The line words them when read (`comparator_shown`), so a kept line and a frozen report keep
  no words of their own.
- The council's quartile band among every council (A best, from DfE's figures, as LAIT bands it)
  is kept with the comparators, under the council's kind, so a published report freezes it with
  them. It is withheld where the index's figure for the year it is for is withheld.
"""

from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from functools import cached_property, lru_cache
from typing import NamedTuple

from indicators.assessment import (
    INDEX_COMPARATOR_KINDS,
    RECENT_PERIODS,
    Assessment,
    Figure,
    Ranked,
)
from indicators.charts import year_end_of
from indicators.models import Indicator, OutturnStatus, VariationSummary
from indicators.reader import Reader
from indicators.rules.exceptions import ExceptionFacts
from indicators.rules.figures import NO_FIGURE, format_value
from indicators.rules.periods import Period, PeriodKind, YearBasis
from indicators.rules.spc import Assurance, VariationIcon
from indicators.rules.suppression import (
    SUPPRESSED_MARK,
    Withheld,
    computed_from,
    withheld_indicator,
)
from indicators.rules.terms import ComparatorKind, Direction, Movement, Polarity, Rating, TargetKind

DIRECTION_ARROWS = {
    "improving": "\u25b2",
    "worsening": "\u25bc",
    "same": "\u25ac",
    "not_comparable": "\u2013",
}
MOVEMENT_WORDS = {
    Movement.UP: "Went up",
    Movement.DOWN: "Went down",
    Movement.LEVEL: "Level",
    Movement.UNKNOWN: "",
}


class Shown(NamedTuple):
    """One cell of a line as a reader sees it.

    `text` is the value in its units, or the words that stand for it ("Not available", "[c]");
    `is_number` says which. `note` is printed beneath it ("Provisional", "Rank 3 of 10 by the
    published figure, 2023"), `period` the period it is for, and `withheld` why the mark stands in
    its place.
    """

    text: str
    note: str = ""
    period: str = ""
    is_number: bool = False
    withheld: Withheld | None = None

    @property
    def withheld_label(self) -> str:
        """The words a screen reader hears beside the mark: "withheld: small number"."""
        return self.withheld.label if self.withheld else ""

    @property
    def words(self) -> str:
        """The cell as one run of text, for outputs with no room for a note (a CSV, a test)."""
        return " ".join(part for part in (self.text, self.note) if part)


EMPTY = Shown("")
NOT_AVAILABLE = "Not available"
SINCE_CORRECTED = "Since corrected, pending validation"


class LineFigure(NamedTuple):
    """One period's figure on a line: its period and value, and the words that show the value. A
    tuple, the cheapest object Python makes: an index of 300 indicators has some 1,800 of them."""

    period: Period
    value: Decimal | None
    text: str
    status: str = ""
    is_small: bool = False
    outturn_id: int | None = None
    is_since_corrected: bool = False
    """A change to it awaits validation: readers who see only validated figures see it as it was."""

    @property
    def is_provisional(self) -> bool:
        return self.value is not None and self.status == OutturnStatus.PROVISIONAL

    @property
    def note(self) -> str:
        if self.is_provisional:
            return "Provisional"
        return SINCE_CORRECTED if self.is_since_corrected else ""

    @property
    def withheld(self) -> Withheld | None:
        return Withheld.SMALL_NUMBER if self.is_small else None

    @property
    def marked(self) -> Withheld | None:
        """Why the mark stands in place of the value, when it does (for this reader)."""
        return self.withheld if self.value is None else None

    @property
    def shown(self) -> Shown:
        return Shown(
            self.text,
            note=self.note,
            period=self.period.label,
            is_number=self.value is not None,
            withheld=self.marked,
        )

    def to_json(self) -> dict:
        return {
            "period": period_json(self.period),
            "value": None if self.value is None else str(self.value),
            "text": self.text,
            "status": self.status,
            "is_small": self.is_small,
            "outturn_id": self.outturn_id,
            "is_since_corrected": self.is_since_corrected,
        }

    @classmethod
    def from_json(cls, data: dict) -> "LineFigure":
        value = data["value"]
        return cls(
            **{
                **data,
                "period": period_from_json(data["period"]),
                "value": None if value is None else Decimal(value),
            }
        )

    def masked(self) -> "LineFigure":
        return self._replace(value=None, text=SUPPRESSED_MARK) if self.withheld else self


@dataclass(frozen=True, kw_only=True)
class IndicatorLine(Ranked):
    """An indicator's standing at a period, in words, with what of it is withheld and why."""

    indicator_id: int
    reference: str
    title: str
    service_area: str
    is_restricted: bool
    is_target_measure: bool
    unit: str
    decimal_places: int
    polarity: Polarity
    rating: Rating
    direction: Direction
    target: str
    figures: list[LineFigure]
    """The recent periods' figures, oldest first; the last is the latest."""
    previous_year_end: LineFigure | None = None
    comparators: dict[str, dict] = field(default_factory=dict)
    """Kind to its values (`comparators_from`); the council's kind holds its quartile band
    (`band_from`). Worded by `comparator_shown` and `band_shown`."""
    commentary: str = ""
    movement: str = ""
    """Which way a figure with no polarity moved ("Went up"): not better or worse, but members ask."""
    display_order: int = 0
    variation: str = ""
    """What statistical process control makes of the series (`VariationIcon`'s value); empty: none."""
    assurance: str = ""
    """Whether the series will meet its target (`Assurance`'s value); empty: none."""
    is_trial: bool = False
    """The variation and assurance are read from trial limits: too few figures to fix them yet."""
    variation_concern: str = ""
    """Which rule found special cause concern, in words ("7 points in a row below the average")."""
    spc_uses_small_number: bool = False
    """A figure of the series is a small number, so the variation and assurance are withheld with it."""
    is_masked: bool = False
    """Whether this is the line as a reader without permission sees it (`masked`)."""

    @property
    def latest(self) -> LineFigure | None:
        return self.figures[-1] if self.figures else None

    @property
    def previous(self) -> LineFigure | None:
        """The period before the latest: what the direction of travel compares it with."""
        return self.figures[-2] if len(self.figures) > 1 else None

    @property
    def is_rated_on_its_figure(self) -> bool:
        return self.is_target_measure and self.polarity is not Polarity.NONE

    @cached_property
    def rating_withheld(self) -> Withheld | None:
        """Why the rating is withheld: it is computed from this period's figure."""
        if not self.is_rated_on_its_figure:
            return withheld_indicator(is_restricted=self.is_restricted)
        return computed_from(withheld_indicator(is_restricted=self.is_restricted), _reason(self.latest))

    @cached_property
    def direction_withheld(self) -> Withheld | None:
        """Why the direction of travel is withheld: it compares this period's figure with the last."""
        return computed_from(
            withheld_indicator(is_restricted=self.is_restricted), _reason(self.latest), _reason(self.previous)
        )

    @cached_property
    def band_withheld(self) -> Withheld | None:
        """Why the band is withheld: it places the council's figure for its year among every council's."""
        band = self.comparators.get(ComparatorKind.COUNCIL)
        if not band:
            return None
        same_year = [figure for figure in self.shown_figures if band["period"] == figure.period]
        return computed_from(
            withheld_indicator(is_restricted=self.is_restricted), *(_reason(f) for f in same_year)
        )

    @cached_property
    def spc_withheld(self) -> Withheld | None:
        """Why the variation and assurance are withheld: they are computed from every figure of the
        series, so any small number among them withholds both."""
        return computed_from(
            withheld_indicator(is_restricted=self.is_restricted),
            Withheld.SMALL_NUMBER if self.spc_uses_small_number else None,
        )

    @property
    def variation_icon(self) -> VariationIcon | None:
        return _member(VariationIcon, self.variation)

    @property
    def assurance_icon(self) -> Assurance | None:
        return _member(Assurance, self.assurance)

    @property
    def variation_mark(self) -> tuple[str, str]:
        return spc_mark(self.variation_icon)

    @property
    def assurance_mark(self) -> tuple[str, str]:
        return spc_mark(self.assurance_icon)

    @property
    def is_special_cause_concern(self) -> bool:
        icon = self.variation_icon
        return icon is not None and icon.name.startswith("CONCERN")

    @property
    def is_consistently_failing(self) -> bool:
        return self.assurance_icon is Assurance.FAIL

    @property
    def shown_figures(self) -> list[LineFigure]:
        return [*self.figures, *([self.previous_year_end] if self.previous_year_end else [])]

    @cached_property
    def slots(self) -> list[LineFigure | None]:
        """The index's figure columns: the previous year end, then the recent periods oldest first,
        padded at the front where there are fewer."""
        recent = list(self.figures)[-RECENT_PERIODS:]
        return [self.previous_year_end, *([None] * (RECENT_PERIODS - len(recent))), *recent]

    @cached_property
    def period_run(self) -> tuple[Period | None, ...]:
        """The periods the figure columns show, previous year end first; None where a column is empty."""
        return tuple(figure.period if figure else None for figure in self.slots)

    @property
    def direction_arrow(self) -> str:
        return DIRECTION_ARROWS[self.direction.value]

    @property
    def direction_words(self) -> str:
        return f"{self.direction_arrow} {self.direction.label}"

    # The cells every output prints.

    @property
    def rating_shown(self) -> Shown:
        return Shown(self.rating.label, withheld=self.rating_withheld if self.is_masked else None)

    @property
    def direction_shown(self) -> Shown:
        withheld = self.direction_withheld if self.is_masked else None
        return Shown(self.direction.label, note=self.movement, withheld=withheld)

    @property
    def variation_shown(self) -> Shown:
        return self._spc_shown(self.variation_icon)

    @property
    def assurance_shown(self) -> Shown:
        return self._spc_shown(self.assurance_icon)

    def _spc_shown(self, icon: VariationIcon | Assurance | None) -> Shown:
        withheld = self.spc_withheld if self.is_masked else None
        if icon is None:
            return Shown(NOT_AVAILABLE, withheld=withheld)
        return Shown(icon.words, note="Trial limits" if self.is_trial else "")

    @property
    def target_shown(self) -> Shown:
        return Shown(self.target)

    def figure_shown(self, slot: int) -> Shown:
        figure = self.slots[slot]
        return figure.shown if figure else EMPTY

    def comparator_shown(self, kind: str) -> Shown:
        comparator = self.comparators.get(kind)
        if comparator is None:
            return EMPTY
        return comparator_cell(
            comparator["value"],
            comparator["reason"],
            comparator["year_label"],
            comparator["rank"],
            comparator["ranked"],
            comparator["neighbours_used"],
            self.unit,
            self.decimal_places,
        )

    @property
    def band_shown(self) -> Shown:
        band = self.comparators.get(ComparatorKind.COUNCIL)
        if not band:
            return EMPTY
        withheld = self.band_withheld if self.is_masked else None
        if withheld:
            return Shown(SUPPRESSED_MARK, period=band["year_label"], withheld=withheld)
        if not band["band"]:
            return EMPTY
        ranked = band["national_ranked"]
        note = f"among {ranked} councils" if ranked else ""
        return Shown(band["band"], note=note, period=band["year_label"])

    def masked(self) -> "IndicatorLine":
        """The line as a reader without permission sees it: small numbers replaced by the mark, and
        the rating and direction computed from them withheld with them."""
        return replace(self, **self.masked_fields())

    def masked_fields(self) -> dict:
        return {
            "rating": Rating.NO_DATA if self.rating_withheld else self.rating,
            "direction": Direction.NOT_COMPARABLE if self.direction_withheld else self.direction,
            # "Went up" from a figure of 4 to a withheld one would bound the withheld figure.
            "movement": "" if self.direction_withheld else self.movement,
            **(SPC_WITHHELD if self.spc_withheld else {}),
            "figures": [figure.masked() for figure in self.figures],
            "previous_year_end": self.previous_year_end.masked() if self.previous_year_end else None,
            "comparators": self._masked_comparators(),
            "is_masked": True,
        }

    def _masked_comparators(self) -> dict[str, dict]:
        band = self.comparators.get(ComparatorKind.COUNCIL)
        if not band or not self.band_withheld:
            return self.comparators
        hidden = {**band, "band": "", "national_rank": None, "national_ranked": None}
        return {**self.comparators, ComparatorKind.COUNCIL: hidden}


def period_json(period: Period) -> dict:
    """A period as a frozen report keeps it: what it is, never its words."""
    return {"start": period.start.isoformat(), "kind": period.kind.value, "basis": period.basis.value}


def period_from_json(data: dict) -> Period:
    return Period(date.fromisoformat(data["start"]), PeriodKind(data["kind"]), YearBasis(data["basis"]))


def comparators_json(comparators: dict[str, dict]) -> dict[str, dict]:
    """A line's comparators as a kept line and a frozen report keep them: values, the band's period
    as a period (`period_json`)."""
    return {kind: _with_period(shown, period_json) for kind, shown in comparators.items()}


def comparators_from_json(data: dict[str, dict]) -> dict[str, dict]:
    return {kind: _with_period(shown, period_from_json) for kind, shown in data.items()}


def _with_period(shown: dict, convert) -> dict:
    if shown.get("period") is None:
        return shown
    return {**shown, "period": convert(shown["period"])}


def exception_facts(assessment: Assessment, line: IndicatorLine) -> ExceptionFacts:
    """What the exception criteria read of an indicator: its assessment, and its line's variation
    and assurance."""
    return ExceptionFacts(
        rating=assessment.rating,
        shortfall_percent=assessment.result.shortfall_percent,
        recent_directions=assessment.recent_directions,
        **spc_facts(line),
    )


def spc_facts(line: IndicatorLine) -> dict:
    """What the exception criteria read of a line's variation and assurance (`ExceptionFacts`)."""
    return {
        "is_special_cause_concern": line.is_special_cause_concern,
        "concern": line.variation_concern,
        "is_consistently_failing": line.is_consistently_failing,
    }


SPC_WITHHELD = {"variation": "", "assurance": "", "is_trial": False, "variation_concern": ""}


def _reason(figure: LineFigure | None) -> Withheld | None:
    return figure.withheld if figure is not None else None


def spc_mark(icon: VariationIcon | Assurance | None) -> tuple[str, str]:
    """How an icon is drawn, as Making Data Count draws it: its look ("improvement", "concern",
    "neutral", "common"; "pass", "fail", "unknown") and the letter inside its circle (H or L for a
    special cause high or low, P or F for passing or failing, ? for hit and miss), so that colour is
    never the only cue. ("", "") for none."""
    return MARKS.get(icon, ("", ""))


def _mark_of(icon: VariationIcon | Assurance) -> tuple[str, str]:
    if isinstance(icon, Assurance):
        return {Assurance.PASS: ("pass", "P"), Assurance.FAIL: ("fail", "F")}.get(icon, ("unknown", "?"))
    look, _, side = icon.name.lower().partition("_")
    if look not in ("improvement", "concern", "neutral"):
        return "common", "\N{EN DASH}"
    return look, "H" if side == "high" else "L"


MARKS = {icon: _mark_of(icon) for icon in (*VariationIcon, *Assurance)}
"""Each icon's look and letter, worked out once: the index draws 600 of them."""
ICONS = {enum: {icon.value: icon for icon in enum} for enum in (VariationIcon, Assurance)}


def _member(enum, value: str):
    """The icon a stored value names; None for none, or for a value no longer named."""
    return ICONS[enum].get(value) if value else None


# Building a line from an assessment.


@lru_cache(maxsize=8192)
def formatted(value: Decimal, unit: str, decimal_places: int) -> str:
    """`Indicator.format`, remembered: an index shows the same few values many times."""
    return format_value(value, unit, decimal_places)


def figure_from(figure: Figure | None, indicator: Indicator, threshold: int) -> LineFigure | None:
    """A figure's words. A figure the assessment already withholds (`Figure.suppressed`) is small;
    given a threshold, so is one the assessment finds small for readers without permission
    (`Figure.is_small`: a small number, or a small step from the year-to-date figure before it)."""
    if figure is None:
        return None
    outturn = figure.outturn
    if outturn is None:
        return LineFigure(figure.period, None, NO_FIGURE)
    value = outturn.reportable_value
    is_small = value is not None and (figure.suppressed or (threshold > 0 and figure.is_small))
    return LineFigure(
        period=figure.period,
        value=value,
        text=formatted(value, indicator.unit, indicator.decimal_places)
        if value is not None
        else outturn.get_status_display(),
        status=outturn.status,
        is_small=is_small,
        outturn_id=outturn.pk,
        is_since_corrected=outturn.is_held,
    )


def target_text(assessment: Assessment) -> str:
    """The target as every output words it: "15.0 (promise)", "12% to 20%", "No target"."""
    target, indicator = assessment.target, assessment.indicator
    if target is None:
        return target_words(None, indicator=indicator)
    return target_words(
        (target.value, target.range_lower, target.range_upper, target.kind), indicator=indicator
    )


def target_words(target: tuple | None, *, indicator: Indicator) -> str:
    """A target's words, from its value, lower and upper bounds and kind (None: no target)."""
    if target is None:
        return "No target" if indicator.is_target_measure else "Contextual"
    value, lower, upper, kind = target
    unit, places = indicator.unit, indicator.decimal_places
    if lower is not None or upper is not None:
        text = f"{formatted(lower, unit, places)} to {formatted(upper, unit, places)}"
    else:
        text = formatted(value, unit, places)
    return text if kind == TargetKind.LOCAL else f"{text} ({TargetKind(kind).label.lower()})"


def comparators_from(assessment: Assessment) -> dict[str, dict]:
    """The comparators the index shows, as values: each one's value (a decimal string, None where
    there is none), why there is none as recorded (DfE's words for its symbol, or an officer's: data,
    not the portal's words), the year as the publication labels it, the council's rank among its
    neighbours and how many were ranked, and how many neighbours' figures the mean is of."""
    values = {}
    for kind in INDEX_COMPARATOR_KINDS:
        comparator = assessment.comparators.get(kind)
        if comparator is None:
            continue
        value = comparator.value
        values[kind] = {
            "value": None if value is None else str(value),
            "reason": comparator.unavailable_reason,
            "year_label": comparator.year_label,
            "rank": comparator.rank,
            "ranked": comparator.ranked,
            "neighbours_used": comparator.neighbours_used,
        }
    return values


def band_from(assessment: Assessment) -> dict | None:
    """The council's quartile band for the latest year DfE banded it, its rank among every council,
    and the line's period for that year (whose figure, when withheld, withholds the band)."""
    council = assessment.comparators.get(ComparatorKind.COUNCIL)
    if council is None or not council.band:
        return None
    year_end = year_end_of(council.year, council.year_label)
    periods = [figure.period for figure in assessment.figures if figure and figure.period.end == year_end]
    return {
        "band": council.band,
        "national_rank": council.national_rank,
        "national_ranked": council.national_ranked,
        "year_label": council.year_label,
        "period": periods[-1] if periods else None,
    }


# Wording a line's comparators.


@lru_cache(maxsize=16384)
def comparator_cell(
    value: str | None,
    reason: str,
    year_label: str,
    rank: int | None,
    ranked: int | None,
    neighbours_used: int | None,
    unit: str,
    decimal_places: int,
) -> Shown:
    """A comparator's cell: its value in the indicator's units, or why there is none ("Not
    available"); beneath it the council's rank among its neighbours and how many neighbours' figures
    the mean is of, where it has a value, and the year ("Rank 3 of 11 by the published figure, mean
    of 10, 2023/24"). Remembered, cells and all: an index of 3,000 indicators draws 9,000 of them."""
    if value is None:
        return Shown(reason or NOT_AVAILABLE, note=year_label, period=year_label)
    notes = [f"Rank {rank} of {ranked} by the published figure"] if rank else []
    if neighbours_used:
        notes.append(f"mean of {neighbours_used}")
    return Shown(
        format_value(Decimal(value), unit, decimal_places),
        note=", ".join([*notes, year_label]),
        period=year_label,
        is_number=True,
    )


def movement_words(assessment: Assessment) -> str:
    return movement_words_of(assessment.indicator, assessment.movement)


def movement_words_of(indicator: Indicator, movement: Movement) -> str:
    """Which way a figure with no polarity moved; nothing for one with a polarity."""
    return MOVEMENT_WORDS[movement] if indicator.polarity == Polarity.NONE else ""


def indicator_fields(indicator: Indicator) -> dict:
    """The fields of an indicator's line that are the indicator's own."""
    return {
        "indicator_id": indicator.pk,
        "reference": indicator.reference,
        "title": indicator.title,
        "service_area": indicator.service_area.name,
        "is_restricted": indicator.is_restricted,
        "is_target_measure": indicator.is_target_measure,
        "unit": indicator.unit,
        "decimal_places": indicator.decimal_places,
        "polarity": indicator.polarity_enum,
    }


def line_fields(assessment: Assessment, *, threshold: int) -> dict:
    """The fields of an indicator's line, from its assessment: for `IndicatorLine` or a report's line."""
    indicator = assessment.indicator
    return {
        **indicator_fields(indicator),
        "rating": assessment.rating,
        "direction": assessment.direction,
        "target": target_text(assessment),
        "figures": [figure_from(figure, indicator, threshold) for figure in assessment.recent],
        "previous_year_end": figure_from(assessment.previous_year_end, indicator, threshold),
        "comparators": _with_band(comparators_from(assessment), band_from(assessment)),
        "commentary": assessment.commentary,
        "movement": movement_words(assessment),
        "display_order": indicator.display_order,
        **variation_fields(assessment),
    }


def variation_fields(assessment: Assessment) -> dict:
    """The variation and assurance kept for the indicator (`VariationSummary`), where they are for
    the series up to this line's latest period; an index as at an earlier date shows none."""
    summary = _summary_of(assessment.indicator)
    latest = assessment.latest
    if summary is None or latest is None or summary.period_end != latest.period.end:
        return {}
    return {
        "variation": summary.variation,
        "assurance": summary.assurance,
        "is_trial": summary.is_trial,
        "variation_concern": summary.concern,
        "spc_uses_small_number": summary.uses_small_number,
    }


def _summary_of(indicator: Indicator) -> VariationSummary | None:
    """The indicator's summary, read with it (`select_related("variation_summary")`) by the index."""
    try:
        return indicator.variation_summary
    except VariationSummary.DoesNotExist:
        return None


def _with_band(comparators: dict[str, dict], band: dict | None) -> dict[str, dict]:
    return {**comparators, ComparatorKind.COUNCIL: band} if band else comparators


def line_from_assessment(assessment: Assessment, *, reader: Reader) -> IndicatorLine:
    """An indicator's line as this reader sees it, from its assessment for them: one built for a
    reader without permission has withheld their small numbers already (`Figure.suppressed`)."""
    return line_for_reader(line_fields(assessment, threshold=0), reader=reader)


def is_masked_for(reader: Reader) -> bool:
    """Whether this reader is shown lines masked: all but those who see restricted indicators and
    small numbers."""
    return not (reader.sees_restricted and reader.sees_small_numbers)


def line_for_reader(fields: dict, *, reader: Reader) -> IndicatorLine:
    """A line from its fields, masked unless this reader sees restricted indicators and small numbers."""
    if not is_masked_for(reader):
        return IndicatorLine(**fields)
    if not withholds_anything(fields):
        # Most lines: masking would change nothing, so the line is built once, not twice.
        return IndicatorLine(**fields, is_masked=True)
    return IndicatorLine(**fields).masked()


def withholds_anything(fields: dict) -> bool:
    """Whether a line (its `line_fields`) withholds anything from a reader without permission: it
    is restricted, or one of its figures, or of the series its variation is read from, is a small
    number. Nothing else is withheld that is not
    computed from one of those (`IndicatorLine.masked`)."""
    figures = [*fields["figures"], fields["previous_year_end"]]
    return (
        fields["is_restricted"]
        or fields.get("spc_uses_small_number", False)
        or any(figure is not None and figure.is_small for figure in figures)
    )
