"""Writes to committee reports and the suite that span more than one row."""

from datetime import date, datetime
from decimal import Decimal
from functools import reduce
from operator import or_

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format

from breakdowns.models import Breakdown, PartFigure
from indicators.models import Indicator, Outturn, Target
from indicators.variation_summary import refresh_variation_on_commit
from reports.actions import report_actions
from reports.contents import entry_fields
from reports.front_sheet import COMMITTEE_RECORDS, MEETING_RECORDS, committee_records
from reports.models import (
    Action,
    ActionStatus,
    Committee,
    Decision,
    DecisionEffect,
    DecisionStatus,
    Meeting,
    MeetingCommentary,
    MeetingStatus,
    ReportEntry,
)
from reports.parts import breakdowns_for
from reports.rules import DecisionShape, decision_problems
from reports.selectors import (
    checklist_of,
    counts_of_previous,
    draft_lines,
    last_chosen_breakdowns,
    previous_lines,
    previous_meeting,
)


class ReportError(Exception):
    """A change the committee's record does not allow; the message says why, in plain words."""


STALE_CHECKLIST = (
    "The checklist changed after you opened it (figures, commentary or the suite changed): nothing was"
    " published. Check it again below."
)


class StaleChecklistError(ReportError):
    """The checklist changed after the officer drew it: what they signed off is not what would be frozen."""

    def __init__(self):
        super().__init__(STALE_CHECKLIST)


class StaleCommentaryError(Exception):
    """Someone saved the commentary after the officer opened it: theirs is `note` (None if removed)."""

    def __init__(self, note: MeetingCommentary | None):
        super().__init__("The commentary changed since it was opened.")
        self.note = note


