"""A report's breakdowns: the parts (localities, teams) of the indicators a meeting chose to show by
part, for the period the report shows each of them, frozen with the report when it is published.

- A clerk chooses, per meeting, which indicators' breakdowns the report includes; a new meeting
  starts with the choice of the committee's last meeting (`reports.services.save_meeting`).
- Each part is the one the indicator's page shows (`breakdowns.selectors.parts_in_period`): rated
  against the indicator's target with the same rules where that target applies to a part (a
  count's target is for the whole council, so a count's parts are not rated), small parts
  withheld, and with them any that every breakdown's sums together would give away
  (`breakdowns.withholding`).
- The parts are built whole, each carrying why it is withheld from a reader without permission;
  `masked` cuts a breakdown to what such a reader sees, as `ReportLine.masked` does a line. A
  restricted (Part 2) indicator's breakdown is left out for them whole.
- A draft reads the parts as they stand; publishing freezes them in the report's entries, so a
  later correction of a part never changes what members saw.
"""

from collections import defaultdict
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal

from breakdowns.models import Breakdown, Member, PartFigure
from breakdowns.presentation import standing_text
from breakdowns.selectors import PartLine, PartsInPeriod, members_to_show, parts_in_period
from breakdowns.withholding import PeriodWithholding, withholdings_for
from indicators.assessment import target_year_for
from indicators.models import Outturn, OutturnStatus, Target
from indicators.reader import Reader
from indicators.rules.figures import NO_FIGURE
from indicators.rules.suppression import SUPPRESSED_MARK, Withheld, withheld_indicator
from indicators.rules.terms import Rating
from reports.contents import ReportLine

COUNCIL = "Council"


@dataclass(frozen=True)
class ReportPart:
    """One part's figure in a report (or the council's, beside the parts), in words."""

    name: str
    value: Decimal | None
    text: str
    """The figure in its units ("71%"), or what stands for it ("Provisional", "No figure", "[c]")."""
    numerator: Decimal | None = None
    denominator: Decimal | None = None
    status: str = ""
    rating: Rating = Rating.NO_DATA
    withheld: Withheld | None = None
    """Why it is withheld from a reader without permission (None: anyone may see it)."""
    is_secondary: bool = False
    """Withheld only because the council figure and the other parts would give another away."""
    slug: str = ""
    is_masked: bool = False

    @property
    def marked(self) -> Withheld | None:
        """Why the mark stands in place of the figure, for this reader."""
        return self.withheld if self.is_masked else None

    @property
    def fraction_text(self) -> str:
        """ "50 out of 91" for a proportion; the mark where the figure is withheld."""
        if self.marked:
            return SUPPRESSED_MARK
        if self.numerator is None or self.denominator is None:
            return ""
        return f"{self.numerator.normalize():,f} out of {self.denominator.normalize():,f}"

    @property
    def rating_text(self) -> str:
        return SUPPRESSED_MARK if self.marked else self.rating.label

    @property
    def words(self) -> str:
        """The part in one run of text, as every output writes it: "72% (54 out of 75) Red"."""
        if self.marked:
            return SUPPRESSED_MARK
        fraction = f" ({self.fraction_text})" if self.fraction_text else ""
        return f"{self.text}{fraction} {self.rating.label}"

    def masked(self) -> "ReportPart":
        if not self.withheld:
            return replace(self, is_masked=True)
        return replace(
            self,
            value=None,
            text=SUPPRESSED_MARK,
            numerator=None,
            denominator=None,
            rating=Rating.NO_DATA,
            is_masked=True,
        )

    def to_json(self) -> dict:
        return {
            "name": self.name,
            "slug": self.slug,
            "value": _text_of(self.value),
            "text": self.text,
            "numerator": _text_of(self.numerator),
            "denominator": _text_of(self.denominator),
            "status": self.status,
            "rating": self.rating.value,
            "withheld": self.withheld.value if self.withheld else "",
            "is_secondary": self.is_secondary,
        }

    @classmethod
    def from_json(cls, data: dict) -> "ReportPart":
        return cls(
            name=data["name"],
            slug=data["slug"],
            value=_number_of(data["value"]),
            text=data["text"],
            numerator=_number_of(data["numerator"]),
            denominator=_number_of(data["denominator"]),
            status=data["status"],
            rating=Rating(data["rating"]),
            withheld=Withheld(data["withheld"]) if data["withheld"] else None,
            is_secondary=data["is_secondary"],
        )


