"""Messy files: each refusal says why, and nothing at all is written."""

import pytest

from indicators.dfe.models import DfeMapping, NeighbourGroup
from indicators.dfe.services import import_dfe_file
from indicators.dfe.tidy import DfeFileError
from indicators.models import Comparator
from tests import factories
from tests.indicators import dfe_oracle as oracle

pytestmark = pytest.mark.django_db


@pytest.fixture
def cla_text() -> str:
    return oracle.path(oracle.CLA).read_text(encoding="utf-8-sig")


@pytest.fixture
def mapping():
    indicator = factories.indicator(unit="rate10k", polarity="none", frequency="year", reference="17")
    return DfeMapping.objects.create(
        indicator=indicator,
        publication="DfE: Children looked after in England",
        filters=oracle.CLA_FILTER,
        value_column="rate_per_10000",
    )


def without_column(text: str, column: str) -> str:
    lines = text.splitlines()
    position = lines[0].split(",").index(column)
    return "\n".join(",".join(c for i, c in enumerate(line.split(",")) if i != position) for line in lines)


def refused(content: str | bytes, mappings, match: str):
    raw = content.encode("utf-8") if isinstance(content, str) else content
    with pytest.raises(DfeFileError, match=match) as refusal:
        import_dfe_file(raw, file_name="messy.csv", mappings=mappings, la_code="315")
    assert Comparator.objects.count() == 0
    assert Comparator.history.count() == 0
    assert NeighbourGroup.objects.count() == 0
    return str(refusal.value)


def test_file_without_the_value_column_is_refused_naming_it(cla_text, mapping):
    refused(without_column(cla_text, "rate_per_10000"), [mapping], "lacks the columns rate_per_10000")


def test_file_without_a_common_column_is_refused_naming_it(cla_text, mapping):
    refused(without_column(cla_text, "old_la_code"), [mapping], "lacks the columns old_la_code")


def test_file_without_any_mapping_s_columns_is_refused_naming_what_each_needs(cla_text, mapping):
    message = refused(without_column(cla_text, "population_type"), None, "No mapping fits")
    assert "17 needs population_type" in message


def test_time_period_of_another_form_is_refused(cla_text, mapping):
    refused(cla_text.replace("\n2023,", "\n2023-24,", 1), [mapping], "'2023-24' is neither a year")


def test_value_that_is_neither_number_nor_symbol_is_refused(cla_text, mapping):
    old = "315,Merton,E09000024,Children looked after on 31 March each year,47199,145,31"
    refused(cla_text.replace(old, old[:-2] + "n/a"), [mapping], "'n/a' in rate_per_10000 is neither")


def test_filter_matching_no_row_is_refused_listing_the_values_found(cla_text, mapping):
    mapping.filters = {"population_type": "Children looked after at 31 March"}
    message = refused(
        cla_text, [mapping], "No row of the file has population_type = Children looked after at 31"
    )
    assert "Children starting to be looked after each year" in message


def test_mapping_that_selects_several_rows_a_year_is_refused_asking_for_a_filter(cla_text, mapping):
    mapping.filters = {}
    refused(cla_text, [mapping], "More than one row for England in 2025 .* add a filter on population_type")


@pytest.mark.parametrize("content", [b"", b"\xef\xbb\xbf\n\n"])
def test_empty_file_is_refused(content, mapping):
    refused(content, [mapping], "empty")


def test_one_bad_mapping_stops_the_whole_import(cla_text, mapping):
    other = DfeMapping.objects.create(
        indicator=factories.indicator(frequency="year"),
        publication="DfE",
        filters={},
        value_column="children_count",
    )
    refused(cla_text, [mapping, other], "Indicator .*: More than one row")


def test_council_missing_from_the_model_is_refused(cla_text, mapping):
    with pytest.raises(DfeFileError, match="LA code 999 is not in"):
        import_dfe_file(cla_text.encode(), file_name="cla.csv", mappings=[mapping], la_code="999")
    assert Comparator.objects.count() == NeighbourGroup.objects.count() == 0


def test_missing_data_folder_is_refused_naming_the_setting(cla_text, mapping, settings, tmp_path):
    settings.DFE_DATA_DIR = tmp_path / "absent"
    refused(cla_text, [mapping], "set DFE_DATA_DIR")


def test_byte_order_mark_trailing_spaces_and_crlf_still_import(cla_text, mapping):
    lines = cla_text.splitlines()
    lines[0] = lines[0].replace("rate_per_10000", "rate_per_10000 ")
    messy = "\ufeff" + "\r\n".join(line.replace(",", " ,") for line in lines) + "\r\n\r\n"
    import_dfe_file(messy.encode("utf-8"), file_name="messy.csv", mappings=[mapping], la_code="315")
    council = Comparator.objects.get(indicator=mapping.indicator, year=2025, kind="council")
    assert council.value == 31


def test_span_time_periods_are_labelled_as_years(cla_text, mapping):
    spans = cla_text
    for year in range(2021, 2026):
        spans = spans.replace(f"\n{year},", f"\n{year - 1}{year % 100},")
    import_dfe_file(spans.encode(), file_name="spans.csv", mappings=[mapping], la_code="315")
    labels = set(Comparator.objects.values_list("year", "year_label"))
    assert (2024, "2024/25") in labels
    assert (2020, "2020/21") in labels


def test_year_written_two_ways_is_refused_as_more_than_one_row(cla_text, mapping):
    england_2025 = cla_text.splitlines()[2]
    doubled = cla_text.rstrip("\n") + "\n" + england_2025.replace("2025,", "202324,", 1)
    refused(doubled, [mapping], "More than one row for England in 2023/24")


def test_unknown_geographic_levels_are_passed_over(cla_text, mapping):
    extra = (
        "\n2025,Reporting year,Local authority district,E92000001,England,,,,,,"
        "Children looked after on 31 March each year,1,1,1"
    )
    import_dfe_file((cla_text + extra).encode(), file_name="cla.csv", mappings=[mapping], la_code="315")
    assert Comparator.objects.filter(indicator=mapping.indicator).count() == 20
