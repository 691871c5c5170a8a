"""Importing comparators from DfE's real files, checked against the raw CSV read independently."""

from decimal import Decimal

import pytest

from indicators.dfe.models import DfeMapping, DfeValue, NeighbourGroup
from indicators.dfe.services import import_dfe_file
from indicators.models import Comparator
from tests import factories
from tests.indicators import dfe_oracle as oracle

pytestmark = pytest.mark.django_db


def mapped(filters, column, polarity="lower", **fields) -> DfeMapping:
    indicator = factories.indicator(unit="number", polarity=polarity, frequency="year", **fields)
    return DfeMapping.objects.create(
        indicator=indicator, publication="DfE publication", filters=filters, value_column=column
    )


def imported(mapping, name, la_code):
    import_dfe_file(oracle.path(name).read_bytes(), file_name=name, mappings=[mapping], la_code=la_code)
    return {(c.year, c.kind): c for c in Comparator.objects.filter(indicator=mapping.indicator)}


def assert_matches(comparators, want, year):
    assert comparators[(year, "england")].value == want["england"]
    assert comparators[(year, "region")].value == want["region"]
    assert comparators[(year, "council")].value == want["council"]
    neighbours = comparators[(year, "neighbours")]
    assert neighbours.neighbours_used == want["used"]
    assert abs(neighbours.value - want["mean"]) < Decimal("0.00005")


@pytest.mark.parametrize(
    ("la_code", "years"),
    [("315", [2021, 2023, 2025]), ("830", [2024]), ("888", [2022, 2025])],
)
def test_children_looked_after_rate_matches_the_raw_file(la_code, years):
    mapping = mapped(oracle.CLA_FILTER, "rate_per_10000", polarity="none")
    comparators = imported(mapping, oracle.CLA, la_code)
    for year in years:
        assert_matches(
            comparators, oracle.expected(oracle.CLA, oracle.CLA_FILTER, "rate_per_10000", la_code, year), year
        )


def test_neighbour_reorganised_away_is_left_out_of_the_average():
    want = oracle.expected(oracle.CLA, oracle.CLA_FILTER, "rate_per_10000", "942", 2022)
    assert "z" in want["raw_neighbours"]  # Westmorland and Furness did not exist before 2023
    comparators = imported(mapped(oracle.CLA_FILTER, "rate_per_10000"), oracle.CLA, "942")
    assert comparators[(2022, "neighbours")].neighbours_used == 9
    assert_matches(comparators, want, 2022)


@pytest.mark.parametrize(
    ("la_code", "year", "symbol"), [("202", 2024, "x"), ("202", 2025, "x"), ("370", 2025, "low")]
)
def test_agency_rate_with_a_suppressed_neighbour_matches_the_raw_file(la_code, year, symbol):
    want = oracle.expected(oracle.CSWW, {}, "agency_rate_fte", la_code, year)
    assert symbol in want["raw_neighbours"]
    comparators = imported(mapped({}, "agency_rate_fte"), oracle.CSWW, la_code)
    assert_matches(comparators, want, year)
    assert want["used"] < 10


@pytest.mark.parametrize(("la_code", "year"), [("315", 2013), ("315", 2020), ("340", 2025)])
def test_rereferrals_match_the_raw_file_including_years_before_the_first_model(la_code, year):
    filters = {"category": "Referrals and Re-referrals"}
    comparators = imported(mapped(filters, "rereferral_percent"), oracle.C1, la_code)
    assert_matches(
        comparators, oracle.expected(oracle.C1, filters, "rereferral_percent", la_code, year), year
    )


def test_suppressed_council_figure_is_kept_as_not_available_never_zero():
    comparators = imported(mapped({}, "agency_rate_fte"), oracle.CSWW, "207")
    council = comparators[(2024, "council")]
    assert council.value is None
    assert council.unavailable_reason == "Not available"
    assert comparators[(2024, "neighbours")].rank is None


