"""Named reads of committees, meetings, reports and decisions. Each runs a fixed number of queries."""

from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from itertools import groupby

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from breakdowns.models import Breakdown
from indicators.models import Correction, Indicator
from indicators.reader import Reader
from indicators.rules.suppression import SUPPRESSED_MARK, Withheld, computed_from, withheld_indicator
from indicators.rules.terms import Rating
from indicators.selectors import assessments_for, earlier_figures
from indicators.summary import Count as SummaryCount
from indicators.summary import direction_counts, rating_counts
from reports.access import can_prepare
from reports.actions import ReportAction, actions_for_viewer, report_actions
from reports.appendix import AppendixData
from reports.cards import Card, Source, card_anchor, card_for
from reports.checklist import Checklist, checklist_for, visible_items
from reports.contents import ReportLine, correction_from, for_viewer, line_from, line_from_entry
from reports.front_sheet import FrontSheet, SummaryRow, counts_by_rating, front_sheet_for, summary_rows
from reports.models import Committee, Decision, Meeting, MeetingStatus, ReportEntry
from reports.parts import (
    ReportBreakdown,
    breakdowns_for,
    breakdowns_for_viewer,
    in_report_order,
    sheet_name,
)
from reports.rules import rating_change
from reports.tables import CorrectionRow, DecisionRow, RatingChange


@dataclass
class Report:
    """A meeting's report cut once for its reader: every part of it (lines, parts by locality or
    team, decisions, what was outstanding at publication) is as this reader may see it."""

    meeting: Meeting
    previous: Meeting | None
    lines: list[ReportLine]
    withheld: int
    """Restricted indicators left out for this reader."""
    reader: Reader
    breakdowns: list[ReportBreakdown] = field(default_factory=list)
    """The chosen indicators' parts by locality or team, as this reader may see them (reports/parts.py)."""
    all_actions: list[ReportAction] = field(default_factory=list)
    """Every action the report shows this reader (reports/actions.py): those since the last meeting
    and those agreed at this one, as they stood when it was published (a draft: as they stand)."""

    @property
    def actions(self) -> list[ReportAction]:
        """ "Actions since the last meeting": agreed earlier, open at the last report or agreed since."""
        return [action for action in self.all_actions if action.agreed_on < self.meeting.date]

    def actions_on(self, indicator_id: int) -> list[ReportAction]:
        """The actions on one indicator the report shows: for its card."""
        return [action for action in self.all_actions if action.indicator_id == indicator_id]

    previous_counts: dict[str, int] | None = None
    """The previous report's indicators by rating, as this reader was shown them; None without one."""

    @property
    def front_sheet(self) -> FrontSheet:
        """The front sheet; Part 2 when this reader's version holds restricted indicators or small numbers."""
        return front_sheet_for(self.meeting, reader=self.reader)

    @property
    def summary_rows(self) -> list[SummaryRow]:
        """Indicators by rating and in total, beside the previous report's counts."""
        return summary_rows([line.rating for line in self.lines], self.previous_counts)

    @property
    def shows_small_numbers(self) -> bool:
        return self.reader.sees_small_numbers

    @cached_property
    def decisions(self) -> list["DecisionLine"]:
        """The decisions taken at this meeting, as this reader may see them."""
        return decisions_for(reader=self.reader, meeting=self.meeting, at_meeting=True)

    @cached_property
    def outstanding(self) -> tuple[list[dict], int]:
        """The checklist's items left outstanding at publication that this reader may see, and how
        many about restricted indicators are left out."""
        return visible_items(self.meeting.outstanding_at_publication, reader=self.reader)

    @property
    def breakdowns_heading(self) -> str:
        """ "By locality": what the section, the sheet and the bookmark of the parts hold."""
        return sheet_name(self.breakdowns) if self.breakdowns else ""

    @property
    def breakdowns_words(self) -> str:
        """ "locality", "locality or team"."""
        return " or ".join(dict.fromkeys(breakdown.dimension.lower() for breakdown in self.breakdowns))

    @property
    def rating_counts(self) -> list[SummaryCount]:
        return rating_counts(self.lines)

    @property
    def direction_counts(self) -> list[SummaryCount]:
        return direction_counts(self.lines)

    @property
    def rating_changes(self) -> list[RatingChange]:
        """Indicators rated differently from the previous report ("G to R"), with the narrative.

        A contextual indicator new to the suite has no rating to change, so it is not listed.
        """
        if self.previous is None:
            return []
        return [
            RatingChange(line, rating_change(line.previous_rating, line.rating))
            for line in self.lines
            if line.previous_rating != line.rating
            and not (line.previous_rating is None and line.rating is Rating.NOT_RATED)
        ]

    @property
    def rating_changes_caption(self) -> str:
        """ "Compared with the report of 29 October 2019"."""
        return f"Compared with the report of {self.previous.date:%-d %B %Y}" if self.previous else ""

    @property
    def exceptions(self) -> list[ReportLine]:
        ranked = {Rating.RED: 0, Rating.AMBER: 1}
        return sorted(
            (line for line in self.lines if line.is_exception),
            key=lambda line: (ranked.get(line.rating, 2), line.position),
        )

    @cached_property
    def cards(self) -> list[Card]:
        """A report card for every exception, in the exceptions' order (reports/cards.py)."""
        return [card_for(line, open_actions=self.actions_on(line.indicator_id)) for line in self.exceptions]

    @property
    def caveats(self) -> list[ReportLine]:
        return [line for line in self.lines if line.caveat]

    @property
    def corrections(self) -> list[CorrectionRow]:
        return [CorrectionRow(line, correction) for line in self.lines for correction in line.corrections]

    @property
    def groups(self) -> list[tuple[str, list[ReportLine]]]:
        """The full index by service area, in the index's order."""
        return [
            (area, list(lines)) for area, lines in groupby(self.lines, key=lambda line: line.service_area)
        ]


