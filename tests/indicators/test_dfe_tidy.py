"""Reading DfE's tidy files: pure, no database."""

from decimal import Decimal

import pytest

from indicators.dfe.tidy import SYMBOLS, DfeFileError, parse_time_period, parse_value, read_tidy

HEADER = "time_period,time_identifier,geographic_level,region_name,old_la_code,la_name,rate"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("2025", (2025, "2025")), ("201920", (2019, "2019/20")), (" 199900 ", (1999, "1999/00"))],
)
def test_time_period_is_a_year_or_a_span_of_two(raw, expected):
    assert parse_time_period(raw) == expected


@pytest.mark.parametrize("raw", ["2025/26", "201921", "25", "", "twenty"])
def test_time_period_that_is_neither_is_refused_by_name(raw):
    with pytest.raises(DfeFileError, match="neither a year"):
        parse_time_period(raw)


@pytest.mark.parametrize("symbol", sorted(SYMBOLS))
def test_symbol_is_not_available_with_its_meaning_never_zero(symbol):
    reading = parse_value(symbol)
    assert reading.value is None
    assert reading.reason == SYMBOLS[symbol]


def test_suppressed_figure_says_it_protects_confidentiality():
    assert "confidentiality" in parse_value("c").reason


def test_number_is_read_exactly():
    assert parse_value(" 1,234.5 ").value == Decimal("1234.5")


def test_empty_cell_is_no_figure_published():
    assert parse_value("").reason == "No figure published"


@pytest.mark.parametrize("raw", ["n/a", "NaN", "inf", "12%"])
def test_value_that_is_neither_number_nor_symbol_is_refused_naming_column(raw):
    with pytest.raises(DfeFileError, match="in rate"):
        parse_value(raw, column="rate")


def test_byte_order_mark_trailing_spaces_and_blank_lines_are_ignored():
    content = (
        "\ufeff" + HEADER.replace(",rate", ",rate ") + "\n\n2025 ,Reporting year,National, , ,,67 \n,,,\n"
    )
    tidy = read_tidy(content.encode("utf-8"))
    assert "time_period" in tidy.columns
    assert "rate" in tidy.columns
    assert tidy.rows == [
        {
            "time_period": "2025",
            "time_identifier": "Reporting year",
            "geographic_level": "National",
            "region_name": "",
            "old_la_code": "",
            "la_name": "",
            "rate": "67",
        }
    ]


def test_file_without_the_common_columns_is_refused_naming_them():
    with pytest.raises(DfeFileError, match="lacks the columns geographic_level, old_la_code"):
        read_tidy(b"time_period,region_name,la_name,rate\n2025,,,1\n")


@pytest.mark.parametrize(("content", "message"), [(b"", "empty"), (HEADER.encode(), "no rows")])
def test_empty_file_is_refused(content, message):
    with pytest.raises(DfeFileError, match=message):
        read_tidy(content)


def test_row_with_fewer_values_than_the_header_is_refused_naming_the_line():
    content = (
        "time_period,time_identifier,geographic_level,region_name,old_la_code,new_la_code,la_name,rate\n"
        "2025,Reporting year,National,,,,,67\n"
        "2025,Reporting year,Local authority\n"
    )
    with pytest.raises(DfeFileError, match="Line 3 has 3 values where the header names 8 columns"):
        read_tidy(content)