def test_rank_among_neighbours_reads_through_polarity():
    want = oracle.expected(oracle.CSWW, {}, "agency_rate_fte", "315", 2025)
    others = [oracle.number(v) for v in want["raw_neighbours"]]
    others = [v for v in others if v is not None]
    lower = imported(mapped({}, "agency_rate_fte", polarity="lower"), oracle.CSWW, "315")[
        (2025, "neighbours")
    ]
    higher = imported(mapped({}, "agency_rate_fte", polarity="higher"), oracle.CSWW, "315")[
        (2025, "neighbours")
    ]
    assert lower.rank == 1 + sum(v < want["council"] for v in others)
    assert higher.rank == 1 + sum(v > want["council"] for v in others)
    assert lower.ranked == higher.ranked == len(others) + 1


@pytest.mark.parametrize(
    ("la_code", "region"), [("315", "Outer London"), ("202", "Inner London"), ("830", "East Midlands")]
)
def test_region_is_the_one_the_council_s_own_row_names_as_lait_shows_it(la_code, region):
    comparators = imported(mapped({}, "agency_rate_fte"), oracle.CSWW, la_code)
    for year in (2017, 2023, 2025):
        want = oracle.expected(oracle.CSWW, {}, "agency_rate_fte", la_code, year)
        assert want["region_name"] == region
        assert comparators[(year, "region")].place == region
        assert comparators[(year, "region")].value == want["region"]


def test_part_of_london_without_a_figure_for_the_measure_falls_back_to_london(tmp_path):
    text = oracle.path(oracle.CSWW).read_text(encoding="utf-8-sig")
    lines = text.splitlines()
    at = lines[0].split(",").index("agency_rate_fte")

    def blanked(line: str) -> str:
        cells = line.split(",")
        if cells[2] == "Regional" and cells[6] == "Outer London":
            cells[at] = "x"
        return ",".join(cells)

    mapping = mapped({}, "agency_rate_fte")
    import_dfe_file(
        "\n".join(map(blanked, lines)).encode(), file_name="csww.csv", mappings=[mapping], la_code="315"
    )
    region = Comparator.objects.get(indicator=mapping.indicator, year=2025, kind="region")
    want = oracle.expected(oracle.CSWW, {}, "agency_rate_fte", "202", 2025)  # Inner London is not blanked
    assert region.place == "London"
    assert region.value == next(
        Decimal(row["agency_rate_fte"])
        for row in oracle.rows(oracle.CSWW)
        if row["time_period"] == "2025"
        and row["geographic_level"] == "Regional"
        and row["region_name"] == "London"
    )
    assert want["region_name"] == "Inner London"


def test_neighbours_are_dfe_s_current_groupings_for_every_year():
    comparators = imported(mapped({}, "agency_rate_fte"), oracle.CSWW, "315")
    for year in (2017, 2020, 2023, 2025):
        assert comparators[(year, "neighbours")].neighbour_model == "DfE statistical neighbour model 2025"
        assert_matches(comparators, oracle.expected(oracle.CSWW, {}, "agency_rate_fte", "315", year), year)


def test_comparator_records_year_label_and_file():
    comparators = imported(mapped({}, "agency_rate_fte"), oracle.CSWW, "315")
    england = comparators[(2025, "england")]
    assert england.year_label == "2025"
    assert england.source_file == oracle.CSWW
    assert england.source == "DfE publication"


def test_the_council_comes_from_the_setting(settings):
    settings.COUNCIL_LA_CODE = "830"
    mapping = mapped(oracle.CLA_FILTER, "rate_per_10000")
    import_dfe_file(oracle.path(oracle.CLA).read_bytes(), file_name=oracle.CLA, mappings=[mapping])
    assert set(NeighbourGroup.objects.values_list("la_name", flat=True)) == {"Derbyshire"}