def meetings_for(*, user) -> QuerySet[Meeting]:
    """Meetings newest first: drafts only for those who prepare reports."""
    meetings = Meeting.objects.select_related("committee", "published_by")
    if not can_prepare(user):
        meetings = meetings.filter(status=MeetingStatus.PUBLISHED)
    return meetings


def previous_meeting(meeting: Meeting) -> Meeting | None:
    """The committee's last published meeting before this one: what "since the last meeting" means."""
    return (
        Meeting.objects.filter(
            committee_id=meeting.committee_id, status=MeetingStatus.PUBLISHED, date__lt=meeting.date
        )
        .order_by("-date")
        .first()
    )


def report_for(meeting: Meeting, *, reader: Reader) -> Report:
    """The report as this reader may see it: frozen once published, computed live while a draft."""
    previous = previous_meeting(meeting)
    if meeting.is_published:
        lines, breakdowns = [], []
        for entry in meeting.entries.all():
            line = line_from_entry(entry)
            lines.append(line)
            breakdowns.extend(ReportBreakdown.from_json(data, line) for data in entry.breakdowns)
    else:
        lines = draft_lines(meeting, previous)
        breakdowns = in_report_order(breakdowns_for(meeting, lines))
    sees_restricted = reader.sees_restricted
    frozen_counts = meeting.front_sheet.get("previous") if meeting.is_published else None
    before = [] if previous is None or (sees_restricted and frozen_counts) else previous_lines(previous)
    shown = for_viewer(lines, reader=reader, previous=[] if sees_restricted else before)
    counts = frozen_counts or counts_of_previous(previous, before)
    return Report(
        meeting,
        previous,
        shown,
        len(lines) - len(shown),
        reader,
        breakdowns_for_viewer(breakdowns, reader=reader),
        actions_for_viewer(report_actions(meeting, previous=previous), reader=reader),
        previous_counts=counts[RESTRICTED if sees_restricted else OPEN],
    )


RESTRICTED, OPEN = "restricted", "open"


def counts_of_previous(previous: Meeting | None, lines: list[ReportLine]) -> dict:
    """The previous report's counts by rating for either audience, from its `lines`: what the
    report shows beside its own, and what publishing freezes (`Meeting.front_sheet["previous"]`)."""
    if previous is None:
        return {"date": None, RESTRICTED: None, OPEN: None}
    return {
        "date": previous.date.isoformat(),
        RESTRICTED: counts_by_rating(line.rating for line in lines),
        OPEN: counts_by_rating(line.rating for line in for_viewer(lines, reader=Reader.PUBLIC)),
    }


