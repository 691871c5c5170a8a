"""The officers' validation page: the provisional figures each may validate, validated one or
several at once, and refused (nothing changed) for anyone else, their own entry or a stale page."""

import re
from datetime import date

import pytest
from django.db.models import ProtectedError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from indicators.models import Outturn
from indicators.rules.periods import Period, PeriodKind
from tests import factories
from tests.indicators.entry.helpers import form_data

pytestmark = pytest.mark.django_db
VALIDATE_URL = reverse("indicators:entry:validate")
Q1, Q2 = date(2019, 4, 1), date(2019, 7, 1)


@pytest.fixture
def dana():
    """Dana Okafor is Head of Social Care: she leads the indicators and validates their figures."""
    return factories.make_user("dana", factories.OFFICERS, first_name="Dana", last_name="Okafor")


@pytest.fixture
def erin():
    """Erin is the named second officer."""
    return factories.make_user("erin", factories.OFFICERS, first_name="Erin", last_name="Shah")


@pytest.fixture
def referrals(dana, erin):
    return factories.indicator(
        reference="5",
        title="Referrals",
        unit="count",
        polarity="none",
        lead_officer_user=dana,
        second_officer_user=erin,
    )


def provisional(indicator, day, value, *, by, **fields) -> Outturn:
    return factories.outturn(indicator, day, value, status="provisional", entered_by=by, **fields)


def chosen(*outturns: Outturn) -> dict:
    return {"figure": [f"{outturn.pk}:{outturn.version}" for outturn in outturns]}


def test_the_lead_officer_sees_each_figure_awaiting_validation_by_period(client, dana, bob, referrals):
    provisional(referrals, Q1, 118, by=bob)
    provisional(referrals, Q2, 131, by=bob)
    client.force_login(dana)
    page = client.get(VALIDATE_URL).content.decode()
    assert page.index("Q2 2019/20") < page.index("Q1 2019/20")
    assert "131" in page
    assert "118" in page
    assert "Bob" in page


def test_the_lead_officer_validates_several_figures_at_once(client, dana, bob, referrals):
    first, second = provisional(referrals, Q1, 118, by=bob), provisional(referrals, Q2, 131, by=bob)
    client.force_login(dana)
    response = client.post(VALIDATE_URL, chosen(first, second))
    assert response.status_code == 302
    for outturn in Outturn.objects.filter(pk__in=[first.pk, second.pk]):
        assert (outturn.status, outturn.validated_by, outturn.version) == ("validated", dana, 2)
        assert outturn.validated_at is not None
        assert outturn.history.first().history_change_reason == "Validated"
    assert "Validated 2 figures." in client.get(VALIDATE_URL).content.decode()


def test_the_second_officer_may_validate(client, erin, bob, referrals):
    figure = provisional(referrals, Q2, 131, by=bob)
    client.force_login(erin)
    assert client.post(VALIDATE_URL, chosen(figure)).status_code == 302
    assert Outturn.objects.get(pk=figure.pk).validated_by == erin


def test_an_administrator_may_validate_any_figure(client, charlie, bob):
    figure = provisional(factories.indicator(), Q2, 40, by=bob)
    client.force_login(charlie)
    assert client.post(VALIDATE_URL, chosen(figure)).status_code == 302
    assert Outturn.objects.get(pk=figure.pk).status == "validated"


def test_another_officer_may_not_validate_and_nothing_changes(client, bob, referrals, dana):
    figure = provisional(referrals, Q2, 131, by=dana)
    client.force_login(bob)
    assert "131" not in client.get(VALIDATE_URL).content.decode()
    response = client.post(VALIDATE_URL, chosen(figure))
    assert response.status_code == 409
    assert "Only the indicator&#x27;s lead officer, its second officer or an administrator" in (
        response.content.decode()
    )
    assert Outturn.objects.get(pk=figure.pk).status == "provisional"


def test_the_second_officer_may_not_validate_their_own_entry(client, erin, referrals):
    figure = provisional(referrals, Q2, 131, by=erin)
    client.force_login(erin)
    page = client.get(VALIDATE_URL).content.decode()
    assert 'data-held-back="1"' in page
    response = client.post(VALIDATE_URL, chosen(figure))
    assert response.status_code == 409
    assert "You entered this figure" in response.content.decode()
    assert Outturn.objects.get(pk=figure.pk).status == "provisional"


def test_the_lead_officer_may_validate_their_own_entry(client, dana, referrals):
    figure = provisional(referrals, Q2, 131, by=dana)
    client.force_login(dana)
    assert client.post(VALIDATE_URL, chosen(figure)).status_code == 302
    assert Outturn.objects.get(pk=figure.pk).status == "validated"


