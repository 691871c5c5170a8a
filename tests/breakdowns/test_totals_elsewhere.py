"""A council figure typed on the period form or uploaded in the spreadsheet must be the total its
localities' figures on record make, as on the entry by locality; nothing is saved otherwise."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from breakdowns.totals import totals_refused
from indicators.models import Outturn
from indicators.rules.entry import Entry
from tests.breakdowns import factories as breakdowns
from tests.indicators.entry.helpers import Q2, Q2_URL, form_data, suite
from tests.indicators.entry.test_upload import row, upload, workbook

pytestmark = pytest.mark.django_db

REFUSED = "The figures by locality on record make 81 out of 100 (81%), so the council figure must be that"


@pytest.fixture
def by_locality():
    """The suite of the entry tests, its assessments (indicator 2) reported by four localities whose
    Q2 figures on record make 81 out of 100; its referrals (a count, 5) by the same localities, with
    only three of four in."""
    indicators = suite()
    members = breakdowns.localities()
    breakdowns.reported_by(indicators["2"], members)
    breakdowns.reported_by(indicators["5"], members)
    for member, numerator in zip(members, (20, 18, 21, 22), strict=True):
        breakdowns.part(indicators["2"], Q2, member, numerator=numerator, denominator=25)
    for member in members[:3]:
        breakdowns.part(indicators["5"], Q2, member, 40)
    return indicators, members


def test_the_period_form_refuses_a_council_figure_its_localities_do_not_make(client, bob, by_locality):
    client.force_login(bob)
    response = client.post(Q2_URL, form_data(Q2, bob, {"2": {"numerator": 80, "denominator": 100}}))
    assert response.status_code == 400
    assert REFUSED in response.content.decode()
    assert not Outturn.objects.filter(period__start=Q2.start).exists()


def test_the_period_form_saves_the_council_figure_its_localities_make(client, bob, by_locality):
    client.force_login(bob)
    response = client.post(Q2_URL, form_data(Q2, bob, {"2": {"numerator": 81, "denominator": 100}}))
    assert response.status_code == 302
    assert Outturn.objects.get(period__start=Q2.start).numerator == 81


def test_a_figure_whose_localities_are_not_all_in_is_taken_as_typed(client, bob, by_locality):
    """Three of four localities' referrals are on record: the fourth may be anything yet."""
    client.force_login(bob)
    response = client.post(Q2_URL, form_data(Q2, bob, {"5": {"value": 130}}))
    assert response.status_code == 302
    assert Outturn.objects.get(period__start=Q2.start).value == 130


def test_the_spreadsheet_refuses_a_council_figure_its_localities_do_not_make(client, bob, by_locality):
    client.force_login(bob)
    response = upload(client, workbook([row("2", None, numerator=80, denominator=100)]))
    assert response.status_code == 400
    assert f"Indicator 2: {REFUSED}" in response.content.decode()
    accepted = upload(client, workbook([row("2", None, numerator=81, denominator=100)]))
    assert accepted.status_code == 200
    assert "The spreadsheet changes 1 figure" in accepted.content.decode()


@pytest.mark.parametrize("size", [2, 12])
def test_the_check_reads_three_queries_however_many_localities(size):
    indicators = suite()
    members = breakdowns.localities([f"Part {n}" for n in range(size)], dimension=f"Team of {size}")
    breakdowns.reported_by(indicators["5"], members)
    for member in members:
        breakdowns.part(indicators["5"], Q2, member, 10)
    entry = Entry(value=Decimal(10 * size + 1), status="provisional")
    with CaptureQueriesContext(connection) as queries:
        refused = totals_refused(Q2, {indicators["5"].pk: entry})
    assert len(queries) == 3
    made = f"The figures by team of {size} on record make {10 * size},"
    assert refused[indicators["5"].pk].startswith(made)
