"""Deleting an indicator, a user or a committee never takes figures, targets, comparators or commentary."""

from datetime import date

import pytest
from django.db.models import ProtectedError

from indicators.models import Comparator, Indicator, Outturn, Target
from reports.models import Committee, MeetingCommentary
from reports.services import save_commentary
from tests import factories
from tests.reports import factories as reports

pytestmark = pytest.mark.django_db


@pytest.fixture
def indicator():
    return reports.quarterly_indicator("Single assessments", {date(2019, 7, 1): 71})


def test_an_indicator_with_figures_cannot_be_deleted(indicator):
    with pytest.raises(ProtectedError):
        indicator.delete()
    assert Outturn.objects.filter(indicator=indicator).count() == 1


def test_an_indicator_with_only_a_target_cannot_be_deleted():
    indicator = factories.indicator(title="New measure")
    factories.target(indicator, 2019, value=80)
    with pytest.raises(ProtectedError):
        indicator.delete()
    assert Target.objects.filter(indicator=indicator).exists()


def test_an_indicator_with_only_a_comparator_cannot_be_deleted():
    indicator = factories.indicator(title="New measure")
    Comparator.objects.create(indicator=indicator, year=2019, year_label="2019/20", kind="england", value=80)
    with pytest.raises(ProtectedError):
        indicator.delete()
    assert Comparator.objects.filter(indicator=indicator).exists()


def test_an_indicator_or_meeting_with_commentary_cannot_be_deleted(indicator, bob):
    draft = reports.meeting(reports.committee([indicator]))
    save_commentary(meeting=draft, indicator=indicator, commentary="Why.", actions="", caveat="", user=bob)
    Outturn.objects.all().delete()
    Target.objects.all().delete()
    for record in (indicator, draft, draft.committee):
        with pytest.raises(ProtectedError):
            record.delete()
    assert MeetingCommentary.objects.get().commentary == "Why."
    assert Committee.objects.exists()


def test_deleting_the_officer_who_entered_a_figure_keeps_the_figure(indicator):
    dana = factories.performance_officer("dana")
    Outturn.objects.update(entered_by=dana)
    dana.delete()
    assert Outturn.objects.get(indicator=indicator).value == 71


def test_an_indicator_without_any_record_can_still_be_deleted():
    factories.indicator(title="Typed by mistake").delete()
    assert not Indicator.objects.exists()
