"""The demo council's comparators come from DfE's real files."""

import logging

import pytest
from django.contrib.auth import get_user_model

from demo.council import build_demo_council
from indicators.charts import year_end_of
from indicators.models import Comparator, DfeMapping, DfeValue, Indicator, Outturn

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