@dataclass(frozen=True)
class ReportBreakdown:
    """An indicator's parts by one dimension for the period the report shows it."""

    indicator_id: int
    position: int
    reference: str
    title: str
    is_restricted: bool
    dimension: str
    plural: str
    period: str
    period_start: date | None
    period_end: date | None
    parts: list[ReportPart] = field(default_factory=list)
    total: ReportPart | None = None
    standing: str = ""
    """The best and worst named and the spread, in one sentence (breakdowns.presentation)."""
    standing_withheld: Withheld | None = None
    parts_unrated: str = ""
    """Why the parts are not rated, though the council's figure is ("" where they are rated)."""
    is_masked: bool = False

    @property
    def heading(self) -> str:
        """ "2: Single assessments within 45 days, by locality"."""
        return f"{self.reference}: {self.title}, by {self.dimension.lower()}"

    @property
    def standing_shown(self) -> str:
        if self.is_masked and self.standing_withheld:
            return (
                "The best, the worst and the spread are withheld, because a"
                f" {self.dimension.lower()}'s figure is a small number."
            )
        return self.standing

    @property
    def rows(self) -> list[ReportPart]:
        """The parts, then the council's figure."""
        return [*self.parts, *([self.total] if self.total else [])]

    def masked(self) -> "ReportBreakdown":
        return replace(
            self,
            parts=[part.masked() for part in self.parts],
            total=self.total.masked() if self.total else None,
            is_masked=True,
        )

    def to_json(self) -> dict:
        return {
            "dimension": self.dimension,
            "plural": self.plural,
            "period": self.period,
            "period_start": self.period_start.isoformat() if self.period_start else None,
            "period_end": self.period_end.isoformat() if self.period_end else None,
            "parts": [part.to_json() for part in self.parts],
            "total": self.total.to_json() if self.total else None,
            "standing": self.standing,
            "standing_withheld": self.standing_withheld.value if self.standing_withheld else "",
            "parts_unrated": self.parts_unrated,
        }

    @classmethod
    def under(cls, line: ReportLine, **fields) -> "ReportBreakdown":
        """A breakdown under its indicator's line in the report: named, placed and restricted as it is."""
        return cls(
            indicator_id=line.indicator_id,
            position=line.position,
            reference=line.reference,
            title=line.title,
            is_restricted=line.is_restricted,
            **fields,
        )

    @classmethod
    def from_json(cls, data: dict, line: ReportLine) -> "ReportBreakdown":
        return cls.under(
            line,
            dimension=data["dimension"],
            plural=data["plural"],
            period=data["period"],
            period_start=date.fromisoformat(data["period_start"]) if data["period_start"] else None,
            period_end=date.fromisoformat(data["period_end"]) if data["period_end"] else None,
            parts=[ReportPart.from_json(part) for part in data["parts"]],
            total=ReportPart.from_json(data["total"]) if data["total"] else None,
            standing=data["standing"],
            standing_withheld=Withheld(data["standing_withheld"]) if data["standing_withheld"] else None,
            parts_unrated=data["parts_unrated"],
        )


def _text_of(number: Decimal | None) -> str | None:
    return None if number is None else str(number)


def _number_of(text: str | None) -> Decimal | None:
    return None if text is None else Decimal(text)


def breakdowns_for(meeting, lines: list[ReportLine]) -> dict[int, list[ReportBreakdown]]:
    """The chosen breakdowns of the report's lines, whole, by indicator id, as the figures stand now:
    nine queries however many indicators, dimensions and parts."""
    chosen = list(
        meeting.breakdowns.select_related("indicator", "dimension").order_by(
            "dimension__order", "dimension__name"
        )
    )
    by_indicator = {line.indicator_id: line for line in lines}
    chosen = [breakdown for breakdown in chosen if breakdown.indicator_id in by_indicator]
    if not chosen:
        return {}
    latest_ids = {
        line.latest.outturn_id
        for line in (by_indicator[breakdown.indicator_id] for breakdown in chosen)
        if line.latest and line.latest.outturn_id
    }
    totals = {
        outturn.pk: outturn for outturn in Outturn.objects.filter(pk__in=latest_ids).select_related("period")
    }
    dimension_ids = {breakdown.dimension_id for breakdown in chosen}
    members = defaultdict(list)
    for member in Member.objects.filter(dimension_id__in=dimension_ids):
        members[member.dimension_id].append(member)
    indicator_ids = [breakdown.indicator_id for breakdown in chosen]
    figures: dict[tuple[int, int], dict[int, PartFigure]] = defaultdict(dict)
    for figure in PartFigure.objects.filter(
        indicator_id__in=indicator_ids,
        period_id__in={outturn.period_id for outturn in totals.values()},
        member__dimension_id__in=dimension_ids,
    ):
        figures[(figure.indicator_id, figure.period_id)][figure.member_id] = figure
    targets = {
        (target.indicator_id, target.year): target
        for target in Target.objects.filter(indicator_id__in=indicator_ids)
    }
    withholdings = withholdings_for(
        {
            (breakdown.indicator_id, total.period_id): (breakdown.indicator, total.period)
            for breakdown in chosen
            if (total := _total_of(by_indicator[breakdown.indicator_id], totals))
        }.values()
    )
    found: dict[int, list[ReportBreakdown]] = defaultdict(list)
    for breakdown in chosen:
        line = by_indicator[breakdown.indicator_id]
        total = _total_of(line, totals)
        withholding = withholdings.get((breakdown.indicator_id, total.period_id)) if total else None
        found[line.indicator_id].append(
            _breakdown(breakdown, line, total, members[breakdown.dimension_id], figures, targets, withholding)
        )
    return dict(found)