def report_line_for(meeting: Meeting, *, indicator: Indicator, reader: Reader) -> ReportLine | None:
    """The indicator's line in the meeting's report as this reader sees it; None when it is not in it
    for them."""
    lines = report_for(meeting, reader=reader).lines
    return next((line for line in lines if line.indicator_id == indicator.pk), None)


def checklist_of(meeting: Meeting, lines: list[ReportLine]) -> Checklist:
    """The publish checklist of a draft report whose lines are `lines` (reports/checklist.py)."""
    owned = set(meeting.commentaries.filter(owner__isnull=False).values_list("indicator_id", flat=True))
    return checklist_for(
        lines,
        owned=owned,
        committee=meeting.committee.name,
        meeting_date=meeting.date,
        as_at=meeting.as_at,
        exceptions=Report(meeting, None, lines, 0, Reader.WHOLE_RECORD).exceptions,
        lead_officer=meeting.lead_officer_name,
        recommendations=meeting.recommendations,
    )


def publish_checklist(meeting: Meeting) -> Checklist:
    """What is outstanding before the draft report is published, and what publishing freezes."""
    return checklist_of(meeting, draft_lines(meeting, previous_meeting(meeting)))


def report_officers(*, also=None) -> QuerySet:
    """The people who may prepare reports, by name: who may be responsible for an exception.
    `also` keeps a responsible officer already named who no longer has the role."""
    permission = Q(codename="prepare_meeting", content_type__app_label="reports")
    allowed = Permission.objects.filter(permission)
    people = Q(groups__permissions__in=allowed) | Q(user_permissions__in=allowed) | Q(is_superuser=True)
    if also is not None:
        people |= Q(pk=also.pk)
    chosen = get_user_model().objects.filter(people, is_active=True).values("pk")
    return get_user_model().objects.filter(pk__in=chosen).order_by("first_name", "last_name", "username")


def action_owners(*, also=None) -> QuerySet:
    """Who may own an action, by name: the people who may prepare reports, and every indicator's
    lead officer, second officer and data owner. `also` keeps an owner already named."""
    named = (
        Q(indicators_led__isnull=False)
        | Q(indicators_seconded__isnull=False)
        | Q(indicators_owned__isnull=False)
    )
    officers = report_officers(also=also).values("pk")
    chosen = get_user_model().objects.filter(named, is_active=True).values("pk")
    return (
        get_user_model()
        .objects.filter(Q(pk__in=chosen) | Q(pk__in=officers))
        .order_by("first_name", "last_name", "username")
    )


def committees_for_setup() -> QuerySet[Committee]:
    """Every committee with the size of its suite and its number of meetings."""
    return Committee.objects.annotate(
        suite=Count("indicators", distinct=True), meeting_count=Count("meetings", distinct=True)
    )


def breakdowns_to_choose(*, reader: Reader) -> QuerySet[Breakdown]:
    """The breakdowns a meeting's report may include: every indicator reported by a dimension, in
    the index's order; restricted ones only for those who may see them."""
    breakdowns = Breakdown.objects.select_related("indicator", "dimension").order_by(
        "indicator__display_order", "indicator__reference", "dimension__order", "dimension__name"
    )
    if not reader.sees_restricted:
        breakdowns = breakdowns.filter(indicator__is_restricted=False)
    return breakdowns


def last_chosen_breakdowns(committee: Committee | None) -> list[Breakdown]:
    """What a new meeting of the committee starts with: the breakdowns its latest meeting chose."""
    if committee is None:
        return []
    latest = Meeting.objects.filter(committee=committee).order_by("-date").first()
    return list(latest.breakdowns.all()) if latest else []


def indicators_to_choose(*, reader: Reader, chosen=()) -> QuerySet[Indicator]:
    """The indicators a suite may be chosen from, in the index's order: those not retired, and any
    already chosen; restricted ones only for those who may see them."""
    indicators = Indicator.objects.select_related("service_area").filter(
        Q(retired_on__isnull=True) | Q(pk__in=[indicator.pk for indicator in chosen])
    )
    if not reader.sees_restricted:
        indicators = indicators.filter(is_restricted=False)
    return indicators


