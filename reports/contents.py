"""A committee report's contents as plain data: one line per indicator with every figure shown.

A report's line is the indicator's line (indicators/lines.py: the same words as the live index,
the appendix, the pack and open data) with the meeting's words on it: exceptions, caveats,
management commentary and actions, and the corrections since the last meeting.

A draft report's lines are computed from the current figures; a published report's lines are read
back from its frozen entries, which keep values (a period, a polarity, a rating), never the words
an output prints for them: rewording a label rewords every report and withholds nothing new.
Either way the lines are built whole, each carrying what of it is withheld from a reader without
permission and why (`Withheld`); what a reader sees is cut from it in one place (`for_viewer`), so
the page, the snapshot, the appendix and every other output agree.
"""

from dataclasses import dataclass, field, replace
from datetime import date

from indicators.assessment import Assessment
from indicators.entry.due import person_text
from indicators.lines import (
    IndicatorLine,
    LineFigure,
    comparators_from_json,
    comparators_json,
    exception_facts,
    line_fields,
    period_from_json,
    period_json,
    spc_facts,
)
from indicators.models import Correction, Indicator, OutturnStatus
from indicators.reader import Reader
from indicators.rules.exceptions import ExceptionCriteria, ExceptionFacts, exception_reasons
from indicators.rules.periods import Period
from indicators.rules.suppression import (
    SUPPRESSED_MARK,
    Withheld,
    computed_from,
    withheld_indicator,
)
from indicators.rules.terms import Direction, Polarity, Rating

CAVEAT_STATUSES = (OutturnStatus.NOT_AVAILABLE, OutturnStatus.UNRELIABLE)
"""A report's figure is a line's figure (indicators.lines)."""


@dataclass(frozen=True)
class ReportCorrection:
    period: Period
    previous: str
    new: str
    reason: str
    corrected_on: str
    corrected_by: str
    is_small: bool = False

    @property
    def corrected_date(self) -> date:
        return date.fromisoformat(self.corrected_on)

    @property
    def withheld(self) -> Withheld | None:
        return Withheld.SMALL_NUMBER if self.is_small else None

    @property
    def marked(self) -> Withheld | None:
        """Why the mark stands in place of the figures, when it does (for this reader)."""
        return self.withheld if self.new == SUPPRESSED_MARK else None

    def to_json(self) -> dict:
        return {**self.__dict__, "period": period_json(self.period)}

    @classmethod
    def from_json(cls, data: dict) -> "ReportCorrection":
        return cls(**{**data, "period": period_from_json(data["period"])})

    def masked(self) -> "ReportCorrection":
        return replace(self, previous=SUPPRESSED_MARK, new=SUPPRESSED_MARK) if self.withheld else self


@dataclass(frozen=True, kw_only=True)
class ReportLine(IndicatorLine):
    """An indicator's line in a meeting's report: the line, and the meeting's words on it."""

    position: int
    previous_rating: Rating | None
    exception_reasons: list[str] = field(default_factory=list)
    caveat: str = ""
    management_commentary: str = ""
    corrective_actions: str = ""
    corrections: list[ReportCorrection] = field(default_factory=list)
    open_exception_reasons: list[str] = field(default_factory=list)
    """The exception reasons judged only on figures anyone may see."""
    lead_officer: str = ""
    """The indicator's lead officer as the report card names them: "Dana Okafor, Head of Social Care"."""
    data_owner: str = ""
    success_looks_like: str = ""

    @property
    def withheld(self) -> Withheld | None:
        """Why any part of this line is withheld from a reader without permission; None when nothing is."""
        return computed_from(
            withheld_indicator(is_restricted=self.is_restricted),
            *(figure.withheld for figure in self.shown_figures),
            *(correction.withheld for correction in self.corrections),
        )

    @property
    def is_exception(self) -> bool:
        return bool(self.exception_reasons)

    @property
    def narrative(self) -> str:
        """What the committee reads beside a rating change: the lead officer's words, else the figure's."""
        return self.management_commentary or self.commentary

    def masked(self, *, previous_rating: Rating | None = None) -> "ReportLine":
        """The line as a reader without permission sees it (`IndicatorLine.masked`), with the
        exceptions judged on what they may see and small corrections withheld.

        `previous_rating` is the rating this reader was shown in the previous report.
        """
        reasons = self.open_exception_reasons
        return replace(
            self,
            **self.masked_fields(),
            previous_rating=previous_rating,
            exception_reasons=list(reasons),
            open_exception_reasons=list(reasons),
            corrections=[correction.masked() for correction in self.corrections],
        )


def caveat_for(latest: LineFigure | None, commentary: str, written: str) -> str:
    """Why the latest figure cannot be reported: the officer's caveat, else the figure's own note."""
    if written:
        return written
    if latest is not None and latest.status in CAVEAT_STATUSES:
        return commentary or latest.text
    return ""


