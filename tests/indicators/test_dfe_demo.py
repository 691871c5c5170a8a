"""The demo council's comparators come from DfE's real files."""

import logging

import pytest

from demo.council import build_demo_council
from indicators.models import Comparator, DfeMapping

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
