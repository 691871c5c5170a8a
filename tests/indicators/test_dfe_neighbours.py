"""DfE's statistical neighbour models, read from the real files: pure, no database."""

from pathlib import Path

import pytest
from django.conf import settings

from indicators.dfe.neighbours import ModelFile, model_in_force, read_model, region_key
from indicators.dfe.tidy import DfeFileError


def model(name: str):
    return read_model((Path(settings.DFE_DATA_DIR) / name).read_bytes())


def test_2025_model_gives_mertons_region_and_ten_neighbours_closest_first():
    merton = model("sn_model_2025_wide.csv")["315"]
    assert merton.la_name == "Merton"
    assert merton.region_name == "London"
    assert merton.codes == ["319", "314", "870", "302", "826", "822", "306", "919", "310", "873"]
    assert merton.neighbours[0].name == "Sutton"
    assert merton.neighbours[1].closeness == "Close"


def test_2021_model_with_repeated_column_names_is_read_by_position():
    merton = model("New_Statistical_Neighbour_Groupings_April_2021.csv")["315"]
    assert merton.region_name == "London (Outer)"
    assert merton.codes == ["302", "307", "870", "314", "319", "317", "312", "212", "313", "308"]
    assert merton.neighbours[-1].closeness == "Somewhat close"


def test_2021_model_keeps_authorities_reorganised_since():
    groupings = model("New_Statistical_Neighbour_Groupings_April_2021.csv")
    assert groupings["836"].la_name == "Poole (Pre LG)"
    assert "" not in groupings


def test_file_of_another_layout_is_refused():
    with pytest.raises(DfeFileError, match="not a DfE statistical neighbour model"):
        read_model("code,name\n315,Merton\n")


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("London (Outer)", "outer london"),
        ("Outer  London", "outer london"),
        ("London (Inner)", "inner london"),
        ("London", "london"),
        ("Yorkshire and the Humber", "yorkshire and the humber"),
    ],
)
def test_region_names_agree_across_files(name, key):
    assert region_key(name) == key


MODELS = [ModelFile("a.csv", "April 2021", 2021), ModelFile("b.csv", "2025", 2025)]


@pytest.mark.parametrize(
    ("year", "expected"),
    [(2013, "April 2021"), (2021, "April 2021"), (2024, "April 2021"), (2025, "2025"), (2030, "2025")],
)
def test_model_in_force_is_the_newest_by_that_year_or_else_the_first(year, expected):
    assert model_in_force(year, MODELS).name == expected