def correction_from(
    correction: Correction, indicator: Indicator, threshold: int, earlier: tuple | None = None
) -> ReportCorrection:
    """A correction as the next report lists it, withheld when either figure is a small number,
    each judged on the numerator and denominator it came from, or, for a year-to-date figure, a
    small step from `earlier`, the figure before it in the year."""

    def text(value, status):
        return indicator.format(value) if value is not None else OutturnStatus(status).label

    user = correction.corrected_by
    return ReportCorrection(
        period=correction.outturn.period.rule,
        previous=text(correction.previous_value, correction.previous_status),
        new=text(correction.new_value, correction.new_status),
        reason=correction.reason,
        corrected_on=correction.corrected_at.date().isoformat(),
        corrected_by=(user.get_full_name() or user.get_username()) if user else "",
        is_small=correction.withheld(earlier, is_count=indicator.is_count, threshold=threshold) is not None,
    )


def open_facts(assessment: Assessment, figures: list[LineFigure], spc: dict) -> ExceptionFacts:
    """What the exception criteria see of an indicator when its small numbers are withheld: the
    facts a reader without permission could judge it on (`spc`: its masked line's `spc_facts`)."""
    latest_withheld = bool(figures) and figures[-1].withheld is not None
    open_assessment = replace(
        assessment,
        recent=[
            replace(figure, suppressed=shown.withheld is not None)
            for figure, shown in zip(assessment.recent, figures, strict=True)
        ],
    )
    return ExceptionFacts(
        rating=Rating.NO_DATA
        if latest_withheld and assessment.rating is not Rating.NOT_RATED
        else assessment.rating,
        shortfall_percent=None if latest_withheld else assessment.result.shortfall_percent,
        recent_directions=open_assessment.recent_directions,
        **spc,
    )


def line_from(
    assessment: Assessment,
    *,
    position: int,
    criteria: ExceptionCriteria,
    previous_rating: Rating | None,
    note=None,
    corrections: list[ReportCorrection] = (),
    threshold: int,
) -> ReportLine:
    """One indicator's line (`indicators.lines.line_fields`), with the meeting's commentary (`note`)
    on it and the exceptions it raises."""
    fields = line_fields(assessment, threshold=threshold)
    figures = fields["figures"]
    whole = IndicatorLine(**fields)
    facts = exception_facts(assessment, whole)
    return ReportLine(
        **fields,
        position=position,
        previous_rating=previous_rating,
        exception_reasons=exception_reasons(facts, criteria),
        open_exception_reasons=exception_reasons(
            open_facts(assessment, figures, spc_facts(whole.masked())), criteria
        ),
        caveat=caveat_for(
            figures[-1] if figures else None, assessment.commentary, note.caveat if note else ""
        ),
        management_commentary=note.commentary if note else "",
        corrective_actions=note.actions if note else "",
        corrections=list(corrections),
        **card_records(assessment.indicator, note),
    )


def card_records(indicator: Indicator, note=None) -> dict:
    """The report card's records of an indicator, as the report freezes them: its lead officer
    (the officer the meeting's commentary makes responsible, else the indicator's), its data
    owner, each "name, job title" and blank when not recorded, and what success looks like."""
    owner = note.owner if note is not None and note.owner_id else None
    if owner is None or owner.pk == indicator.lead_officer_user_id:
        lead = _named(indicator.lead_officer_user, indicator.lead_officer)
    else:
        lead = _named(owner, "")
    return {
        "lead_officer": lead,
        "data_owner": _named(indicator.data_owner_user, indicator.data_owner),
        "success_looks_like": indicator.success_looks_like,
    }


def _named(person, job_title: str) -> str:
    return person_text(person, job_title) if person is not None or job_title else ""


SNAPSHOT_VERSION = 5
"""The shape of a frozen report entry (`entry_fields`). Each version is the previous one changed by
one data migration, which brings every entry already frozen to it, so `line_from_entry` reads one
shape only. To add a field: write it in `entry_fields`, read it in `line_from_entry`, raise this by
one, and add a migration that fills it in every older entry and sets their `version`.

1. As first kept: periods and polarity in words ("Q2 2019/20", "Higher is better").
2. Values: each period its start, kind and year basis; the polarity its value; the exception reasons
   a reader without permission sees and the movement on every entry; comparators each with a note;
   parts by locality each saying whether its parts are unrated.
   (reports/migrations/0006_report_entries_keep_values.py)
3. The variation and assurance of statistical process control (`figures["variation"]`), empty in
   entries frozen before they were kept: "Not available".
   (reports/migrations/0009_report_entries_keep_variation.py)
4. The report card's records: the lead officer and the data owner (name and job title) and what
   success looks like, blank on entries frozen before they were kept.
   (reports/migrations/0011_report_cards_frozen_with_entries.py)
5. Comparators as values (`indicators.lines.comparators_from`): each one's value, why it has none,
   its year label, rank and how many neighbours the mean is of; the band, its ranks and year label.
   Their words ("Not available", "Rank 3 of 11 by the published figure, 2023/24") are the line's.
   (reports/migrations/0014_report_entries_keep_comparator_values.py)
"""


