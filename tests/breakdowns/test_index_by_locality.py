"""The index filtered to one locality: a member or a visitor picks "Locality or team" and reads that
locality's figure and rating for every indicator reported by it, as at the index's date."""

from datetime import date

import pytest

from tests import factories
from tests.breakdowns import factories as breakdowns

pytestmark = pytest.mark.django_db
Q1, Q2 = date(2019, 4, 1), date(2019, 7, 1)


def row(page: str, reference: str) -> str:
    return page.split(f'data-reference="{reference}"')[1].split("</tr>")[0]


def test_the_index_offers_each_locality_in_use_when_the_council_has_breakdowns(
    client, alice, assessments_with_parts
):
    client.force_login(alice)
    page = client.get("/").content.decode()
    assert "Locality or team" in page
    assert '<option value="west">West (locality)</option>' in page


def test_the_index_offers_no_locality_when_the_council_has_no_breakdowns(client, alice):
    factories.outturn(factories.indicator(reference="1"), Q2, 50)
    client.force_login(alice)
    assert "Locality or team" not in client.get("/").content.decode()


def test_a_locality_that_ended_before_the_date_is_not_offered(client, alice, assessments_with_parts):
    breakdowns.localities(["Central"], Central=(None, date(2019, 3, 31)))
    client.force_login(alice)
    page = client.get("/?as_at=2019-09-30").content.decode()
    assert '<option value="central">' not in page
    assert '<option value="west">' in page


def test_a_locality_that_ended_within_the_quarter_is_offered_and_reads_its_figure(
    client, alice, assessments_with_parts
):
    """Central merged into the West on 15 August 2019: it still reports Q2 2019/20, so the index as
    at 30 September offers it, and its page shows its Q2 figure; by 31 December it is gone."""
    indicator, _ = assessments_with_parts
    [central] = breakdowns.localities(["Central"], Central=(None, date(2019, 8, 15)))
    breakdowns.part(indicator, Q2, central, numerator=9, denominator=10)
    client.force_login(alice)
    page = client.get("/?as_at=2019-09-30").content.decode()
    assert '<option value="central">Central (locality)</option>' in page
    response = client.get("/?as_at=2019-09-30&locality=central")
    assert response["Location"] == "/localities/central/?as_at=2019-09-30"
    assert "90%" in row(client.get(response["Location"]).content.decode(), "2")
    factories.outturn(indicator, date(2019, 10, 1), numerator=80, denominator=100, value=80)
    assert '<option value="central">' not in client.get("/?as_at=2019-12-31").content.decode()


def test_choosing_a_locality_opens_its_figures_as_at_the_same_date(client, alice, assessments_with_parts):
    client.force_login(alice)
    response = client.get("/?as_at=2019-06-30&locality=west")
    assert response.status_code == 302
    assert response["Location"] == "/localities/west/?as_at=2019-06-30"
    page = client.get(response["Location"]).content.decode()
    assert "Figures as at <strong>30 June 2019</strong>" in page
    assert "94 out of 110" in row(page, "2")  # Q1, not Q2's 22 of 25
    assert "Q1 2019/20" in row(page, "2")
    assert 'href="/?as_at=2019-06-30"' in page


def test_without_a_date_the_locality_is_as_at_the_index_latest_figures(client, alice, assessments_with_parts):
    client.force_login(alice)
    response = client.get("/?locality=west")
    assert response["Location"] == "/localities/west/?as_at=2019-09-30"
    page = client.get(response["Location"]).content.decode()
    assert "22 out of 25" in row(page, "2")
    assert "kpi-rag--green" in row(page, "2")


def test_an_unknown_locality_is_a_clear_message_and_the_whole_index(client, alice, assessments_with_parts):
    client.force_login(alice)
    response = client.get("/?locality=nowhere")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Select a valid choice" in page
    assert 'data-reference="2"' in page


def test_the_locality_withholds_from_a_member_what_its_page_withholds(client, alice, bob, foster_carers):
    client.force_login(alice)
    east = client.get(client.get("/?locality=east")["Location"]).content.decode()
    assert "[c]" in row(east, "22")
    assert ">10<" not in row(east, "22")
    client.force_login(bob)
    east = client.get(client.get("/?locality=east")["Location"]).content.decode()
    assert "[c]" not in row(east, "22")
    assert "Withheld from members" in row(east, "22")


def test_a_restricted_indicator_is_not_in_a_members_locality(client, alice, bob, assessments_with_parts):
    indicator = factories.indicator(
        reference="26", title="Missing from care", unit="count", is_restricted=True
    )
    members = breakdowns.localities()
    breakdowns.reported_by(indicator, members)
    factories.outturn(indicator, Q2, 40)
    breakdowns.part(indicator, Q2, members[3], 40)
    client.force_login(alice)
    assert 'data-reference="26"' not in client.get(client.get("/?locality=west")["Location"]).content.decode()
    client.force_login(bob)
    assert 'data-reference="26"' in client.get(client.get("/?locality=west")["Location"]).content.decode()


def test_the_public_filters_the_index_to_a_locality_when_public_access_is_on(
    client, settings, assessments_with_parts, foster_carers
):
    assert client.get("/?locality=west").status_code == 302
    assert client.get("/?locality=west")["Location"].startswith("/accounts/")
    settings.PUBLIC_ACCESS = True
    response = client.get("/?locality=south")
    assert response["Location"] == "/localities/south/?as_at=2019-09-30"
    south = client.get(response["Location"]).content.decode()
    assert "72%" in row(south, "2")
    assert "[c]" in row(south, "22")
    assert ">3<" not in row(south, "22")


def test_a_locality_page_given_no_date_it_understands_shows_the_latest_figures(
    client, alice, assessments_with_parts
):
    client.force_login(alice)
    page = client.get("/localities/west/?as_at=last-tuesday").content.decode()
    assert "22 out of 25" in row(page, "2")
    assert "Figures as at" not in page
    assert 'id="council-index" href="/"' not in page
    assert 'href="/" id="council-index"' in page