def test_one_refused_figure_validates_none_of_them(client, erin, bob, referrals):
    theirs, own = provisional(referrals, Q1, 118, by=bob), provisional(referrals, Q2, 131, by=erin)
    client.force_login(erin)
    assert client.post(VALIDATE_URL, chosen(theirs, own)).status_code == 409
    assert set(Outturn.objects.values_list("status", flat=True)) == {"provisional"}


def test_a_figure_changed_since_the_page_was_drawn_is_not_validated(client, dana, bob, referrals):
    figure = provisional(referrals, Q2, 131, by=bob)
    shown = chosen(figure)
    Outturn.objects.filter(pk=figure.pk).update(value=135, version=2)
    client.force_login(dana)
    response = client.post(VALIDATE_URL, shown)
    assert response.status_code == 409
    assert "This figure changed after you opened the page" in response.content.decode()
    assert Outturn.objects.get(pk=figure.pk).status == "provisional"


def test_a_red_figure_without_commentary_waits_for_it(client, dana, bob):
    weeks = factories.indicator(unit="weeks", polarity="lower", lead_officer_user=dana)
    factories.target(weeks, 2019, value=26, tolerance=2)
    figure = provisional(weeks, Q2, 31, by=bob)
    client.force_login(dana)
    response = client.post(VALIDATE_URL, chosen(figure))
    assert "Explain a Red figure in the commentary before validating it" in response.content.decode()
    assert Outturn.objects.get(pk=figure.pk).status == "provisional"


def test_choosing_nothing_says_so(client, dana):
    client.force_login(dana)
    response = client.post(VALIDATE_URL, {"figure": ["x:y"]})
    assert response.status_code == 400
    assert "Choose the figures to validate" in response.content.decode()


def test_a_member_may_not_use_the_page(client, alice):
    client.force_login(alice)
    assert client.get(VALIDATE_URL).status_code == 403
    assert client.post(VALIDATE_URL, {}).status_code == 403


def test_validating_needs_the_forms_security_token(dana, bob, referrals):
    figure = provisional(referrals, Q2, 131, by=bob)
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(dana)
    assert browser.post(VALIDATE_URL, chosen(figure)).status_code == 403
    assert Outturn.objects.get(pk=figure.pk).status == "provisional"


def test_entering_the_figure_again_makes_it_provisional_and_clears_its_validation(
    client, dana, bob, referrals
):
    figure = provisional(referrals, Q2, 131, by=bob)
    client.force_login(dana)
    client.post(VALIDATE_URL, chosen(figure))
    client.force_login(bob)
    q2 = Period(Q2, PeriodKind.QUARTER)
    client.post("/entry/quarter-financial-2019-07-01/", form_data(q2, bob, {"5": {"value": 133}}))
    figure.refresh_from_db()
    assert (figure.value, figure.status, figure.validated_by, figure.validated_at) == (
        133,
        "provisional",
        None,
        None,
    )


def test_the_due_page_says_who_validated_each_figure_and_links_here(
    client, dana, bob, referrals, monkeypatch
):
    monkeypatch.setattr(timezone, "localdate", lambda: date(2019, 10, 25))
    validated = provisional(referrals, Q2, 131, by=bob)
    client.force_login(dana)
    client.post(VALIDATE_URL, chosen(validated))
    provisional(factories.indicator(reference="27", title="Caseloads"), Q2, 15, by=bob)
    page = client.get("/entry/due/").content.decode()
    assert VALIDATE_URL in page
    assert "Validated by Dana Okafor" in page
    assert "Provisional: awaiting validation" in page


def test_the_figure_trail_says_who_validated_it(client, dana, bob, referrals):
    figure = provisional(referrals, Q2, 131, by=bob)
    client.force_login(dana)
    client.post(VALIDATE_URL, chosen(figure))
    page = client.get(referrals.get_absolute_url()).content.decode()
    trail = page[page.index("History of the figures") :]
    assert "Validated by Dana Okafor" in trail
    assert "Provisional" in trail


@pytest.mark.parametrize("size", [5, 100])
def test_the_page_and_a_validation_take_the_same_queries_however_many_figures(
    client, dana, bob, size, django_assert_max_num_queries
):
    figures = [provisional(factories.indicator(lead_officer_user=dana), Q2, 80, by=bob) for _ in range(size)]
    client.force_login(dana)
    with django_assert_max_num_queries(9):
        page = client.get(VALIDATE_URL).content.decode()
    assert page.count('name="figure"') == size
    with django_assert_max_num_queries(16):
        assert client.post(VALIDATE_URL, chosen(*figures)).status_code == 302
    assert Outturn.objects.filter(status="validated").count() == size


