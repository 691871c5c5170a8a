"""The demo council's scrutiny panel: its suite, two published reports, the decisions of November
2019 and a draft for the next meeting, as Merton's 2019 and 2020 committee reports record them.

Built after `demo.council.build_demo_council`, on the figures it loads, and after
`demo.localities.build_demo_localities`: each report includes two indicators by locality
(LOCALITY_REPORTED), frozen with it, as Norfolk's "locality-level performance information".
"""

from datetime import date, datetime, timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from breakdowns.models import Breakdown
from indicators.models import Correction, Indicator
from indicators.rules.periods import quarter_of
from reports.models import Committee, Decision, DecisionEffect, DecisionStatus, Meeting, MeetingCommentary
from reports.services import apply_decision, change_action, publish_meeting, record_action

COMMITTEE = "Children and Young People Overview and Scrutiny Panel"
LOCALITY_REPORTED = ("4", "5", "22")
"""Contacts, re-referrals and foster carers recruited (small numbers, some withheld from members):
the reports show them for each locality too."""
SUITE_2019 = [str(number) for number in range(1, 40)]
"""The 39 indicators of the performance index before the decisions of 6 November 2019."""

COMMENTARY_2019 = {
    "2": (
        "This figure has been adjusted to ensure the service is consistently counting from point of contact. "
        "This is now a more accurate reflection of practice but has brought performance down.",
        "The AD and Head of Service have agreed actions to improve timeliness.",
        "",
    ),
    "11": (
        "Amber rating has been removed for this indicator as performance is measured within the acceptable "
        "range (12-20%). Performance is at 20% and therefore within the acceptable range.",
        "",
        "",
    ),
    "8": (
        "",
        "",
        "As a result of changes to the way in which reports are developed, it is currently not possible to "
        "report against this indicator.",
    ),
    "16": (
        "",
        "",
        "Information for this indicator is supplied by Cafcass. The figure has not yet been made available.",
    ),
    "33": ("", "", "Supplied externally: the data for September was not available in time for this meeting."),
    "34": ("", "", "Supplied externally: the data for September was not available in time for this meeting."),
    "37": ("", "", "The figure was not available in time for this meeting."),
}
COMMENTARY_2020 = {
    "2": ("This aspect is covered in the departmental update.", "", ""),
    "3": ("This aspect is covered in the departmental update report.", "", ""),
    "16": (
        "Data about court proceedings is provided by Cafcass. The duration of court proceedings is a matter "
        "for the court service; the council has no influence over this process. Covid has had a significant "
        "impact on court proceedings and timings. This is a national issue.",
        "",
        "",
    ),
    "22": ("This aspect is covered in the departmental update report.", "", ""),
    "8": (
        "",
        "",
        "Data reporting is currently unreliable. The way in which Mosaic is currently configured does not "
        "allow an easy analysis of quoracy.",
    ),
}
ACTIONS_2019 = [
    (
        "2",
        "lead",
        "Audit every single assessment that took longer than 45 days in the quarter, and report the causes "
        "to the Head of Service, Children's Social Care.",
        date(2020, 1, 31),
        ("done", date(2020, 1, 24)),
        "Audit completed: most delays were waiting for partner agency checks. Findings shared with the "
        "teams.",
    ),
    (
        "2",
        "officer",
        "Recruit two experienced social workers to the assessment teams to bring timeliness back to target.",
        date(2020, 3, 31),
        ("open", None),
        "One post filled in February; the second advert closed without an appointable candidate and is "
        "being re-advertised with the agency.",
    ),
    (
        "5",
        "lead",
        "Review the screening of contacts at the front door with partners, and report the effect on "
        "re-referrals to the panel.",
        date(2021, 3, 31),
        ("open", None),
        "Workshop with police and health colleagues held in September; the review reports in the spring.",
    ),
]
"""Actions the panel agreed on 6 November 2019 (indicator, owner, action, due, progress, the owner's
update): the report of 4 November 2020 follows them up, one done, one late and one still open."""
DECISIONS_2019 = [
    (
        "To replace indicators 7 and 15 with a combined indicator outlining average caseloads.",
        "replace",
        ["7", "15"],
        ["40"],
    ),
    ("To separate indicator 23 into its constituent parts.", "split", ["23"], ["23a", "23b"]),
]


def _moment(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=timezone.get_current_timezone())


def _meeting(committee: Committee, day: date, as_at: date, by_locality: list[Breakdown]) -> Meeting:
    """A meeting of the panel with its front sheet, its report including the figures by locality."""
    meeting = Meeting.objects.create(committee=committee, date=day, as_at=as_at, **_front_sheet(as_at))
    meeting.breakdowns.set(by_locality)
    return meeting


def _write(meeting: Meeting, notes: dict, indicators: dict, officer) -> None:
    MeetingCommentary.objects.bulk_create(
        MeetingCommentary(
            meeting=meeting,
            indicator=indicators[reference],
            commentary=commentary,
            actions=actions,
            caveat=caveat,
            written_by=officer,
        )
        for reference, (commentary, actions, caveat) in notes.items()
    )


