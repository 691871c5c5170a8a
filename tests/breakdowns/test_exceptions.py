"""An exception on an indicator reported by locality names the localities behind target in its
latest period, worst first; a part withheld from the reader is never named."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests import factories
from tests.breakdowns import factories as breakdowns

pytestmark = pytest.mark.django_db
Q1, Q2 = date(2019, 4, 1), date(2019, 7, 1)


@pytest.fixture
def assessments():
    """Indicator 2 Red at 81% against 90 in Q2; South 72%, North 80%, East 84% Red, West 88% Amber."""
    indicator = factories.indicator(reference="2", title="Single assessments within 45 days")
    factories.target(indicator, 2019, value=90, tolerance=5)
    members = breakdowns.localities()
    breakdowns.reported_by(indicator, members)
    factories.outturn(indicator, Q1, numerator=95, denominator=100, value=95)
    factories.outturn(indicator, Q2, numerator=81, denominator=100, value=81)
    for member in members:
        breakdowns.part(indicator, Q1, member, numerator=24, denominator=25)
    for member, numerator in zip(members, (20, 18, 21, 22), strict=True):
        breakdowns.part(indicator, Q2, member, numerator=numerator, denominator=25)
    return indicator, members


@pytest.fixture
def foster_carers():
    """Indicator 22 Red at 47 of 85 (55%) against 90%: South's 3 of 20 is small, and East's 10 of 15,
    the next smallest, would give it away. (A percentage: a count's parts are not rated.)"""
    indicator = factories.indicator(reference="22", title="Foster carers approved within 16 weeks")
    factories.target(indicator, 2019, value=90, tolerance=2)
    members = breakdowns.localities()
    breakdowns.reported_by(indicator, members)
    factories.outturn(indicator, Q2, numerator=47, denominator=85, value="55.2941")
    for member, (numerator, denominator) in zip(
        members, ((12, 20), (3, 20), (10, 15), (22, 30)), strict=True
    ):
        breakdowns.part(indicator, Q2, member, numerator=numerator, denominator=denominator)
    return indicator, members


def parts_row(page: str, reference: str) -> str:
    section = page.split(f'href="/indicators/{reference}/"')[1].split("</section>")[0]
    return section.split("data-parts-behind")[1].split("</div>")[0]


def test_an_exception_names_its_localities_behind_target_worst_first(client, alice, assessments):
    client.force_login(alice)
    row = parts_row(client.get("/exceptions/").content.decode(), "2")
    assert "Localities behind target, Q2 2019/20" in row
    assert "Behind target: South 72% (Red), North 80% (Red), East 84% (Red), West 88% (Amber)." in row


def test_a_locality_on_target_is_not_named(client, alice, assessments):
    indicator, members = assessments
    west = indicator.part_figures.get(member=members[3], period__start=Q2)
    west.numerator, west.value = 23, 92
    west.save()
    client.force_login(alice)
    row = parts_row(client.get("/exceptions/").content.decode(), "2")
    assert "West" not in row
    assert "East 84% (Red)." in row


def test_withheld_localities_are_not_named_for_a_member(client, alice, foster_carers):
    client.force_login(alice)
    row = parts_row(client.get("/exceptions/").content.decode(), "22")
    assert "Behind target: North 60% (Red), West 73% (Red)." in row
    assert "2 localities' figures are withheld, so not named." in row
    assert "South" not in row
    assert "East" not in row


def test_withheld_localities_are_not_named_for_the_public(client, settings, foster_carers):
    settings.PUBLIC_ACCESS = True
    row = parts_row(client.get("/exceptions/").content.decode(), "22")
    assert "South" not in row
    assert "East" not in row
    assert "withheld, so not named" in row


def test_an_officer_reads_every_locality_behind_target(client, bob, foster_carers):
    client.force_login(bob)
    row = parts_row(client.get("/exceptions/").content.decode(), "22")
    assert "Behind target: South 15% (Red), North 60% (Red), East 67% (Red), West 73% (Red)." in row
    assert "withheld" not in row


def test_parts_of_an_earlier_period_are_not_named(client, alice):
    indicator = factories.indicator(reference="2", title="Single assessments within 45 days")
    factories.target(indicator, 2019, value=90, tolerance=5)
    members = breakdowns.localities()
    breakdowns.reported_by(indicator, members)
    factories.outturn(indicator, Q1, 95)
    factories.outturn(indicator, Q2, 70)
    breakdowns.part(indicator, Q1, members[0], numerator=10, denominator=25)
    client.force_login(alice)
    page = client.get("/exceptions/").content.decode()
    assert "Single assessments within 45 days" in page
    assert "data-parts-behind" not in page


def build(exceptions: int, size: int):
    members = breakdowns.localities([f"Part {size}-{n}" for n in range(size)], dimension=f"Team of {size}")
    for n in range(exceptions):
        indicator = factories.indicator(reference=f"E{n}")
        factories.target(indicator, 2019, value=90, tolerance=2)
        breakdowns.reported_by(indicator, members)
        factories.outturn(indicator, Q2, numerator=50 * size, denominator=100 * size, value=50)
        for member in members:
            breakdowns.part(indicator, Q2, member, numerator=50, denominator=100)


def queries_for(client) -> int:
    client.get("/exceptions/")
    with CaptureQueriesContext(connection) as queries:
        page = client.get("/exceptions/").content.decode()
    return len(queries), page


@pytest.mark.parametrize(("exceptions", "size"), [(2, 2), (10, 12)])
def test_the_exceptions_queries_stay_constant_as_exceptions_and_localities_grow(
    client, alice, exceptions, size
):
    build(exceptions, size)
    client.force_login(alice)
    count, page = queries_for(client)
    assert page.count("data-parts-behind") == exceptions
    assert page.count("(Red)") == exceptions * size
    assert count == EXCEPTIONS_QUERIES


# Four of them read every breakdown of the indicators behind, to withhold what their sums would give away;
# one the exceptions' open actions; one their latest published commentary; one the kept lines, which say
# which indicators to assess.
EXCEPTIONS_QUERIES = 21
