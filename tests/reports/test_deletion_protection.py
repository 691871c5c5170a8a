"""Deleting an indicator never removes a committee's suite or the decision log's links to it, and a
published report's frozen entries never go with their meeting."""

from datetime import date

import pytest
from django.db.models import ProtectedError
from django.urls import reverse

from indicators.models import Indicator
from reports.models import Committee, Meeting, ReportEntry
from reports.services import publish_meeting
from tests import factories
from tests.reports import factories as reports

pytestmark = pytest.mark.django_db


@pytest.fixture
def bare():
    """An indicator with no figures, targets or comparators: nothing but its links holds it."""
    return factories.indicator(title="Combined caseload")


def test_an_indicator_in_a_committees_suite_cannot_be_deleted(bare):
    panel = reports.committee([bare])
    with pytest.raises(ProtectedError):
        bare.delete()
    assert list(panel.indicators.all()) == [bare]


@pytest.mark.parametrize("side", ["taken_out", "brought_in"])
def test_an_indicator_a_decision_names_cannot_be_deleted(bare, side):
    meeting = reports.meeting(reports.committee())
    decision = reports.decision(meeting, "add" if side == "brought_in" else "retire", **{side: [bare]})
    with pytest.raises(ProtectedError):
        bare.delete()
    assert [*decision.indicators.all(), *decision.new_indicators.all()] == [bare]


def test_a_published_meeting_keeps_its_frozen_entries(bob):
    indicator = reports.quarterly_indicator("Single assessments", {date(2019, 7, 1): 90})
    meeting = publish_meeting(meeting=reports.meeting(reports.committee([indicator])), user=bob)
    with pytest.raises(ProtectedError):
        meeting.delete()
    assert ReportEntry.objects.filter(meeting=meeting).count() == 1


def test_a_committee_set_up_by_mistake_can_still_be_deleted_and_keeps_its_indicators(bare):
    reports.committee([bare]).delete()
    assert not Committee.objects.exists()
    assert Indicator.objects.filter(pk=bare.pk).exists()
    bare.delete()


def test_administrators_still_pick_the_suite_and_a_decisions_indicators(client, charlie, bare):
    panel = reports.committee([bare])
    meeting = reports.meeting(panel)
    reports.decision(meeting, "retire", [bare])
    client.force_login(charlie)
    committee_page = client.get(reverse("admin:reports_committee_change", args=[panel.pk])).content.decode()
    assert 'name="indicators"' in committee_page
    meeting_page = client.get(reverse("admin:reports_meeting_change", args=[meeting.pk])).content.decode()
    assert 'name="decisions-0-indicators"' in meeting_page
    assert 'name="decisions-0-new_indicators"' in meeting_page
    assert Meeting.objects.count() == 1
