from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from indicators.models import Correction, Indicator, Outturn, Target
from tests import factories
from tests.indicators.entry.helpers import Q1, Q2, Q2_URL, form_data, suite

pytestmark = pytest.mark.django_db


def figures(period):
    return {
        outturn.indicator.reference: outturn
        for outturn in Outturn.objects.filter(period__start=period.start).select_related("indicator")
    }


def test_officer_sees_every_indicator_due_with_the_previous_figure(client, bob):
    suite()
    factories.indicator(reference="M1", title="Monthly measure", frequency="month")
    client.force_login(bob)
    response = client.get(Q2_URL)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Single assessments within 45 days" in page
    assert "Care proceedings" in page
    assert "Monthly measure" not in page
    assert "80% (validated)" in page


def test_member_may_not_enter_figures(client, alice):
    suite()
    client.force_login(alice)
    assert client.get(Q2_URL).status_code == 403
    assert client.post(Q2_URL, {}).status_code == 403


def test_anonymous_visitor_is_sent_to_sign_in(client, public_access):
    assert client.get(Q2_URL).status_code == 302


def test_unknown_period_is_not_found(client, bob):
    client.force_login(bob)
    assert client.get("/entry/quarter-financial-2019-08-01/").status_code == 404
    assert client.get("/entry/nonsense/").status_code == 404
    assert client.get("/entry/quarter-financial-0001-01-01/").status_code == 404
    assert client.get("/entry/year-financial-0001-04-01/").status_code == 404


def test_choosing_a_period_opens_its_form(client, bob):
    suite()
    client.force_login(bob)
    assert "Q2 2019/20 (July to September 2019)" in client.get("/entry/").content.decode()
    response = client.get("/entry/", {"period": "quarter-financial-2019-07-01"})
    assert response.status_code == 302
    assert response["Location"] == Q2_URL


def test_saving_a_quarter_creates_every_figure_entered(client, bob):
    suite()
    client.force_login(bob)
    data = form_data(
        Q2,
        bob,
        {
            "2": {"numerator": 50, "denominator": 60},
            "5": {"value": 130},
            "12": {"value": "26.5", "commentary": "Two complex cases."},
        },
    )
    response = client.post(Q2_URL, data)
    assert response.status_code == 302
    saved = figures(Q2)
    assert saved["2"].value == Decimal("83.3333")
    assert saved["2"].numerator == 50
    assert saved["2"].entered_by == bob
    assert saved["2"].status == "provisional"
    assert saved["5"].value == 130
    assert saved["12"].commentary == "Two complex cases."
    assert saved["12"].history.first().history_user == bob
    assert "Saved 3 figures for Q2 2019/20" in client.get(Q2_URL).content.decode()


def test_nothing_is_saved_when_one_row_is_wrong(client, bob):
    suite()
    client.force_login(bob)
    data = form_data(Q2, bob, {"5": {"value": 130}, "2": {"numerator": 70, "denominator": 60}})
    response = client.post(Q2_URL, data)
    page = response.content.decode()
    assert response.status_code == 400
    assert "govuk-error-summary" in page
    assert 'href="#id_rows-0-numerator"' in page
    assert "Indicator 2: The numerator must not be more than the denominator" in page
    assert figures(Q2) == {}


def test_rows_left_as_opened_are_neither_checked_nor_saved(client, bob):
    indicators = suite()
    factories.outturn(indicators["12"], Q2.start, 40, status="validated")  # Red, no commentary
    client.force_login(bob)
    response = client.post(Q2_URL, form_data(Q2, bob, {"5": {"value": 125}}))
    assert response.status_code == 302
    assert figures(Q2)["12"].version == 1
    assert figures(Q2)["5"].value == 125


def test_large_move_needs_confirmation_and_commentary(client, bob):
    suite()
    client.force_login(bob)
    response = client.post(Q2_URL, form_data(Q2, bob, {"5": {"value": 400}}))
    page = response.content.decode()
    assert "moves by more than 25% from the previous period&#x27;s 120: confirm it is right" in page
    assert "This large change is right" in page
    assert figures(Q2) == {}
    data = form_data(Q2, bob, {"5": {"value": 400, "confirm_change": True, "commentary": "New front door."}})
    assert client.post(Q2_URL, data).status_code == 302
    assert figures(Q2)["5"].value == 400


def test_an_officer_entering_a_figure_cannot_mark_it_validated(client, bob):
    suite()
    client.force_login(bob)
    page = client.get(Q2_URL).content.decode()
    assert '<option value="validated"' not in page
    response = client.post(Q2_URL, form_data(Q2, bob, {"12": {"value": 25, "status": "validated"}}))
    assert response.status_code == 400
    assert "Enter the figure as provisional: its lead officer or second officer validates it" in (
        response.content.decode()
    )
    assert figures(Q2) == {}


def test_a_validated_red_figure_keeps_its_commentary(client, bob):
    indicators = suite()
    factories.outturn(indicators["12"], Q2.start, 30, commentary="Two complex cases.")
    client.force_login(bob)
    response = client.post(Q2_URL, form_data(Q2, bob, {"12": {"commentary": ""}}))
    assert "Explain a Red figure in the commentary before validating it" in response.content.decode()
    assert figures(Q2)["12"].commentary == "Two complex cases."


