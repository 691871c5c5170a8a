"""Actions the committee agreed, followed up meeting to meeting.

An action is open, done or dropped as recorded; it is late when it is open past its due date on the
day it is read, or on the day a report is published (`state_of`). A published report keeps the
actions it showed as they stood when it was published (`Meeting.actions_at_publication`), so a
later update never changes what members read in it.

Members and the public see actions only as published reports showed them; officers who prepare
reports see them as they stand. Actions on restricted (Part 2) indicators reach only readers who
may see those indicators.
"""

from dataclasses import asdict, dataclass, field, replace
from datetime import date
from enum import StrEnum
from typing import ClassVar

from django.db.models import Q
from django.utils import timezone

from indicators.reader import Reader
from reports.models import Action, ActionStatus, Meeting, MeetingStatus


class ActionState(StrEnum):
    OPEN = "open"
    LATE = "late"
    DONE = "done"
    DROPPED = "dropped"

    @property
    def label(self) -> str:
        return self.value.capitalize()

    @property
    def is_open(self) -> bool:
        """Still to be done: open or late."""
        return self in (ActionState.OPEN, ActionState.LATE)


@dataclass(frozen=True)
class ActionFacts:
    status: str
    due: date


def state_of(facts: ActionFacts, on: date) -> ActionState:
    """Done or dropped as recorded; an open action is late once its due date has passed on `on`
    (due on the day is not late)."""
    if facts.status == ActionStatus.DONE:
        return ActionState.DONE
    if facts.status == ActionStatus.DROPPED:
        return ActionState.DROPPED
    return ActionState.LATE if facts.due < on else ActionState.OPEN


NO_UPDATE = "No update yet."
DATES = ("agreed_on", "due", "done_on", "reported_on")
NO_OPEN_ACTIONS = "No open actions."


@dataclass(frozen=True, kw_only=True)
class ReportAction:
    """An action as a report shows it, with its state on the day the report was published or read."""

    action_id: int
    indicator_id: int
    reference: str
    title: str
    is_restricted: bool
    agreed_on: date
    """The date of the meeting that agreed it."""
    text: str
    owner: str
    due: date
    status: str
    state: ActionState
    done_on: date | None = None
    dropped_reason: str = ""
    update: str = ""
    owner_id: int | None = None
    agreed_at: int | None = None
    """The meeting that agreed it."""
    reported_in: int | None = None
    """The report a reader is sent to for it: the latest published report showing it (for members),
    or the meeting that agreed it."""
    reported_on: date | None = None
    """That report's meeting date."""

    @property
    def state_words(self) -> str:
        """ "Done 12 March 2026", "Dropped: the service was recommissioned", "Late", "Open"."""
        if self.state is ActionState.DONE and self.done_on:
            return f"Done {self.done_on:%-d %B %Y}"
        if self.state is ActionState.DROPPED and self.dropped_reason:
            return f"Dropped: {self.dropped_reason}"
        return self.state.label

    @property
    def index_words(self) -> str:
        """One line for the index:
        "Late: Recruit two social workers. Owner: Jo Bloggs, due by 31 January 2027"."""
        text = " ".join(self.text.split()).rstrip(".")
        return f"{self.state_words}: {text}. Owner: {self.owner}, due by {self.due:%-d %B %Y}"

    @property
    def update_words(self) -> str:
        return self.update or NO_UPDATE

    def on(self, day: date) -> "ReportAction":
        """The action as it stands on `day`: an open action becomes late once past due."""
        return replace(self, state=state_of(ActionFacts(self.status, self.due), day))

    def to_json(self) -> dict:
        data = asdict(self)
        for key in DATES:
            data[key] = data[key].isoformat() if data[key] else None
        data["state"] = self.state.value
        return data

    @classmethod
    def from_json(cls, data: dict) -> "ReportAction":
        dates = {key: date.fromisoformat(data[key]) if data.get(key) else None for key in DATES}
        return cls(**{**data, **dates, "state": ActionState(data["state"])})


def report_action(action: Action, *, on: date) -> ReportAction:
    owner = action.owner
    return ReportAction(
        action_id=action.pk,
        indicator_id=action.indicator_id,
        reference=action.indicator.reference,
        title=action.indicator.title,
        is_restricted=action.indicator.is_restricted,
        agreed_on=action.meeting.date,
        text=action.text,
        owner=owner.get_full_name() or owner.get_username(),
        due=action.due,
        status=action.status,
        state=state_of(ActionFacts(action.status, action.due), on),
        done_on=action.done_on,
        dropped_reason=action.dropped_reason,
        update=action.update,
        owner_id=action.owner_id,
        agreed_at=action.meeting_id,
        reported_in=action.meeting_id,
        reported_on=action.meeting.date,
    )