def _refuse_if_published(meeting: Meeting) -> None:
    """Refuse to change a published report, reading its status afresh under a lock."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.is_published:
        raise ReportError(
            f"The report for {date_format(meeting.date, 'j F Y')} was published on "
            f"{date_format(timezone.localtime(meeting.published_at), 'j F Y')} and is a fixed record: "
            "it cannot be changed. Corrections appear in the next report."
        )


@transaction.atomic
def publish_meeting(
    *, meeting: Meeting, user, at: datetime | None = None, reason: str = "", drawn: str | None = None
) -> Meeting:
    """Freeze the report: every figure, target, rating and direction shown, as they stand now, and
    record who signed it off, when, what of its checklist was outstanding and the reason given.
    The parts of the breakdowns the meeting chose are frozen with each indicator's entry.

    `drawn` is the fingerprint of the checklist the officer signed off (reports/checklist.py): a
    checklist that changed since is refused, and so is one with items outstanding but no `reason`.
    Without `drawn` (a publication recorded from outside the portal, as the demo council's history
    is) the checklist is recorded as it stands. Each figure published for the first time is marked
    so, so that a later change to it is a correction. `at` records an earlier publication.
    """
    if Meeting.objects.select_for_update().get(pk=meeting.pk).is_published:
        raise ReportError(
            f"The report for {date_format(meeting.date, 'j F Y')} is already published; "
            "it cannot be published twice."
        )
    at = at or timezone.now()
    previous = previous_meeting(meeting)
    lines = draft_lines(meeting, previous, until=at)
    checklist = checklist_of(meeting, lines)
    reason = reason.strip()
    if drawn is not None:
        if drawn != checklist.fingerprint:
            raise StaleChecklistError
        if not checklist.is_clear and not reason:
            count = len(checklist.items)
            raise ReportError(
                f"{count} item{'s' if count != 1 else ''} on the checklist {'are' if count != 1 else 'is'}"
                " outstanding: deal with them, or give your reason to publish now."
            )
    parts = breakdowns_for(meeting, lines)
    ReportEntry.objects.bulk_create(
        ReportEntry(
            meeting=meeting,
            **entry_fields(line),
            breakdowns=[breakdown.to_json() for breakdown in parts.get(line.indicator_id, [])],
        )
        for line in lines
    )
    shown = {figure.outturn_id for line in lines for figure in line.shown_figures if figure.outturn_id}
    Outturn.objects.filter(pk__in=shown, first_published_at__isnull=True).update(first_published_at=at)
    _show_what_was_published(shown, lines, parts)
    # Members now see the figures it showed: their variation is worked out again with them.
    refresh_variation_on_commit(line.indicator_id for line in lines)
    meeting.actions_at_publication = [
        action.to_json() for action in report_actions(meeting, on=timezone.localdate(at), previous=previous)
    ]
    meeting.status = MeetingStatus.PUBLISHED
    meeting.published_at = at
    meeting.published_by = user
    meeting.publish_reason = reason
    meeting.outstanding_at_publication = [item.to_json() for item in checklist.items]
    meeting.front_sheet = {
        "committee": committee_records(meeting.committee),
        "previous": counts_of_previous(previous, previous_lines(previous) if previous else []),
    }
    meeting.save(
        update_fields=[
            "status",
            "published_at",
            "published_by",
            "publish_reason",
            "outstanding_at_publication",
            "actions_at_publication",
            "front_sheet",
        ]
    )
    return meeting


def _show_what_was_published(shown: set[int], lines, parts: dict) -> None:
    """Members saw these figures in the published report: from now on they see them as they stand,
    a change held from them included, and so do the parts of the breakdowns it showed."""
    Outturn.objects.filter(pk__in=shown, held_since__isnull=False).update(**Outturn.NOTHING_HELD)
    published = [
        Q(
            indicator_id=line.indicator_id,
            period__outturns=line.latest.outturn_id,
            member__dimension__name__in=[breakdown.dimension for breakdown in parts[line.indicator_id]],
        )
        for line in lines
        if line.indicator_id in parts and line.latest and line.latest.outturn_id
    ]
    if published:
        PartFigure.objects.filter(reduce(or_, published), held_since__isnull=False).update(
            **PartFigure.NOTHING_HELD
        )


@transaction.atomic
def save_committee(
    *,
    committee: Committee | None = None,
    name: str,
    indicators: list[Indicator],
    exceptions_red: bool,
    exceptions_amber: bool,
    exceptions_off_target_percent: Decimal | None,
    exceptions_worsening_periods: int | None,
    exceptions_special_cause_concern: bool = False,
    exceptions_consistently_failing: bool = False,
    opened_version: int | None = None,
    **records: str,
) -> Committee:
    """A new committee, or its name, suite, exception criteria and front sheet records changed
    (`records`: lead member, wards, contact officer; reports/front_sheet.py).

    Reports already published keep the suite, criteria and records they were drawn with. A form
    opened at `opened_version` is refused if someone has saved the committee since.
    """
    committee = committee or Committee()
    unknown = set(records) - set(COMMITTEE_RECORDS)
    if unknown:
        raise TypeError(f"Not a committee's front sheet record: {', '.join(sorted(unknown))}")
    for name_of_record, value in records.items():
        setattr(committee, name_of_record, value)
    committee.name = name
    committee.exceptions_red = exceptions_red
    committee.exceptions_amber = exceptions_amber
    committee.exceptions_off_target_percent = exceptions_off_target_percent
    committee.exceptions_worsening_periods = exceptions_worsening_periods
    committee.exceptions_special_cause_concern = exceptions_special_cause_concern
    committee.exceptions_consistently_failing = exceptions_consistently_failing
    with transaction.atomic():
        _refuse_if_stale(committee, opened_version)
        try:
            with transaction.atomic():
                committee.save()
        except IntegrityError:
            raise ReportError(f"There is already a committee called {name}.") from None
        committee.indicators.set(indicators)
    return committee


@transaction.atomic
def save_meeting(
    *,
    meeting: Meeting | None = None,
    committee: Committee,
    day: date,
    as_at: date,
    breakdowns: list[Breakdown] | None = None,
    opened_version: int | None = None,
    **records: str,
) -> Meeting:
    """A new meeting of `committee`, or a draft's date, "as at" and breakdowns changed; a published
    one is refused.

    `breakdowns` are the indicators' breakdowns (by locality, by team) the report includes. Left
    out, a new meeting takes those of the committee's latest meeting, as clerks carry an agenda's
    standing items forward, and a draft keeps its own. `records` are the front sheet's: report
    title, lead officer's name and job title, recommendations (reports/front_sheet.py). A form opened
    at `opened_version` is refused if someone has saved the meeting since.
    """
    is_new = meeting is None or not meeting.pk
    if not is_new:
        _refuse_if_stale(meeting, opened_version)
        _refuse_if_published(meeting)
    if breakdowns is None and is_new:
        breakdowns = last_chosen_breakdowns(committee)
    meeting = meeting or Meeting()
    meeting.committee, meeting.date, meeting.as_at = committee, day, as_at
    unknown = set(records) - set(MEETING_RECORDS)
    if unknown:
        raise TypeError(f"Not a meeting's front sheet record: {', '.join(sorted(unknown))}")
    for name, value in records.items():
        setattr(meeting, name, value)
    try:
        with transaction.atomic():
            meeting.save()
    except IntegrityError:
        # Another officer added the committee's meeting on that day since the form was checked.
        raise ReportError(
            f"{committee.name} already has a meeting on {date_format(day, 'j F Y')}; nothing was saved."
        ) from None
    if breakdowns is not None:
        meeting.breakdowns.set(breakdowns)
    return meeting


@transaction.atomic
def save_commentary(
    *,
    meeting: Meeting,
    indicator: Indicator,
    commentary: str,
    actions: str,
    caveat: str,
    user,
    owner=None,
    opened_version: int | None = None,
) -> MeetingCommentary:
    """The lead officer's words on one indicator for a draft report.

    `owner` is the responsible officer, who answers for the indicator to the committee.
    `opened_version` is the commentary's version when the officer opened the form (0: none yet);
    if someone saved it since, nothing is saved and StaleCommentaryError carries theirs.
    """
    _refuse_if_published(meeting)
    note = MeetingCommentary.objects.select_for_update().filter(meeting=meeting, indicator=indicator).first()
    if opened_version is not None and (note.version if note else 0) != opened_version:
        raise StaleCommentaryError(note)
    words = {
        "commentary": commentary,
        "actions": actions,
        "caveat": caveat,
        "owner": owner,
        "written_by": user,
    }
    if note is None:
        try:
            with transaction.atomic():
                return MeetingCommentary.objects.create(meeting=meeting, indicator=indicator, **words)
        except IntegrityError:
            # Another officer's first commentary landed between the read and this one.
            raise StaleCommentaryError(
                MeetingCommentary.objects.get(meeting=meeting, indicator=indicator)
            ) from None
    for name, value in words.items():
        setattr(note, name, value)
    note.version += 1
    note.save()
    return note


@transaction.atomic
def apply_decision(*, decision: Decision, user) -> Decision:
    """Change the committee's suite as an agreed decision says, from the meeting that took it.

    Indicators taken out leave the suite and are retired from the meeting's date; indicators brought
    in join it; a replacement or a split links the new indicators to those they came from, so an
    indicator's history can be followed across the change.
    """
    decision = Decision.objects.select_for_update().select_related("meeting__committee").get(pk=decision.pk)
    if decision.status == DecisionStatus.IMPLEMENTED:
        raise ReportError("This decision has already been applied to the suite.")
    if decision.status != DecisionStatus.AGREED:
        raise ReportError("Only a decision the committee has agreed can be applied to the suite.")
    taken_out = list(decision.indicators.all())
    brought_in = list(decision.new_indicators.all())
    problems = decision_problems(
        DecisionShape(
            effect=decision.effect,
            taken_out=len(taken_out),
            brought_in=len(brought_in),
            target_year=decision.target_year,
            target_value=decision.target_value,
        )
    )
    if problems:
        raise ReportError(" ".join(problems))

    if decision.effect == DecisionEffect.CHANGE_TARGET:
        _change_target(taken_out[0], decision.target_year, decision.target_value)
    else:
        _change_suite(decision, taken_out, brought_in)
    decision.status = DecisionStatus.IMPLEMENTED
    decision.implemented_at = timezone.now()
    decision.implemented_by = user
    decision.save(update_fields=["status", "implemented_at", "implemented_by"])
    return decision


def _change_suite(decision: Decision, taken_out: list[Indicator], brought_in: list[Indicator]) -> None:
    committee, day = decision.meeting.committee, decision.meeting.date
    committee.indicators.remove(*taken_out)
    committee.indicators.add(*brought_in)
    for indicator in taken_out:
        if indicator.retired_on is None:
            indicator.retired_on = day
            indicator.save(update_fields=["retired_on"])
    for indicator in brought_in:
        if indicator.introduced_on is None:
            indicator.introduced_on = day
            indicator.save(update_fields=["introduced_on"])
        if decision.effect in (DecisionEffect.REPLACE, DecisionEffect.SPLIT):
            indicator.predecessors.add(*taken_out)


def _change_target(indicator: Indicator, year: int, value) -> None:
    Target.objects.update_or_create(
        indicator=indicator, year=year, defaults={"value": value, "range_lower": None, "range_upper": None}
    )


class StaleRecordError(ReportError):
    """Someone saved the committee or meeting after the form was opened: nothing was saved."""

    def __init__(self, record: "Committee | Meeting"):
        what = "committee" if isinstance(record, Committee) else "meeting"
        super().__init__(
            f"Someone changed this {what} after you opened the form: nothing was saved. Your changes"
            f" are still in the form; check them against the {what} as it is now and save again."
        )
        self.record = record


def _refuse_if_stale(record: "Committee | Meeting", opened_version: int | None) -> None:
    """Lock a saved committee or meeting for this change, refusing it if its version moved on since
    the form was opened (`opened_version`; none given, as by commands, checks nothing)."""
    if not record.pk:
        return
    current = type(record).objects.select_for_update().only("version").get(pk=record.pk)
    if opened_version is not None and current.version != opened_version:
        raise StaleRecordError(current)
    record.version = current.version + 1


class StaleActionError(ReportError):
    """Someone saved the action after the form was opened: nothing was saved."""

    def __init__(self, action: Action):
        super().__init__(
            "Someone changed this action after you opened it: nothing was saved. "
            "It is shown below as it is now; make your change again."
        )
        self.action = action


@transaction.atomic
def record_action(*, meeting: Meeting, indicator: Indicator, text: str, owner, due: date) -> Action:
    """An action the committee agreed at `meeting` on `indicator`, open until done or dropped."""
    return Action.objects.create(meeting=meeting, indicator=indicator, text=text, owner=owner, due=due)


def _locked(action: Action, opened_version: int) -> Action:
    current = Action.objects.select_for_update().get(pk=action.pk)
    if current.version != opened_version:
        raise StaleActionError(current)
    return current


@transaction.atomic
def change_action(
    *,
    action: Action,
    opened_version: int,
    text: str,
    owner,
    due: date,
    status: str,
    done_on: date | None,
    dropped_reason: str,
    update: str,
    at: datetime | None = None,
) -> Action:
    """An officer's change to an action: its words, owner, due date, progress and the owner's update.

    Recording it done keeps the date it was done; dropped, the reason. Closing it stamps when, so the
    next report says what happened to it; reopening it clears both. `at` records an earlier change."""
    action = _locked(action, opened_version)
    was_open = action.status == ActionStatus.OPEN
    action.text, action.owner, action.due, action.update = text, owner, due, update
    action.status = status
    action.done_on = done_on if status == ActionStatus.DONE else None
    action.dropped_reason = dropped_reason if status == ActionStatus.DROPPED else ""
    if status == ActionStatus.OPEN:
        action.closed_at = None
    elif was_open or action.closed_at is None:
        action.closed_at = at or timezone.now()
    action.version += 1
    action.save()
    return action


@transaction.atomic
def update_action(*, action: Action, opened_version: int, update: str) -> Action:
    """The owner's latest word on progress; the earlier ones are kept in the action's history."""
    action = _locked(action, opened_version)
    action.update = update
    action.version += 1
    action.save(update_fields=["update", "version", "updated_at"])
    return action