@transaction.atomic
def build_demo_committee(*, today: date | None = None) -> dict[str, int]:
    """The panel, its meetings of 6 November 2019 and 4 November 2020 (published) and a draft for
    5 November 2025; or, given `today`, the last meeting before it published and the next in draft."""
    officer = get_user_model().objects.get(username="officer")
    indicators = {indicator.reference: indicator for indicator in Indicator.objects.all()}
    committee = Committee.objects.create(
        name=COMMITTEE, exceptions_red=True, exceptions_amber=True, **COMMITTEE_RECORDS
    )
    committee.indicators.set([indicators[reference] for reference in SUITE_2019])
    # The corrections the November 2019 report lists were made before it was published.
    Correction.objects.update(corrected_at=_moment(2019, 10, 21, 10))

    by_locality = list(Breakdown.objects.filter(indicator__reference__in=LOCALITY_REPORTED))
    first = _meeting(committee, date(2019, 11, 6), date(2019, 9, 30), by_locality)
    _write(first, COMMENTARY_2019, indicators, officer)
    publish_meeting(meeting=first, user=officer, at=_moment(2019, 10, 29, 12))
    for text, effect, taken_out, brought_in in DECISIONS_2019:
        decision = Decision.objects.create(
            meeting=first, text=text, effect=DecisionEffect(effect), status=DecisionStatus.AGREED
        )
        decision.indicators.set([indicators[reference] for reference in taken_out])
        decision.new_indicators.set([indicators[reference] for reference in brought_in])
        apply_decision(decision=decision, user=officer)

    _agree_actions(first, indicators)

    second = _meeting(committee, date(2020, 11, 4), date(2020, 9, 30), by_locality)
    _write(second, COMMENTARY_2020, indicators, officer)
    publish_meeting(meeting=second, user=officer, at=_moment(2020, 10, 27, 12))

    if today is None:
        _meeting(committee, date(2025, 11, 5), date(2025, 9, 30), by_locality)
        return {"meetings": 3, "decisions": len(DECISIONS_2019), "suite": committee.indicators.count()}

    # A demo that looks current: the last meeting's report published, the next one's in draft.
    last_as_at, last_date = _last_meeting_before(today)
    last = _meeting(committee, last_date, last_as_at, by_locality)
    publish_meeting(
        meeting=last, user=officer, at=_moment(*(last_date - timedelta(days=8)).timetuple()[:3], 12)
    )
    next_as_at = quarter_of(last_as_at + timedelta(days=1)).end
    _meeting(committee, _meeting_day(next_as_at), next_as_at, by_locality)
    return {"meetings": 4, "decisions": len(DECISIONS_2019), "suite": committee.indicators.count()}


def _agree_actions(meeting: Meeting, indicators: dict) -> None:
    """The actions agreed at `meeting`, with their owners' updates and their progress since."""
    people = {person.username: person for person in get_user_model().objects.all()}
    for reference, owner, text, due, (status, done_on), update in ACTIONS_2019:
        action = record_action(
            meeting=meeting, indicator=indicators[reference], text=text, owner=people[owner], due=due
        )
        change_action(
            action=action,
            opened_version=action.version,
            text=text,
            owner=action.owner,
            due=due,
            status=status,
            done_on=done_on,
            dropped_reason="",
            update=update,
            at=_moment(*(done_on or due).timetuple()[:3], 12),
        )


COMMITTEE_RECORDS = {
    "lead_member": "Councillor A. Member, Cabinet Member for Children's Services",
    "wards": "All wards",
    "contact_name": "C. Officer",
    "contact_role": "Performance Manager",
    "contact_email": "performance@demo.example",
    "contact_phone": "020 7946 0000",
}
"""The panel's front sheet records: invented, in the seed reports' kinds of names and roles."""


def _front_sheet(as_at: date) -> dict:
    """A meeting's front sheet records, as the seed reports word them, for the quarter to `as_at`."""
    quarter = quarter_of(as_at)
    return {
        "report_title": f"Performance index: {quarter.label}",
        "lead_officer_name": "A. Director",
        "lead_officer_role": "Director of Children's Services",
        "recommendations": (
            f"That the panel notes the performance in {quarter.label}.\n"
            "That the panel agrees which exceptions to follow up at its next meeting."
        ),
    }


def _meeting_day(as_at: date) -> date:
    """The panel meets on the first Wednesday five weeks after a quarter ends, as it did in 2019
    (6 November for the quarter to 30 September)."""
    day = as_at + timedelta(days=35)
    return day + timedelta(days=(2 - day.weekday()) % 7)


def _last_meeting_before(today: date) -> tuple[date, date]:
    """The as-at date and day of the last quarterly meeting held before `today`."""
    as_at = quarter_of(today).start - timedelta(days=1)
    while _meeting_day(as_at) >= today:
        as_at = quarter_of(as_at).start - timedelta(days=1)
    return as_at, _meeting_day(as_at)