def previous_lines(previous: Meeting) -> list[ReportLine]:
    """The previous report's lines as frozen: what "since the last meeting" compares with."""
    return [line_from_entry(entry) for entry in previous.entries.all()]


def draft_lines(
    meeting: Meeting, previous: Meeting | None, *, until: datetime | None = None
) -> list[ReportLine]:
    """Every line of the report as the figures stand now, whatever the size of the suite in a few queries."""
    threshold = settings.SMALL_NUMBER_THRESHOLD
    indicators = list(
        meeting.committee.indicators.select_related(
            "service_area", "variation_summary", "lead_officer_user", "data_owner_user"
        )
    )
    # The report's lines are its whole record: each line carries what is withheld from each reader.
    assessments = assessments_for(indicators, reader=Reader.WHOLE_RECORD, as_at=meeting.as_at)
    notes = {note.indicator_id: note for note in meeting.commentaries.select_related("owner")}
    previous_ratings = (
        {
            indicator_id: Rating(rating)
            for indicator_id, rating in previous.entries.values_list("indicator_id", "rating")
        }
        if previous
        else {}
    )
    corrections: dict[int, list] = {}
    made = list(
        corrections_between(
            [indicator.pk for indicator in indicators],
            after=previous.published_at if previous else None,
            until=until or timezone.now(),
        )
    )
    earlier = earlier_figures([correction.outturn for correction in made])
    for correction in made:
        indicator = correction.outturn.indicator
        corrections.setdefault(indicator.pk, []).append(
            correction_from(correction, indicator, threshold, earlier.get(correction.outturn_id))
        )
    criteria = meeting.committee.exception_criteria
    return [
        line_from(
            assessment,
            position=position,
            criteria=criteria,
            previous_rating=previous_ratings.get(assessment.indicator.pk),
            note=notes.get(assessment.indicator.pk),
            corrections=corrections.get(assessment.indicator.pk, []),
            threshold=threshold,
        )
        for position, assessment in enumerate(assessments, start=1)
    ]


def corrections_between(
    indicator_ids: list[int], *, after: datetime | None, until: datetime
) -> QuerySet[Correction]:
    """Corrections to these indicators made after the last meeting (ever, before the first) up to `until`."""
    corrections = Correction.objects.filter(
        outturn__indicator_id__in=indicator_ids, corrected_at__lte=until
    ).select_related("outturn__period", "outturn__indicator", "corrected_by")
    if after is not None:
        corrections = corrections.filter(corrected_at__gt=after)
    return corrections.order_by("outturn__indicator__display_order", "outturn__period__end", "corrected_at")


def decision_log(*, meeting: Meeting | None = None) -> QuerySet[Decision]:
    """Every decision, newest meeting first; with `meeting`, those of its committee up to that meeting."""
    decisions = Decision.objects.select_related("meeting__committee").prefetch_related(
        "indicators", "new_indicators"
    )
    if meeting is not None:
        decisions = decisions.filter(
            meeting__committee_id=meeting.committee_id, meeting__date__lte=meeting.date
        )
    return decisions


WITHHELD_DECISION = "A decision about a restricted (Part 2) indicator."


@dataclass(frozen=True)
class DecisionLine:
    """One decision as a reader may see it: about a restricted indicator, only that it was taken."""

    decision: Decision
    text: str
    effect: str
    new_target: str
    taken_out: list[Indicator]
    brought_in: list[Indicator]
    withheld: Withheld | None

    def get_status_display(self) -> str:
        """As the model names it, so a template that printed the decision prints its line unchanged."""
        return self.decision.get_status_display()

    @property
    def taken_out_names(self) -> str:
        """The references as the minutes write them: "7, 15"."""
        return ", ".join(indicator.reference for indicator in self.taken_out)

    @property
    def brought_in_names(self) -> str:
        return ", ".join(indicator.reference for indicator in self.brought_in)


