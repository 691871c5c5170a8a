from datetime import date
from decimal import Decimal

import pytest

from indicators.models import Outturn
from indicators.reader import Reader
from indicators.services import correct_outturn
from reports.models import MeetingStatus
from reports.selectors import report_for
from reports.services import ReportError, publish_meeting, save_commentary
from tests import factories
from tests.reports import factories as reports

pytestmark = pytest.mark.django_db

Q1, Q2, Q3 = date(2019, 4, 1), date(2019, 7, 1), date(2019, 10, 1)


@pytest.fixture
def assessments_indicator():
    return reports.quarterly_indicator(
        "Single assessments within 45 days", {Q1: 86, Q2: 71, Q3: 84}, target=85, tolerance=10
    )


@pytest.fixture
def panel(assessments_indicator):
    return reports.committee([assessments_indicator])


def line_of(report, reference):
    return next(line for line in report.lines if line.reference == reference)


def test_publishing_freezes_every_figure_shown(panel, assessments_indicator, bob):
    meeting = reports.meeting(panel)
    publish_meeting(meeting=meeting, user=bob)
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.PUBLISHED
    assert meeting.published_by == bob
    entry = meeting.entries.get()
    assert entry.rating == "red"
    assert entry.figures["recent"][-1]["text"] == "71%"
    assert entry.target == "85%"


def test_publishing_marks_figures_first_published(panel, assessments_indicator, bob):
    meeting = publish_meeting(meeting=reports.meeting(panel), user=bob)
    published = Outturn.objects.filter(indicator=assessments_indicator, first_published_at__isnull=False)
    assert {outturn.period.label for outturn in published} == {"Q1 2019/20", "Q2 2019/20"}
    assert {outturn.first_published_at for outturn in published} == {meeting.published_at}


def test_correction_leaves_the_published_report_unchanged_and_appears_in_the_next(
    panel, assessments_indicator, alice, bob
):
    first = reports.meeting(panel)
    publish_meeting(meeting=first, user=bob)
    outturn = Outturn.objects.get(indicator=assessments_indicator, period__label="Q2 2019/20")
    correct_outturn(
        outturn=outturn, value=Decimal(81), status="validated", reason="Recounted from contact.", user=bob
    )

    published = report_for(first, reader=Reader.for_user(alice))
    line = line_of(published, assessments_indicator.reference)
    assert line.latest.text == "71%"
    assert line.rating.value == "red"
    assert published.corrections == []

    second = reports.meeting(panel, date(2020, 2, 5), date(2019, 12, 31))
    following = report_for(second, reader=Reader.for_user(alice))
    [row] = following.corrections
    assert (row.correction.previous, row.correction.new) == ("71%", "81%")
    assert row.correction.reason == "Recounted from contact."


def test_rating_change_since_the_previous_meeting_is_written_as_the_committee_writes_it(
    panel, assessments_indicator, alice, bob
):
    publish_meeting(meeting=reports.meeting(panel), user=bob)
    second = reports.meeting(panel, date(2020, 2, 5), date(2019, 12, 31))
    save_commentary(
        meeting=second,
        indicator=assessments_indicator,
        commentary="Back on track.",
        actions="",
        caveat="",
        user=bob,
    )
    [row] = report_for(second, reader=Reader.for_user(alice)).rating_changes
    assert row.change == "R to A"
    assert row.line.narrative == "Back on track."


def test_publishing_twice_is_refused(panel, bob):
    meeting = reports.meeting(panel)
    publish_meeting(meeting=meeting, user=bob)
    with pytest.raises(ReportError, match="already published"):
        publish_meeting(meeting=meeting, user=bob)
    assert meeting.entries.count() == 1


def test_commentary_on_a_published_report_is_refused(panel, assessments_indicator, bob):
    meeting = reports.meeting(panel)
    publish_meeting(meeting=meeting, user=bob)
    meeting.refresh_from_db()
    with pytest.raises(ReportError, match="fixed record"):
        save_commentary(
            meeting=meeting,
            indicator=assessments_indicator,
            commentary="Late.",
            actions="",
            caveat="",
            user=bob,
        )


def test_exception_carries_the_meetings_commentary_and_actions(panel, assessments_indicator, alice, bob):
    meeting = reports.meeting(panel)
    save_commentary(
        meeting=meeting,
        indicator=assessments_indicator,
        commentary="Counting from point of contact.",
        actions="Weekly timeliness meetings.",
        caveat="",
        user=bob,
    )
    publish_meeting(meeting=meeting, user=bob)
    [line] = report_for(meeting, reader=Reader.for_user(alice)).exceptions
    assert line.exception_reasons == ["Rated Red"]
    assert line.management_commentary == "Counting from point of contact."
    assert line.corrective_actions == "Weekly timeliness meetings."


def test_caveat_says_why_a_figure_is_not_reported(alice):
    cafcass = reports.quarterly_indicator(
        "Care proceedings in weeks", {Q1: 28}, unit="weeks", polarity="lower"
    )
    factories.outturn(
        cafcass, Q2, None, status="not_available", commentary="Not supplied by Cafcass in time."
    )
    meeting = reports.meeting(reports.committee([cafcass]))
    [line] = report_for(meeting, reader=Reader.for_user(alice)).caveats
    assert line.caveat == "Not supplied by Cafcass in time."
    assert line.latest.text == "Not available in time"


def test_restricted_indicator_and_small_numbers_are_left_out_for_a_member(alice, bob):
    missing = factories.indicator(title="Children missing from care", unit="count", is_restricted=True)
    foster = factories.indicator(title="Foster carers recruited", unit="count")
    for indicator in (missing, foster):
        factories.outturn(indicator, Q2, 3)
    meeting = reports.meeting(reports.committee([missing, foster]))
    publish_meeting(meeting=meeting, user=bob)

    member_view = report_for(meeting, reader=Reader.for_user(alice))
    assert [line.title for line in member_view.lines] == ["Foster carers recruited"]
    assert member_view.withheld == 1
    assert member_view.lines[0].latest.text == "[c]"
    officer_view = report_for(meeting, reader=Reader.for_user(bob))
    assert {line.latest.text for line in officer_view.lines} == {"3"}