def _total_of(line: ReportLine, totals: dict[int, Outturn]) -> Outturn | None:
    return totals.get(line.latest.outturn_id) if line.latest else None


def _breakdown(
    breakdown: Breakdown,
    line: ReportLine,
    total: Outturn | None,
    members,
    figures,
    targets,
    withholding: PeriodWithholding | None,
) -> ReportBreakdown:
    indicator, dimension = breakdown.indicator, breakdown.dimension
    shown = ReportBreakdown.under(
        line,
        dimension=dimension.name,
        plural=dimension.plural,
        period=line.latest.period.label if line.latest else "",
        period_start=total.period.start if total else None,
        period_end=total.period.end if total else None,
    )
    if total is None:
        return shown
    period = total.period
    period_figures = figures.get((indicator.pk, period.pk), {})
    if not period_figures:
        return shown
    target = targets.get((indicator.pk, target_year_for(indicator, period.rule)))
    arguments = {"total": total, "target": target, "withholding": withholding}
    in_use = members_to_show(members, period, period_figures)
    whole = parts_in_period(
        indicator, period, in_use, period_figures, reader=Reader.WHOLE_RECORD, **arguments
    )
    open_ = parts_in_period(indicator, period, in_use, period_figures, reader=Reader.PUBLIC, **arguments)
    return replace(
        shown,
        parts=[
            _part(indicator, whole_line, open_line)
            for whole_line, open_line in zip(whole.lines, open_.lines, strict=True)
        ],
        total=_total(indicator, whole, open_, line),
        standing=standing_text(whole.spread, indicator, dimension.plural),
        standing_withheld=open_.spread_withheld,
        parts_unrated=whole.parts_unrated,
    )


def _figure_text(indicator, value: Decimal | None, figure) -> str:
    if value is not None:
        return indicator.format(value)
    if figure is not None:
        return figure.get_status_display()
    return NO_FIGURE


def _part(indicator, whole: PartLine, open_: PartLine) -> ReportPart:
    figure = whole.figure
    shown = whole.value is not None
    return ReportPart(
        name=whole.member.name,
        slug=whole.member.slug,
        value=whole.value,
        text=_figure_text(indicator, whole.value, figure),
        numerator=figure.numerator if figure and shown else None,
        denominator=figure.denominator if figure and shown else None,
        status=figure.status if figure else "",
        rating=whole.rating,
        withheld=open_.withheld,
        is_secondary=whole.is_secondary,
    )


def _total(indicator, whole: PartsInPeriod, open_: PartsInPeriod, line: ReportLine) -> ReportPart:
    outturn = whole.total
    shown = whole.total_value is not None
    return ReportPart(
        name=COUNCIL,
        value=whole.total_value,
        text=_figure_text(indicator, whole.total_value, outturn),
        numerator=outturn.numerator if outturn and shown else None,
        denominator=outturn.denominator if outturn and shown else None,
        status=outturn.status if outturn else OutturnStatus.NOT_AVAILABLE,
        rating=whole.total_rating,
        withheld=open_.total_withheld or (line.latest.withheld if line.latest else None),
    )


def breakdowns_for_viewer(breakdowns: list[ReportBreakdown], *, reader: Reader) -> list[ReportBreakdown]:
    """What a reader may see: everything with permission; otherwise no restricted (Part 2)
    indicator's breakdown, and every withheld part shown as the mark."""
    if reader.sees_restricted:
        return breakdowns
    return [
        breakdown.masked()
        for breakdown in breakdowns
        if not withheld_indicator(is_restricted=breakdown.is_restricted)
    ]


def in_report_order(found: dict[int, list[ReportBreakdown]]) -> list[ReportBreakdown]:
    return sorted(
        (breakdown for breakdowns in found.values() for breakdown in breakdowns),
        key=lambda breakdown: breakdown.position,
    )


def sheet_name(breakdowns: list[ReportBreakdown]) -> str:
    """What the appendix's sheet of parts holds: "By locality", "By locality and team"."""
    names = list(dict.fromkeys(breakdown.dimension.lower() for breakdown in breakdowns))
    words = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
    name = f"By {words}"
    return name if len(name) <= 31 else "By locality or team"