def test_model_recorded_for_a_year_is_kept_so_old_comparisons_stay_as_they_were():
    NeighbourGroup.objects.create(
        la_code="315",
        year=2025,
        model_name="An earlier model",
        source_file="earlier.csv",
        la_name="Merton",
        region_name="London",
        neighbours=[{"code": "319", "name": "Sutton", "closeness": "Close"}],
    )
    want = oracle.expected(oracle.CLA, oracle.CLA_FILTER, "rate_per_10000", "319", 2025)
    comparators = imported(mapped(oracle.CLA_FILTER, "rate_per_10000"), oracle.CLA, "315")
    neighbours = comparators[(2025, "neighbours")]
    assert neighbours.neighbour_model == "An earlier model"
    assert neighbours.neighbours_used == 1
    assert neighbours.value == want["council"]


def test_reimporting_the_same_file_changes_nothing():
    mapping = mapped(oracle.CLA_FILTER, "rate_per_10000")
    content = oracle.path(oracle.CLA).read_bytes()
    first = import_dfe_file(content, file_name=oracle.CLA, mappings=[mapping], la_code="315")
    history = Comparator.history.count()
    again = import_dfe_file(content, file_name=oracle.CLA, mappings=[mapping], la_code="315")
    assert first.created == 20
    assert (again.created, again.updated, again.unchanged) == (0, 0, 20)
    assert "nothing changed" in again.describe()
    assert Comparator.history.count() == history


def test_newer_file_updates_values_and_the_change_is_in_the_history():
    mapping = mapped(oracle.CLA_FILTER, "rate_per_10000")
    text = oracle.path(oracle.CLA).read_text(encoding="utf-8-sig")
    import_dfe_file(text.encode(), file_name=oracle.CLA, mappings=[mapping], la_code="315")
    old = "Merton,E09000024,Children looked after on 31 March each year,47199,145,31"
    assert old in text
    revised = text.replace(old, old[:-2] + "33")
    result = import_dfe_file(revised.encode(), file_name="cla_revised.csv", mappings=[mapping], la_code="315")
    council = Comparator.objects.get(indicator=mapping.indicator, year=2025, kind="council")
    assert council.value == 33
    assert result.updated >= 1
    records = list(council.history.order_by("history_date"))
    assert [record.value for record in records] == [31, 33]
    assert records[-1].history_change_reason == "Imported from cla_revised.csv"
    assert council.source_file == "cla_revised.csv"


def test_every_council_region_and_england_is_kept_as_the_raw_file_has_it():
    mapping = mapped(oracle.CLA_FILTER, "rate_per_10000")
    imported(mapping, oracle.CLA, "315")
    raw = [
        row
        for row in oracle.rows(oracle.CLA)
        if row["time_period"] == "2024" and row["population_type"] == oracle.CLA_FILTER["population_type"]
    ]
    kept = {(v.level, v.area_name): v for v in DfeValue.objects.filter(mapping=mapping, year=2024)}
    assert len(kept) == len(raw)
    for row in raw:
        name = row["la_name"] or row["region_name"] or "England"
        value = kept[(row["geographic_level"], name)]
        assert value.value == oracle.number(row["rate_per_10000"])
        if value.value is None:
            assert value.unavailable_reason
    authorities = [row for row in raw if row["geographic_level"] == "Local authority"]
    assert DfeValue.objects.filter(mapping=mapping, year=2024, level="Local authority").count() == len(
        authorities
    )
    assert len(authorities) > 140


def test_reimport_of_every_council_s_figures_writes_nothing_new():
    mapping = mapped(oracle.CLA_FILTER, "rate_per_10000")
    with oracle.path(oracle.CLA).open("rb") as handle:
        first = import_dfe_file(handle, file_name=oracle.CLA, mappings=[mapping], la_code="315")
    count = DfeValue.objects.count()
    with oracle.path(oracle.CLA).open("rb") as handle:
        again = import_dfe_file(handle, file_name=oracle.CLA, mappings=[mapping], la_code="315")
    assert first.values == again.values == count
    assert DfeValue.objects.count() == count