def test_an_officer_who_validated_figures_cannot_be_deleted_so_the_record_of_it_stays(
    client, dana, bob, referrals
):
    figure = provisional(referrals, Q2, 131, by=bob)
    client.force_login(dana)
    client.post(VALIDATE_URL, chosen(figure))
    with pytest.raises(ProtectedError):
        dana.delete()
    assert Outturn.objects.get(pk=figure.pk).validated_by == dana


def waiting_rows(page: str) -> list[str]:
    """Each row of the figures waiting for someone else or for commentary, as its words."""
    table = page[page.index('id="waiting"') : page.index("</table>", page.index('id="waiting"'))]
    rows = re.findall(r"<tbody.*?</tbody>", table, re.S)[0]
    return [" ".join(re.sub(r"<[^>]+>", " ", row).split()) for row in re.findall(r"<tr.*?</tr>", rows, re.S)]


def test_a_figure_the_second_officer_entered_is_named_as_waiting_for_its_lead_officer(
    client, erin, referrals
):
    provisional(referrals, Q2, 131, by=erin)
    client.force_login(erin)
    page = client.get(VALIDATE_URL).content.decode()
    assert waiting_rows(page) == [
        "5: Referrals Q2 2019/20 131 Erin Shah Its lead officer, Dana Okafor, because you entered it."
    ]


def test_a_figure_an_administrator_entered_waits_for_its_lead_or_second_officer(client, charlie, referrals):
    provisional(referrals, Q1, 118, by=charlie)
    client.force_login(charlie)
    assert waiting_rows(client.get(VALIDATE_URL).content.decode()) == [
        "5: Referrals Q1 2019/20 118 Charlie Its lead officer, Dana Okafor, or its second officer,"
        " Erin Shah, because you entered it."
    ]


def test_an_officer_who_validates_nothing_sees_the_figures_they_entered_waiting_for_whom(
    client, bob, referrals, dana
):
    provisional(referrals, Q2, 131, by=bob)
    provisional(referrals, Q1, 118, by=dana)
    client.force_login(bob)
    page = client.get(VALIDATE_URL).content.decode()
    assert waiting_rows(page) == [
        "5: Referrals Q2 2019/20 131 Bob Its lead officer, Dana Okafor, or its second officer, Erin Shah."
    ]
    assert "No figures are awaiting your validation." in page
    assert 'name="figure"' not in page


def test_a_red_figure_without_commentary_is_named_as_waiting_for_it(client, dana, bob):
    weeks = factories.indicator(
        reference="12", title="Care proceedings", unit="weeks", polarity="lower", lead_officer_user=dana
    )
    factories.target(weeks, 2019, value=26, tolerance=2)
    provisional(weeks, Q2, 31, by=bob)
    provisional(weeks, Q1, 27, by=bob)
    client.force_login(dana)
    page = client.get(VALIDATE_URL).content.decode()
    assert waiting_rows(page) == [
        "12: Care proceedings Q2 2019/20 31 weeks Bob Commentary, because it is Red."
        " Add commentary to 12, Q2 2019/20"
    ]
    assert 'href="/entry/quarter-financial-2019-07-01/"' in page
    assert 'data-held-back="1"' in page
    assert page.count('name="figure"') == 1  # Q1's 27 weeks, Amber, may be validated


def test_a_red_figure_someone_entered_themselves_waits_for_both(client, erin, referrals, dana):
    weeks = factories.indicator(
        reference="12",
        title="Care proceedings",
        unit="weeks",
        polarity="lower",
        lead_officer_user=dana,
        second_officer_user=erin,
    )
    factories.target(weeks, 2019, value=26, tolerance=2)
    provisional(weeks, Q2, 31, by=erin)
    client.force_login(erin)
    assert waiting_rows(client.get(VALIDATE_URL).content.decode()) == [
        "12: Care proceedings Q2 2019/20 31 weeks Erin Shah Its lead officer, Dana Okafor, because you"
        " entered it; and commentary, because it is Red. Add commentary to 12, Q2 2019/20"
    ]


@pytest.mark.parametrize("size", [5, 100])
def test_the_page_names_every_figure_waiting_in_the_same_queries_however_many(
    client, dana, erin, size, django_assert_max_num_queries
):
    for _ in range(size):
        indicator = factories.indicator(lead_officer_user=dana, second_officer_user=erin)
        factories.target(indicator, 2019, value=80, tolerance=5)
        provisional(indicator, Q2, 60, by=erin)
    client.force_login(erin)
    with django_assert_max_num_queries(9):
        page = client.get(VALIDATE_URL).content.decode()
    assert page.count("because you entered it; and commentary, because it is Red.") == size