def test_changing_a_validated_figure_makes_it_provisional_again(client, bob, charlie):
    indicators = suite()
    factories.outturn(indicators["5"], Q2.start, 118, validated_by=charlie, validated_at=timezone.now())
    client.force_login(bob)
    assert client.post(Q2_URL, form_data(Q2, bob, {"5": {"value": 119}})).status_code == 302
    changed = figures(Q2)["5"]
    assert (changed.status, changed.validated_by, changed.validated_at) == ("provisional", None, None)


def test_changing_only_the_words_of_a_validated_figure_keeps_its_validation(client, bob, charlie):
    indicators = suite()
    factories.outturn(indicators["5"], Q2.start, 118, validated_by=charlie, validated_at=timezone.now())
    client.force_login(bob)
    data = form_data(Q2, bob, {"5": {"commentary": "Counted at the front door."}})
    assert client.post(Q2_URL, data).status_code == 302
    kept = figures(Q2)["5"]
    assert (kept.status, kept.validated_by, kept.commentary) == (
        "validated",
        charlie,
        "Counted at the front door.",
    )


def test_changing_a_published_figure_needs_a_reason_and_is_recorded(client, bob):
    indicators = suite()
    published = factories.outturn(indicators["5"], Q2.start, 118, first_published_at=timezone.now())
    client.force_login(bob)
    response = client.post(Q2_URL, form_data(Q2, bob, {"5": {"value": 121}}))
    assert "give the reason for correcting it" in response.content.decode()
    assert not Correction.objects.exists()

    data = form_data(Q2, bob, {"5": {"value": 121, "correction_reason": "Late referrals added."}})
    assert client.post(Q2_URL, data).status_code == 302
    correction = Correction.objects.get()
    assert (correction.previous_value, correction.new_value) == (118, 121)
    assert correction.reason == "Late referrals added."
    assert correction.corrected_by == bob
    published.refresh_from_db()
    assert published.value == 121
    assert published.first_published_at is not None
    assert published.history.first().history_change_reason == "Correction: Late referrals added."


def test_commentary_on_a_published_figure_is_not_a_correction(client, bob):
    indicators = suite()
    factories.outturn(indicators["5"], Q2.start, 118, first_published_at=timezone.now())
    client.force_login(bob)
    data = form_data(Q2, bob, {"5": {"commentary": "Includes the new front door."}})
    assert client.post(Q2_URL, data).status_code == 302
    assert not Correction.objects.exists()
    assert figures(Q2)["5"].commentary == "Includes the new front door."


def test_second_officer_to_save_a_figure_sees_both_and_nothing_is_overwritten(client, bob):
    indicators = suite()
    factories.outturn(indicators["5"], Q2.start, 118)
    client.force_login(bob)
    opened = form_data(Q2, bob, {"5": {"value": 119}})
    other = factories.performance_officer("dana")
    Outturn.objects.filter(indicator=indicators["5"]).filter(period__start=Q2.start).update(
        value=122, version=2, entered_by=other
    )
    response = client.post(Q2_URL, opened)
    page = response.content.decode()
    assert response.status_code == 400
    assert (
        "Bob saved this figure after you opened it: theirs is 122 (validated), yours is 119 (validated)"
        in page
    )
    assert figures(Q2)["5"].value == 122

    again = dict(opened)
    again["rows-1-version"] = "2"
    assert 'name="rows-1-version" value="2"' in page
    assert client.post(Q2_URL, again).status_code == 302
    assert figures(Q2)["5"].value == 119


def test_officers_editing_different_figures_of_a_period_both_save(client, bob):
    indicators = suite()
    client.force_login(bob)
    opened = form_data(Q2, bob, {"5": {"value": 119}})
    factories.outturn(indicators["12"], Q2.start, 25)
    assert client.post(Q2_URL, opened).status_code == 302
    assert figures(Q2)["12"].value == 25
    assert figures(Q2)["5"].value == 119


def queries_to_save(client, officer, size: int) -> int:
    area = factories.service_area()
    for n in range(size):
        indicator = factories.indicator(area=area, reference=f"S{size}-{n}")
        factories.target(indicator, 2019, value=80)
        factories.outturn(indicator, Q1.start, 80)
        if n % 2:
            factories.outturn(indicator, Q2.start, 79, first_published_at=timezone.now())
    changes = {
        f"S{size}-{n}": {"value": 81, "commentary": "Steady.", "correction_reason": "Re-run."}
        for n in range(size)
    }
    data = form_data(Q2, officer, changes)
    with CaptureQueriesContext(connection) as queries:
        response = client.post(Q2_URL, data)
    assert response.status_code == 302
    assert Outturn.objects.filter(period__start=Q2.start, value=81).count() == size
    return len(queries)


def test_a_save_runs_the_same_number_of_queries_whatever_the_suite_size(client, bob):
    client.force_login(bob)
    small = queries_to_save(client, bob, 4)
    Correction.objects.all().delete()
    Outturn.objects.all().delete()
    Target.objects.all().delete()
    Indicator.objects.all().delete()
    assert queries_to_save(client, bob, 60) == small


def test_a_saved_proportion_shows_its_figure_in_its_unit_as_it_did_while_typed(client, bob):
    indicators = suite()
    rate = factories.indicator(
        reference="9", title="Children in need per 10,000", unit="rate10k", decimal_places=1
    )
    factories.outturn(indicators["2"], Q2.start, 68, numerator=272, denominator=400, status="provisional")
    factories.outturn(rate, Q2.start, 352.5, numerator=141, denominator=4000, status="provisional")
    client.force_login(bob)
    page = client.get(Q2_URL).content.decode()
    assert '">= 68%</output>' in page
    assert '">= 352.5 per 10,000</output>' in page
