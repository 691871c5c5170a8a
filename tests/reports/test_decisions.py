from datetime import date
from decimal import Decimal

import pytest

from indicators.models import Target
from indicators.reader import Reader
from reports.models import DecisionStatus
from reports.selectors import report_for
from reports.services import ReportError, apply_decision, publish_meeting
from tests import factories
from tests.reports import factories as reports

pytestmark = pytest.mark.django_db


@pytest.fixture
def caseloads():
    return [
        factories.indicator(reference=ref, title=title)
        for ref, title in (("7", "CP caseload"), ("15", "LAC caseload"))
    ]


def test_replacing_changes_the_suite_for_the_next_meeting_and_links_the_indicators(caseloads, alice, bob):
    combined = factories.indicator(reference="40", title="Average caseload per social worker")
    panel = reports.committee(caseloads)
    meeting = reports.meeting(panel)
    publish_meeting(meeting=meeting, user=bob)
    decision = reports.decision(meeting, "replace", caseloads, [combined])

    apply_decision(decision=decision, user=bob)

    assert set(panel.indicators.all()) == {combined}
    assert set(combined.predecessors.all()) == set(caseloads)
    for indicator in caseloads:
        indicator.refresh_from_db()
        assert indicator.retired_on == date(2019, 11, 6)
    combined.refresh_from_db()
    assert combined.introduced_on == date(2019, 11, 6)
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.IMPLEMENTED
    assert decision.implemented_by == bob
    assert [line.reference for line in report_for(meeting, reader=Reader.for_user(alice)).lines] == [
        "7",
        "15",
    ]
    following = reports.meeting(panel, date(2020, 2, 5), date(2019, 12, 31))
    assert [line.reference for line in report_for(following, reader=Reader.for_user(alice)).lines] == ["40"]


def test_splitting_links_both_parts_to_the_indicator_they_came_from(bob):
    whole = factories.indicator(reference="23", title="Adoptions and special guardianship orders")
    parts = [factories.indicator(reference=ref, title=ref) for ref in ("23a", "23b")]
    meeting = reports.meeting(reports.committee([whole]))
    apply_decision(decision=reports.decision(meeting, "split", [whole], parts), user=bob)
    assert set(whole.successors.all()) == set(parts)
    assert set(meeting.committee.indicators.all()) == set(parts)


def test_split_into_one_part_is_refused_with_the_reason(bob):
    whole = factories.indicator(reference="23")
    meeting = reports.meeting(reports.committee([whole]))
    decision = reports.decision(meeting, "split", [whole], [factories.indicator(reference="23a")])
    with pytest.raises(ReportError, match="at least two"):
        apply_decision(decision=decision, user=bob)
    assert set(meeting.committee.indicators.all()) == {whole}


def test_a_proposed_decision_is_not_applied(caseloads, bob):
    meeting = reports.meeting(reports.committee(caseloads))
    decision = reports.decision(meeting, "retire", caseloads, status="proposed")
    with pytest.raises(ReportError, match="agreed"):
        apply_decision(decision=decision, user=bob)


def test_a_decision_is_applied_only_once(caseloads, bob):
    meeting = reports.meeting(reports.committee(caseloads))
    decision = reports.decision(meeting, "retire", caseloads)
    apply_decision(decision=decision, user=bob)
    with pytest.raises(ReportError, match="already been applied"):
        apply_decision(decision=decision, user=bob)


def test_changing_a_target_sets_the_years_value(bob):
    indicator = factories.indicator(reference="2")
    factories.target(indicator, 2020, value=85)
    meeting = reports.meeting(reports.committee([indicator]))
    decision = reports.decision(
        meeting, "change_target", [indicator], target_year=2020, target_value=Decimal(90)
    )
    apply_decision(decision=decision, user=bob)
    assert Target.objects.get(indicator=indicator, year=2020).value == 90


def test_decision_log_lists_the_decision_with_its_effect(client, alice, caseloads):
    combined = factories.indicator(reference="40", title="Combined caseload")
    meeting = reports.meeting(reports.committee(caseloads))
    reports.decision(meeting, "replace", caseloads, [combined], text="To replace indicators 7 and 15.")
    client.force_login(alice)
    page = client.get("/decisions/").content.decode()
    assert "To replace indicators 7 and 15." in page
    assert "Replace indicators" in page
    assert "Brought in" in page
    assert "Agreed" in page


def test_administration_cannot_mark_a_decision_implemented_without_applying_it():
    from reports.admin import DecisionForm
    from reports.models import DecisionStatus

    choices = [value for value, _ in DecisionForm().fields["status"].choices]
    assert DecisionStatus.IMPLEMENTED not in choices
    assert DecisionStatus.AGREED in choices
