"""Officers record where an indicator's process changed; members read it on the chart."""

from datetime import date

import pytest

from indicators.models import ChangePoint
from indicators.rules.periods import Period, PeriodKind
from indicators.services import period_for
from tests import factories
from tests.indicators.test_variation_page import chart_data
from tests.reports import factories as report_factories

pytestmark = pytest.mark.django_db

FIRST = Period(date(2023, 4, 1), PeriodKind.MONTH)


@pytest.fixture
def indicator():
    made = factories.indicator(reference="7", title="Visits on time", frequency="month", unit="count")
    for offset, value in enumerate([30, 32, 31, 29, 33, 60, 62, 61, 63, 60]):
        factories.outturn(made, FIRST.shifted(offset), value)
    return made


def add_url(indicator):
    return f"/indicators/{indicator.reference}/change-points/new/"


def test_an_officer_records_a_change_point_with_a_reason(client, bob, indicator):
    client.force_login(bob)
    period = period_for(FIRST.shifted(5))
    response = client.post(
        add_url(indicator), {"period": period.pk, "reason": "Definition changed to count visits"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/indicators/7/#variation"
    change_point = ChangePoint.objects.get()
    assert (change_point.period, change_point.reason, change_point.recorded_by) == (
        period,
        "Definition changed to count visits",
        bob,
    )
    assert change_point.history.count() == 1


def test_the_chart_shows_the_break_with_its_reason_to_members(client, alice, indicator):
    ChangePoint.objects.create(
        indicator=indicator, period=period_for(FIRST.shifted(5)), reason="New duty social work team"
    )
    client.force_login(alice)
    page = client.get("/indicators/7/").content.decode()
    annotations = [note["text"] for note in chart_data(page)["layout"]["annotations"]]
    assert "Limits recalculated:<br>New duty social work<br>team" in annotations
    assert "Limits recalculated from here: New duty social work team" in page
    assert "From Sep 2023: New duty social work team" in page
    assert "Record a change in the process" not in page
    assert "/remove/" not in page


def test_a_change_point_can_name_the_committee_decision_behind_it(client, bob, indicator):
    committee = report_factories.committee(name="Children's Scrutiny Panel")
    decision = report_factories.decision(report_factories.meeting(committee), "change_target")
    client.force_login(bob)
    client.post(
        add_url(indicator),
        {"period": period_for(FIRST.shifted(5)).pk, "reason": "Panel decision", "decision": decision.pk},
    )
    assert ChangePoint.objects.get().decision == decision
    page = client.get("/indicators/7/").content.decode()
    assert "committee decision: Change a target at Children&#x27;s Scrutiny Panel" in page


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({"reason": "A reason"}, "Choose the first period of the new baseline"),
        ({"period": "FIRST", "reason": "   "}, "Enter why the process changed"),
        (
            {"period": "999999", "reason": "A reason"},
            "Choose one of the periods this indicator has figures for",
        ),
    ],
)
def test_a_change_point_needs_a_period_with_figures_and_a_reason(client, bob, indicator, data, error):
    if data.get("period") == "FIRST":
        data["period"] = period_for(FIRST).pk
    client.force_login(bob)
    response = client.post(add_url(indicator), data)
    assert response.status_code == 400
    page = response.content.decode()
    assert "There is a problem" in page
    assert error in page
    assert not ChangePoint.objects.exists()


def test_a_duplicate_submission_changes_nothing(client, bob, indicator):
    client.force_login(bob)
    data = {"period": period_for(FIRST.shifted(5)).pk, "reason": "New definition"}
    client.post(add_url(indicator), data)
    response = client.post(add_url(indicator), {**data, "reason": "Sent again"})
    assert response.status_code == 400
    assert "A change point is already recorded from Sep 2023" in response.content.decode()
    assert list(ChangePoint.objects.values_list("reason", flat=True)) == ["New definition"]


def test_an_officer_removes_a_change_point_and_a_stale_removal_changes_nothing(client, bob, indicator):
    change_point = ChangePoint.objects.create(
        indicator=indicator, period=period_for(FIRST.shifted(5)), reason="New definition"
    )
    client.force_login(bob)
    url = f"/indicators/7/change-points/{change_point.pk}/remove/"
    assert client.post(url).status_code == 302
    assert not ChangePoint.objects.exists()
    response = client.post(url, follow=True)
    assert "That change point had already been removed." in response.content.decode()


def test_removing_needs_a_post(client, bob, indicator):
    change_point = ChangePoint.objects.create(
        indicator=indicator, period=period_for(FIRST.shifted(5)), reason="New definition"
    )
    client.force_login(bob)
    assert client.get(f"/indicators/7/change-points/{change_point.pk}/remove/").status_code == 405
    assert ChangePoint.objects.exists()


def test_members_may_not_record_or_remove_change_points(client, alice, indicator):
    change_point = ChangePoint.objects.create(
        indicator=indicator, period=period_for(FIRST.shifted(5)), reason="New definition"
    )
    client.force_login(alice)
    assert client.get(add_url(indicator)).status_code == 403
    assert (
        client.post(add_url(indicator), {"period": change_point.period.pk, "reason": "x"}).status_code == 403
    )
    assert client.post(f"/indicators/7/change-points/{change_point.pk}/remove/").status_code == 403
    assert ChangePoint.objects.count() == 1


def test_the_form_page_offers_the_indicators_own_periods(client, bob, indicator):
    client.force_login(bob)
    page = client.get(add_url(indicator)).content.decode()
    assert "Record a change in the process" in page
    assert "Jan 2024" in page
    assert "csrfmiddlewaretoken" in page