def entry_fields(line: ReportLine) -> dict:
    """The line as the fields of a frozen report entry, in the shape of `SNAPSHOT_VERSION`.

    The exception reasons a reader without permission may see are kept beside the figures they
    were judged on (`figures["open_exception_reasons"]`).
    """
    return {
        "version": SNAPSHOT_VERSION,
        "indicator_id": line.indicator_id,
        "position": line.position,
        "reference": line.reference,
        "title": line.title,
        "service_area": line.service_area,
        "is_restricted": line.is_restricted,
        "is_target_measure": line.is_target_measure,
        "unit": line.unit,
        "decimal_places": line.decimal_places,
        "polarity": line.polarity.value,
        "rating": line.rating.value,
        "previous_rating": line.previous_rating.value if line.previous_rating else "",
        "direction": line.direction.value,
        "target": line.target,
        "figures": {
            "recent": [figure.to_json() for figure in line.figures],
            "previous_year_end": line.previous_year_end.to_json() if line.previous_year_end else None,
            "open_exception_reasons": line.open_exception_reasons,
            "movement": line.movement,
            "variation": {
                "variation": line.variation,
                "assurance": line.assurance,
                "is_trial": line.is_trial,
                "concern": line.variation_concern,
                "uses_small_number": line.spc_uses_small_number,
            },
        },
        "comparators": comparators_json(line.comparators),
        "commentary": line.commentary,
        "exception_reasons": line.exception_reasons,
        "caveat": line.caveat,
        "management_commentary": line.management_commentary,
        "corrective_actions": line.corrective_actions,
        "corrections": [correction.to_json() for correction in line.corrections],
        "lead_officer": line.lead_officer,
        "data_owner": line.data_owner,
        "success_looks_like": line.success_looks_like,
    }


def line_from_entry(entry) -> ReportLine:
    """A published report's line, read back from its frozen entry."""
    if entry.version != SNAPSHOT_VERSION:
        raise ValueError(
            f"Report entry {entry.pk} is frozen in version {entry.version}, not {SNAPSHOT_VERSION}:"
            " `manage.py migrate` brings every entry to the current version."
        )
    year_end = entry.figures["previous_year_end"]
    return ReportLine(
        indicator_id=entry.indicator_id,
        position=entry.position,
        reference=entry.reference,
        title=entry.title,
        service_area=entry.service_area,
        is_restricted=entry.is_restricted,
        is_target_measure=entry.is_target_measure,
        unit=entry.unit,
        decimal_places=entry.decimal_places,
        polarity=Polarity(entry.polarity),
        rating=Rating(entry.rating),
        previous_rating=Rating(entry.previous_rating) if entry.previous_rating else None,
        direction=Direction(entry.direction),
        target=entry.target,
        figures=[LineFigure.from_json(figure) for figure in entry.figures["recent"]],
        previous_year_end=LineFigure.from_json(year_end) if year_end else None,
        comparators=comparators_from_json(entry.comparators),
        commentary=entry.commentary,
        exception_reasons=list(entry.exception_reasons),
        caveat=entry.caveat,
        management_commentary=entry.management_commentary,
        corrective_actions=entry.corrective_actions,
        corrections=[ReportCorrection.from_json(correction) for correction in entry.corrections],
        open_exception_reasons=entry.figures["open_exception_reasons"],
        movement=entry.figures["movement"],
        lead_officer=entry.lead_officer,
        data_owner=entry.data_owner,
        success_looks_like=entry.success_looks_like,
        **_frozen_variation(entry.figures["variation"]),
    )


def _frozen_variation(kept: dict) -> dict:
    """A published report's variation and assurance as frozen (a report frozen before they were
    kept has them empty: "Not available")."""
    return {
        "variation": kept["variation"],
        "assurance": kept["assurance"],
        "is_trial": kept["is_trial"],
        "variation_concern": kept["concern"],
        "spc_uses_small_number": kept["uses_small_number"],
    }


def for_viewer(
    lines: list[ReportLine], *, reader: Reader, previous: list[ReportLine] = ()
) -> list[ReportLine]:
    """The lines a viewer may see: every line with permission; otherwise no restricted indicator,
    and nothing withheld on the others (`ReportLine.masked`).

    `previous` is the previous report's lines, whole: a rating change is written against the
    rating this viewer was shown then.
    """
    if reader.sees_restricted:
        return lines
    shown_before = {
        line.indicator_id: line.masked(previous_rating=None).rating
        for line in previous
        if not line.is_restricted
    }
    return [
        line.masked(previous_rating=shown_before.get(line.indicator_id))
        for line in lines
        if not line.is_restricted
    ]