def decision_line(decision: Decision, *, reader: Reader) -> DecisionLine:
    taken_out, brought_in = list(decision.indicators.all()), list(decision.new_indicators.all())
    withheld = computed_from(
        *(
            withheld_indicator(is_restricted=indicator.is_restricted)
            for indicator in [*taken_out, *brought_in]
        )
    )

    def shown(indicators):
        return [indicator for indicator in indicators if reader.may_see(indicator)]

    if withheld and not reader.sees_restricted:
        return DecisionLine(
            decision, WITHHELD_DECISION, SUPPRESSED_MARK, "", shown(taken_out), shown(brought_in), withheld
        )
    new_target = (
        f"New target {decision.target_value.normalize():f} from {decision.target_year}"
        if decision.target_value is not None
        else ""
    )
    return DecisionLine(
        decision, decision.text, decision.get_effect_display(), new_target, taken_out, brought_in, None
    )


def decisions_for(
    *, reader: Reader, meeting: Meeting | None = None, at_meeting: bool = False
) -> list[DecisionLine]:
    """The decision log as this reader may see it (see `decision_log`); with `at_meeting`, only the
    decisions taken at `meeting`."""
    decisions = decision_log(meeting=meeting)
    if at_meeting:
        decisions = decisions.filter(meeting=meeting)
    return [decision_line(decision, reader=reader) for decision in decisions]


def heading_of(meeting: Meeting) -> dict:
    """What heads each of a meeting's documents (the pack and the appendix): the council, the
    committee, the meeting's date, the date the figures are as at and where the report stands."""
    return {
        "council": settings.COUNCIL_NAME,
        "committee": meeting.committee.name,
        "meeting_date": meeting.date,
        "as_at": meeting.as_at,
        "status": meeting.status_words,
    }


def appendix_data_for(meeting: Meeting, *, reader: Reader) -> AppendixData:
    """Everything the appendix workbook shows of this meeting, as this reader may see it."""
    report = report_for(meeting, reader=reader)
    sees = report.shows_small_numbers
    return AppendixData(
        **heading_of(meeting),
        lines=report.lines,
        rating_changes=report.rating_changes,
        corrections=report.corrections,
        decisions=[
            DecisionRow(
                meeting=row.decision.meeting.date,
                text=row.text,
                effect=row.effect,
                status=row.decision.get_status_display(),
                taken_out=row.taken_out_names,
                brought_in=row.brought_in_names,
            )
            for row in decisions_for(reader=reader, meeting=meeting)
        ],
        withheld=report.withheld,
        shows_small_numbers=sees,
        small_number_threshold=settings.SMALL_NUMBER_THRESHOLD,
        has_previous=report.previous is not None,
        breakdowns=report.breakdowns,
        cards=report.cards,
        actions=report.actions,
    )


@dataclass(frozen=True)
class PublishedCommentary:
    """The management commentary and actions of the latest published report that has any for an
    indicator, and the report they come from."""

    text: str
    actions: str
    source: Source


def latest_published_commentary(indicator_ids, *, reader: Reader) -> dict[int, PublishedCommentary]:
    """Indicator id to its latest published commentary, for any number of indicators in one query;
    a restricted indicator's only for a reader who may see it."""
    entries = (
        ReportEntry.objects.filter(
            indicator_id__in=list(indicator_ids), meeting__status=MeetingStatus.PUBLISHED
        )
        .exclude(management_commentary="")
        .select_related("meeting__committee")
        .only(
            "indicator_id",
            "reference",
            "is_restricted",
            "management_commentary",
            "corrective_actions",
            "exception_reasons",
            "meeting__date",
            "meeting__committee__name",
        )
        .order_by("indicator_id", "-meeting__date")
    )
    if not reader.sees_restricted:
        entries = entries.filter(is_restricted=False)
    latest: dict[int, PublishedCommentary] = {}
    for entry in entries:
        if entry.indicator_id in latest:
            continue
        meeting = entry.meeting
        url = meeting.get_absolute_url()
        if entry.exception_reasons:
            url += f"#{card_anchor(entry.reference)}"
        latest[entry.indicator_id] = PublishedCommentary(
            text=entry.management_commentary,
            actions=entry.corrective_actions,
            source=Source(f"From the report to {meeting.committee.name} on {meeting.date:%-d %B %Y}", url),
        )
    return latest
