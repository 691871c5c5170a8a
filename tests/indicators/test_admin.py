"""The administration pages: for administrators, and never a way round the entry checks."""

from datetime import date

import pytest

from tests import factories

pytestmark = pytest.mark.django_db


def test_administrator_finds_an_indicator_by_search_and_filter(client, charlie):
    factories.indicator(reference="12", title="Care proceedings in weeks", unit="weeks")
    factories.indicator(reference="2", title="Single assessments")
    client.force_login(charlie)
    page = client.get(
        "/admin/indicators/indicator/", {"q": "proceedings", "unit__exact": "weeks"}
    ).content.decode()
    assert "Care proceedings in weeks" in page
    assert "Single assessments" not in page


def test_administrator_sees_targets_comparators_and_history_of_an_indicator(client, charlie):
    indicator = factories.indicator(title="Care proceedings in weeks")
    factories.target(indicator, 2019, value=26)
    factories.comparator(indicator, 2019, "england", 40)
    client.force_login(charlie)
    page = client.get(f"/admin/indicators/indicator/{indicator.pk}/change/").content.decode()
    assert "targets-TOTAL_FORMS" in page
    assert "comparators-TOTAL_FORMS" in page
    assert client.get(f"/admin/indicators/indicator/{indicator.pk}/history/").status_code == 200


def test_figures_are_read_only_in_administration(client, charlie):
    outturn = factories.outturn(factories.indicator(), date(2019, 7, 1), 70)
    client.force_login(charlie)
    page = client.get(f"/admin/indicators/outturn/{outturn.pk}/change/").content.decode()
    assert 'name="_save"' not in page
    assert client.post(f"/admin/indicators/outturn/{outturn.pk}/delete/").status_code == 403


@pytest.mark.parametrize("persona", ["alice", "bob"])
def test_members_and_officers_are_not_staff(client, request, persona):
    client.force_login(request.getfixturevalue(persona))
    response = client.get("/admin/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_enter_figures_is_in_the_menu_of_officers_only(client, alice, bob):
    client.force_login(bob)
    assert "Enter figures" in client.get("/").content.decode()
    client.force_login(alice)
    assert "Enter figures" not in client.get("/").content.decode()
