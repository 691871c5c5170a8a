"""Bands, national ranks, neighbours' medians and names from DfE's real files, checked against the raw CSV."""

from decimal import Decimal

import pytest

from indicators.dfe.models import DfeMapping, NeighbourGroup
from indicators.dfe.services import import_dfe_file
from indicators.models import Comparator
from tests import factories
from tests.indicators import dfe_oracle as oracle

pytestmark = pytest.mark.django_db

CASES = [
    # council, file, filters, column, year, polarity
    ("315", oracle.CLA, oracle.CLA_FILTER, "rate_per_10000", 2025, "lower"),
    ("830", oracle.CLA, oracle.CLA_FILTER, "rate_per_10000", 2024, "lower"),
    ("884", oracle.CLA, oracle.CLA_FILTER, "rate_per_10000", 2022, "lower"),  # a neighbour not yet formed
    ("202", oracle.CSWW, {}, "agency_rate_fte", 2024, "lower"),  # a suppressed neighbour
    ("370", oracle.CSWW, {}, "agency_rate_fte", 2025, "higher"),
    ("340", oracle.C1, {"category": "Referrals and Re-referrals"}, "rereferral_percent", 2025, "lower"),
]


def imported(la_code, name, filters, column, polarity):
    mapping = DfeMapping.objects.create(
        indicator=factories.indicator(unit="number", polarity=polarity, frequency="year"),
        publication="DfE publication",
        filters=filters,
        value_column=column,
    )
    import_dfe_file(oracle.path(name).read_bytes(), file_name=name, mappings=[mapping], la_code=la_code)
    return {(c.year, c.kind): c for c in Comparator.objects.filter(indicator=mapping.indicator)}


@pytest.mark.parametrize(("la_code", "name", "filters", "column", "year", "polarity"), CASES)
def test_band_and_national_rank_match_the_raw_file(la_code, name, filters, column, year, polarity):
    want = oracle.national(name, filters, column, la_code, year, polarity)
    council = imported(la_code, name, filters, column, polarity)[(year, "council")]
    assert (council.band, council.national_rank, council.national_ranked) == (
        want["band"],
        want["rank"],
        want["ranked"],
    )
    assert want["ranked"] > 140


@pytest.mark.parametrize(("la_code", "name", "filters", "column", "year", "polarity"), CASES)
def test_neighbours_median_matches_the_raw_file(la_code, name, filters, column, year, polarity):
    want = oracle.expected(name, filters, column, la_code, year)
    neighbours = imported(la_code, name, filters, column, polarity)[(year, "neighbours")]
    assert abs(neighbours.neighbours_median - want["median"]) < Decimal("0.00005")
    assert neighbours.neighbours_used == want["used"]


def test_suppressed_neighbour_is_left_out_of_the_median():
    want = oracle.expected(oracle.CSWW, {}, "agency_rate_fte", "202", 2024)
    assert "x" in want["raw_neighbours"]
    neighbours = imported("202", oracle.CSWW, {}, "agency_rate_fte", "lower")[(2024, "neighbours")]
    assert neighbours.neighbours_used == want["used"] < 10


@pytest.mark.parametrize(("la_code", "year"), [("315", 2025), ("315", 2023), ("830", 2024)])
def test_groupings_in_force_at_the_time_are_recorded_for_each_year(la_code, year):
    imported(la_code, oracle.CLA, oracle.CLA_FILTER, "rate_per_10000", "lower")
    group = NeighbourGroup.objects.get(la_code=la_code, year=year)
    assert [n["name"] for n in group.neighbours] == oracle.neighbour_names(la_code, year, at_the_time=True)


def test_council_formed_since_an_older_model_is_compared_with_the_current_groupings():
    comparators = imported("942", oracle.CLA, oracle.CLA_FILTER, "rate_per_10000", "lower")
    want = oracle.expected(oracle.CLA, oracle.CLA_FILTER, "rate_per_10000", "942", 2021)
    assert comparators[(2021, "neighbours")].neighbours_used == want["used"] == 9
    assert not NeighbourGroup.objects.filter(la_code="942", year__lt=2025).exists()


def test_no_band_or_national_rank_without_polarity():
    council = imported("315", oracle.CLA, oracle.CLA_FILTER, "rate_per_10000", "none")[(2025, "council")]
    assert (council.band, council.national_rank) == ("", None)
    assert council.value == 31


@pytest.mark.parametrize(
    ("la_code", "name", "filters", "column", "polarity"),
    [
        ("202", oracle.CSWW, {}, "agency_rate_fte", "lower"),  # suppressed neighbours, Inner London
        ("884", oracle.CLA, oracle.CLA_FILTER, "rate_per_10000", "lower"),  # a neighbour formed in 2023
        ("340", oracle.C1, {"category": "Referrals and Re-referrals"}, "rereferral_percent", "lower"),
    ],
)
def test_band_national_rank_and_neighbours_match_the_raw_file_every_year(
    la_code, name, filters, column, polarity
):
    comparators = imported(la_code, name, filters, column, polarity)
    years = sorted({year for year, _ in comparators})
    assert len(years) >= 5
    for year in years:
        want = oracle.national(name, filters, column, la_code, year, polarity)
        council = comparators[(year, "council")]
        assert (council.band, council.national_rank, council.national_ranked) == (
            want["band"],
            want["rank"],
            want["ranked"],
        ), year
        neighbours = oracle.expected(name, filters, column, la_code, year)
        assert comparators[(year, "neighbours")].neighbours_used == neighbours["used"], year
        assert abs(comparators[(year, "neighbours")].value - neighbours["mean"]) < Decimal("0.00005"), year
        assert comparators[(year, "region")].value == neighbours["region"], year
