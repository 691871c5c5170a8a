"""Comparators where members look: the index's columns and the indicator page."""

import re
from datetime import date

import pytest

from tests import factories

pytestmark = pytest.mark.django_db


def compared(indicator, year=2025, rank=3):
    common = {
        "year_label": str(year),
        "source": "DfE: Children's social work workforce",
        "source_file": "csww.csv",
    }
    factories.comparator(indicator, year, "england", 13, place="England", **common)
    factories.comparator(indicator, year, "region", 17.9, place="London", **common)
    factories.comparator(indicator, year, "council", 22.2, place="Merton", **common)
    factories.comparator(
        indicator,
        year,
        "neighbours",
        21.3778,
        neighbours_used=9,
        rank=rank,
        ranked=10,
        neighbour_model="DfE statistical neighbour model 2025",
        place="10 statistical neighbours",
        **common,
    )


@pytest.fixture
def agency(db):
    indicator = factories.indicator(title="% of agency social workers", polarity="lower", decimal_places=1)
    factories.outturn(indicator, date(2025, 7, 1), 16)
    compared(indicator, 2024, rank=5)
    compared(indicator)
    return indicator


def test_index_shows_neighbours_region_and_england_with_rank_and_year(client, alice, agency):
    client.force_login(alice)
    page = client.get("/").content.decode()
    assert re.search(r">\s*Region\s*</th>", page)
    assert "21.4%" in page
    assert "17.9%" in page
    assert "13.0%" in page
    assert "Rank 3 of 10" in page
    assert "Rank 5 of 10" not in page


def test_indicator_page_shows_each_year_with_rank_region_model_and_file(client, alice, agency):
    client.force_login(alice)
    page = client.get(agency.get_absolute_url()).content.decode()
    assert "Rank among neighbours" in page
    assert "3 of 10" in page
    assert "5 of 10" in page
    assert "mean of 9 neighbours (DfE statistical neighbour model 2025)" in page
    assert "London" in page
    assert "File csww.csv" in page
    assert "This council (published)" in page


def test_not_available_comparator_shows_dfe_s_reason(client, alice):
    indicator = factories.indicator()
    factories.outturn(indicator, date(2025, 7, 1), 16)
    factories.comparator(indicator, 2025, "council", None, unavailable_reason="Not applicable")
    client.force_login(alice)
    assert "Not applicable" in client.get(indicator.get_absolute_url()).content.decode()


@pytest.mark.parametrize("size", [5, 60])
def test_index_queries_stay_constant_with_comparators(client, alice, size, django_assert_max_num_queries):
    for n in range(size):
        indicator = factories.indicator(reference=f"C{n}")
        factories.outturn(indicator, date(2025, 7, 1), 50)
        compared(indicator)
    client.force_login(alice)
    # Three more read the published reports: when the latest was published, their commentary and the
    # actions they left open. The first view assesses the suite and keeps its lines, once sure
    # nothing changed meanwhile (the data stamp, read before and after), and draws its rows and keeps
    # them beside the lines (indicators/kept_rows.py).
    with django_assert_max_num_queries(26):  # one of them: the localities the filter offers
        response = client.get("/")
    assert response.content.decode().count("Rank 3 of 10") == size
    with django_assert_max_num_queries(11):  # the next reads the lines and rows kept
        response = client.get("/?sort=reference")
    assert response.content.decode().count("Rank 3 of 10") == size
