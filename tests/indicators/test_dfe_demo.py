"""The demo council's comparators come from DfE's real files."""

import logging

import pytest
from django.contrib.auth import get_user_model

from demo.council import banding_polarity_for, build_demo_council, load_spec
from indicators.charts import year_end_of
from indicators.dfe.models import DfeMapping, DfeValue
from indicators.models import Comparator, Indicator, Outturn
from indicators.rules.terms import Polarity

User = get_user_model()

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


def test_demo_council_maps_its_dfe_indicators_and_imports_their_comparators():
    counts = build_demo_council()
    assert set(DfeMapping.objects.values_list("indicator__reference", flat=True)) == {
        "5",
        "17",
        "38",
        "39",
        "40",
    }
    assert counts["comparators"] == Comparator.objects.count() > 0
    merton_2025 = Comparator.objects.get(indicator__reference="17", year=2025, kind="council")
    assert merton_2025.value == 31
    assert merton_2025.place == "Merton"


def test_demo_council_loads_without_comparators_when_the_files_are_missing(settings, tmp_path, caplog):
    settings.DFE_DATA_DIR = tmp_path / "absent"
    with caplog.at_level(logging.WARNING):
        counts = build_demo_council()
    assert counts["comparators"] == 0
    assert DfeMapping.objects.count() == 5
    assert "the demo council has no comparators" in caplog.text


def test_demo_year_end_figures_are_dfe_s_published_figures_for_the_council_and_definitions_dfe_s():
    build_demo_council()
    checked = 0
    for mapping in DfeMapping.objects.select_related("indicator"):
        published = DfeValue.objects.filter(
            mapping=mapping, level="Local authority", area_code="315", value__isnull=False
        )
        for value in published:
            year_end = year_end_of(value.year, value.year_label)
            outturn = Outturn.objects.filter(indicator=mapping.indicator, period__end=year_end).first()
            if outturn is None:
                continue  # before the demo's first year or after its last
            assert outturn.value == value.value, (mapping.indicator.reference, value.year_label)
            checked += 1
    assert checked >= 20
    assert "DfE LAIT measure" in Indicator.objects.get(reference="38").definition
    assert "within 12 months of a previous referral" in Indicator.objects.get(reference="5").definition
    assert not Indicator.objects.filter(reference="1", definition__contains="DfE LAIT").exists()


def test_demo_indicator_page_has_no_warning_that_dfe_and_the_index_disagree(client):
    build_demo_council()
    client.force_login(User.objects.get(username="member"))
    for reference in ("5", "17", "38", "39", "40"):
        page = client.get(Indicator.objects.get(reference=reference).get_absolute_url()).content.decode()
        assert 'id="benchmarking"' in page, reference
        assert 'id="benchmark-differs"' not in page, reference


def test_a_range_or_no_polarity_takes_the_polarity_dfe_s_catalogue_gives_its_measure():
    polarities = {"PrevRegCPR": Polarity.LOWER_IS_BETTER, "LAC": Polarity.NONE}
    assert banding_polarity_for({"polarity": "range", "dfe_measure": "PrevRegCPR"}, polarities) == "lower"
    assert banding_polarity_for({"polarity": "none", "dfe_measure": "LAC"}, polarities) == ""
    assert banding_polarity_for({"polarity": "higher", "dfe_measure": "PrevRegCPR"}, polarities) == ""
    assert banding_polarity_for({"polarity": "range", "dfe_measure": "Unknown"}, polarities) == ""


def test_demo_s_looked_after_rate_has_no_band_as_dfe_s_catalogue_gives_it_no_polarity(client):
    build_demo_council()
    assert DfeMapping.objects.get(indicator__reference="17").banding_polarity == ""
    assert set(DfeMapping.objects.values_list("banding_polarity", flat=True)) == {""}
    client.force_login(User.objects.get(username="member"))
    page = client.get(Indicator.objects.get(reference="17").get_absolute_url()).content.decode()
    assert "No band: councils are banded only where higher or lower is better." in page


def test_a_range_the_demo_maps_is_banded_by_dfe_s_catalogue_polarity_and_the_page_says_so(client):
    spec = load_spec()
    for item in spec["indicators"]:
        if item["ref"] == "11":  # repeat child protection plans, 12-20%: DfE's catalogue says lower
            item["dfe_comparator"] = "rereferrals"  # a file at hand stands in for DfE's own
    build_demo_council(spec)
    mapping = DfeMapping.objects.get(indicator__reference="11")
    assert mapping.banding_polarity == "lower"
    client.force_login(User.objects.get(username="member"))
    page = " ".join(client.get(mapping.indicator.get_absolute_url()).content.decode().split())
    assert 'id="benchmark-banding-polarity"' in page
    assert "Banded and ranked lower is better, the polarity DfE's catalogue gives the measure" in page
    assert 'id="benchmark-bands"' in page