def _actions():
    return Action.objects.select_related("indicator", "owner", "meeting")


def _shown(actions, *, reader: Reader) -> list[ReportAction]:
    return [action for action in actions if reader.may_see(action)]


FIND = object()


def report_actions(meeting: Meeting, *, on: date | None = None, previous=FIND) -> list[ReportAction]:
    """Every action a meeting's report shows, restricted included: those "since the last meeting"
    (`actions_since`) and those agreed at the meeting itself, each as it stands on `on` (today by
    default). A published report's are read back as they stood when it was published.

    `previous` is the committee's previous published meeting, when the caller has read it already."""
    if meeting.is_published:
        return [ReportAction.from_json(data) for data in meeting.actions_at_publication]
    if previous is FIND:
        previous = (
            Meeting.objects.filter(
                committee_id=meeting.committee_id, status=MeetingStatus.PUBLISHED, date__lt=meeting.date
            )
            .order_by("-date")
            .first()
        )
    actions = _actions().filter(meeting__committee_id=meeting.committee_id, meeting__date__lte=meeting.date)
    if previous is not None:
        actions = actions.exclude(Q(closed_at__lte=previous.published_at) & ~Q(status=ActionStatus.OPEN))
    day = on or timezone.localdate()
    return [
        report_action(action, on=day)
        for action in actions.order_by("indicator__display_order", "indicator__reference", "due", "pk")
    ]


def actions_since(meeting: Meeting, *, on: date | None = None) -> list[ReportAction]:
    """What a report's "Actions since the last meeting" lists, restricted included: the actions
    agreed at the committee's earlier meetings that were still open when its previous report was
    published, or were agreed since: done, late, still open and dropped."""
    return [action for action in report_actions(meeting, on=on) if action.agreed_on < meeting.date]


def actions_for_viewer(actions: list[ReportAction], *, reader: Reader) -> list[ReportAction]:
    """The actions a reader may see: none of a restricted indicator without permission."""
    return _shown(actions, reader=reader)


def open_actions_for(indicators, reader: Reader, *, live: bool = False) -> dict[int, list[ReportAction]]:
    """Each indicator's open and late actions as this reader may see them, by indicator id.

    With `live` (for officers who prepare reports: `reports.access.can_prepare`) every open action
    as it stands today. Everyone else sees the
    actions the committee's published reports showed, as the latest report showing each left it,
    still open there and late from its due date on: an action recorded or closed since is seen
    once the next report is published. No action of a restricted indicator reaches a reader who may
    not see it. Indicators without open actions are left out; two queries whatever their number.
    """
    ids = [getattr(indicator, "pk", indicator) for indicator in indicators]
    today = timezone.localdate()
    if live:
        found = [
            report_action(action, on=today)
            for action in _actions().filter(indicator_id__in=ids, status=ActionStatus.OPEN)
        ]
    else:
        latest: dict[int, ReportAction] = {}
        published = Meeting.objects.filter(status=MeetingStatus.PUBLISHED).order_by("date", "pk")
        for meeting_id, day, frozen in published.values_list("pk", "date", "actions_at_publication"):
            for data in frozen:
                if data["indicator_id"] in ids:
                    latest[data["action_id"]] = replace(
                        ReportAction.from_json(data), reported_in=meeting_id, reported_on=day
                    )
        found = [action.on(today) for action in latest.values() if action.status == ActionStatus.OPEN]
    by_indicator: dict[int, list[ReportAction]] = {}
    for action in sorted(_shown(found, reader=reader), key=lambda a: (a.due, a.action_id)):
        by_indicator.setdefault(action.indicator_id, []).append(action)
    return by_indicator


@dataclass(frozen=True)
class OpenActions:
    """An exception's open and late actions, as published reports left them, for the exceptions page."""

    actions: list[ReportAction] = field(default_factory=list)

    template: ClassVar[str] = "reports/includes/exception_actions.html"
    """How the exceptions page shows them, under the indicator's figures."""


def actions_on_exceptions(assessments: list, *, reader: Reader) -> dict[int, list[OpenActions]]:
    """Each exception's open and late actions as published reports left them, or none: the exceptions
    page is read as members read it, whoever reads it (`indicators.extensions.exception_details`)."""
    ids = [assessment.indicator.pk for assessment in assessments]
    found = open_actions_for(ids, reader) if ids else {}
    return {indicator_id: [OpenActions(found.get(indicator_id, []))] for indicator_id in ids}
