"""A locality's page applies the index's filters the member chose: search, service area, frequency,
and the locality's own rating and direction of travel. It says which are on, counts what is shown,
and links back to the whole index with the same filters; a filter it cannot read is said plainly."""

from datetime import date

import pytest

from tests import factories
from tests.breakdowns import factories as breakdowns

pytestmark = pytest.mark.django_db
Q1, Q2 = date(2019, 4, 1), date(2019, 7, 1)


@pytest.fixture
def suite():
    """Three indicators by four localities. In the West: assessments 85% then 88% (Green, improving),
    re-referrals 20% then 30% (Red, worsening), foster carers 22 in Q2 only (not rated, as a count's
    target is for the whole council; not comparable)."""
    members = breakdowns.localities()
    assessments = factories.indicator(reference="2", title="Single assessments within 45 days")
    factories.target(assessments, 2019, value=80, tolerance=5)
    re_referrals = factories.indicator(
        reference="7",
        title="Re-referrals within 12 months",
        polarity="lower",
        area=factories.service_area("Early Help", order=1),
    )
    factories.target(re_referrals, 2019, value=22, tolerance=3)
    carers = factories.indicator(
        reference="22",
        title="In-house foster carers recruited",
        unit="count",
        area=factories.service_area("Looked After Children", order=2),
    )
    factories.target(carers, 2019, value=8, tolerance=2)
    for indicator in (assessments, re_referrals, carers):
        breakdowns.reported_by(indicator, members)
    fractions = {
        (assessments, Q1): [(90, 100), (88, 110), (80, 100), (94, 110)],
        (assessments, Q2): [(20, 25), (18, 25), (21, 25), (22, 25)],
        (re_referrals, Q1): [(20, 100), (20, 100), (20, 100), (20, 100)],
        (re_referrals, Q2): [(20, 100), (20, 100), (20, 100), (30, 100)],
    }
    for (indicator, when), pairs in fractions.items():
        factories.outturn(
            indicator,
            when,
            numerator=sum(n for n, _ in pairs),
            denominator=sum(d for _, d in pairs),
            value=100 * sum(n for n, _ in pairs) / sum(d for _, d in pairs),
        )
        for member, (numerator, denominator) in zip(members, pairs, strict=True):
            breakdowns.part(indicator, when, member, numerator=numerator, denominator=denominator)
    # South's 3 is small, and East's 10 would give it away.
    factories.outturn(carers, Q2, 47)
    for member, value in zip(members, (12, 3, 10, 22), strict=True):
        breakdowns.part(carers, Q2, member, value)
    return members


def shown(page: str) -> list[str]:
    return [chunk.split('"')[0] for chunk in page.split('data-reference="')[1:]]


def page_of(client, query: str, slug: str = "west") -> str:
    response = client.get(f"/localities/{slug}/?{query}")
    assert response.status_code == 200
    return response.content.decode()


def test_without_filters_every_indicator_reported_by_the_locality_is_shown(client, alice, suite):
    client.force_login(alice)
    page = page_of(client, "as_at=2019-09-30")
    assert shown(page) == ["2", "7", "22"]
    assert "3 of 3 indicators reported by locality shown" in page
    assert "Filters applied" not in page


def test_a_search_shows_only_the_indicators_it_finds(client, alice, suite):
    client.force_login(alice)
    page = page_of(client, "q=foster&as_at=2019-09-30")
    assert shown(page) == ["22"]
    assert "1 of 3 indicators reported by locality shown" in page
    assert "Search: <strong>foster</strong>" in page
    assert 'href="/localities/west/?as_at=2019-09-30">Remove' in page


def test_a_service_area_and_a_frequency_narrow_the_indicators(client, alice, suite):
    client.force_login(alice)
    area = factories.service_area("Early Help")
    page = page_of(client, f"service_area={area.pk}&as_at=2019-09-30")
    assert shown(page) == ["7"]
    assert "Service area: <strong>Early Help</strong>" in page
    page = page_of(client, "frequency=year&as_at=2019-09-30")
    assert shown(page) == []
    assert "0 of 3 indicators" in page
    assert "No indicator reported by locality passes these filters." in page


def test_the_rating_filter_reads_the_localitys_own_rating(client, alice, suite):
    client.force_login(alice)
    page = page_of(client, "rating=red&as_at=2019-09-30")
    assert shown(page) == ["7"]
    assert "RAG rating: <strong>Red</strong>" in page
    assert shown(page_of(client, "rating=green&as_at=2019-09-30")) == ["2"]
    assert shown(page_of(client, "rating=not_rated&as_at=2019-09-30")) == ["22"]


def test_the_direction_filter_reads_the_localitys_own_direction_of_travel(client, alice, suite):
    client.force_login(alice)
    page = page_of(client, "direction=worsening&as_at=2019-09-30")
    assert shown(page) == ["7"]
    assert "Direction of travel: <strong>Worsening</strong>" in page
    improving = page_of(client, "direction=improving&as_at=2019-09-30")
    assert shown(improving) == ["2"]
    row = improving.split('data-reference="2"')[1].split("</tr>")[0]
    assert "kpi-direction--improving" in row


def test_filters_combine_and_each_can_be_removed_on_its_own(client, alice, suite):
    client.force_login(alice)
    page = page_of(client, "q=re-referrals&rating=green&as_at=2019-09-30")
    assert shown(page) == []
    assert 'href="/localities/west/?rating=green&amp;as_at=2019-09-30">Remove' in page
    assert 'href="/localities/west/?q=re-referrals&amp;as_at=2019-09-30">Remove' in page
    assert 'href="/localities/west/?as_at=2019-09-30" id="clear-filters"' in page


def test_a_part_withheld_from_a_member_passes_no_rating_filter(client, alice, bob, suite):
    client.force_login(alice)
    # East's 10 foster carers (not rated: a count) would give away South's 3, so a member filtering
    # to "Not rated" does not see that indicator at all.
    assert shown(page_of(client, "rating=not_rated&as_at=2019-09-30", slug="east")) == []
    client.force_login(bob)
    assert shown(page_of(client, "rating=not_rated&as_at=2019-09-30", slug="east")) == ["22"]


def test_the_index_sends_its_filters_and_the_page_links_back_with_them(client, alice, suite):
    client.force_login(alice)
    response = client.get("/?q=assessments&sort=reference&locality=west")
    assert response["Location"] == "/localities/west/?q=assessments&sort=reference&as_at=2019-09-30"
    page = client.get(response["Location"]).content.decode()
    assert shown(page) == ["2"]
    assert 'href="/?q=assessments&amp;sort=reference&amp;as_at=2019-09-30" id="council-index"' in page
    assert "with the same filters" in page


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("rating=purple", "RAG rating"),
        ("direction=sideways", "Direction of travel"),
        ("frequency=fortnightly", "Frequency"),
        ("service_area=999999", "Service area"),
        ("service_area=abc", "Service area"),
    ],
)
def test_a_filter_it_cannot_read_is_a_clear_message_and_every_indicator(client, alice, suite, query, field):
    client.force_login(alice)
    page = page_of(client, f"{query}&q=foster&as_at=2019-09-30")
    assert "There is a problem" in page
    assert f"{field}: Select a valid choice" in page
    assert "No filter was applied." in page
    assert shown(page) == ["2", "7", "22"]
    index_link = page.split('id="council-index"')[0].rsplit("href=", 1)[1]
    assert query.split("=")[0] not in index_link


def test_a_direction_worked_out_from_a_withheld_part_is_withheld(client, alice, bob, suite):
    """East's foster carers were 2 in Q1 (small): its Q2 direction would say which way from 2."""
    carers = factories.Indicator.objects.get(reference="22")
    members = breakdowns.localities()
    factories.outturn(carers, Q1, 40)
    for member, value in zip(members, (12, 2, 4, 22), strict=True):
        breakdowns.part(carers, Q1, member, value)
    client.force_login(alice)
    south = page_of(client, "as_at=2019-09-30", slug="south")
    assert "kpi-direction" not in south.split('data-reference="22"')[1].split("</tr>")[0]
    assert shown(page_of(client, "direction=not_comparable&as_at=2019-09-30", slug="south")) == []
    client.force_login(bob)
    south = page_of(client, "as_at=2019-09-30", slug="south")
    assert "kpi-direction--" in south.split('data-reference="22"')[1].split("</tr>")[0]
