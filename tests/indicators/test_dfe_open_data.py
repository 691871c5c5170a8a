"""DfE's figures by year as open data: one row per indicator and year, as the indicator page gives them."""

import csv
import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from demo.council import build_demo_council
from indicators.dfe import opendata
from indicators.dfe.models import DfeMapping
from indicators.models import Indicator
from tests import factories
from tests.indicators import dfe_oracle as oracle
from tests.test_one_line import words

pytestmark = pytest.mark.django_db


def agency_rate(**fields):
    return factories.agency_rate(frequency="quarter", **fields)


def file_rows(client, user) -> list[dict[str, str]]:
    client.force_login(user)
    response = client.get(reverse("indicators:benchmarking_csv"))
    assert response.status_code == 200
    return list(csv.DictReader(io.StringIO(response.content.decode())))


def rows_of(rows: list[dict[str, str]], indicator: Indicator) -> dict[str, dict[str, str]]:
    return {row["year"]: row for row in rows if row["reference"] == indicator.reference}


def bands_table(page: str) -> dict[str, str]:
    """The page's band and national rank by year, each year's row as a reader reads it."""
    table = page[page.index('id="benchmark-bands"') :]
    table = table[: table.index("</table>")]
    rows = re.findall(r"<tr class=\"govuk-table__row\">(.*?)</tr>", table, re.S)[1:]
    return {words(row).split()[0]: words(row) for row in rows}


def test_every_year_s_band_and_national_rank_match_the_raw_file(client, alice):
    indicator = agency_rate()
    rows = rows_of(file_rows(client, alice), indicator)
    assert list(rows) == [str(year) for year in range(2017, 2026)]
    for year in range(2017, 2026):
        want = oracle.national(oracle.CSWW, {}, "agency_rate_fte", "315", year, "lower")
        row = rows[str(year)]
        assert (row["band"], row["national_rank"], row["national_ranked"]) == (
            want["band"],
            str(want["rank"]),
            str(want["ranked"]),
        )


def test_the_latest_year_gives_the_figures_and_neighbour_rank_the_page_gives(client, alice):
    indicator = agency_rate()
    want = oracle.expected(oracle.CSWW, {}, "agency_rate_fte", "315", 2025)
    others = [v for v in map(oracle.number, want["raw_neighbours"]) if v is not None]
    row = rows_of(file_rows(client, alice), indicator)["2025"]
    assert row["council"] == f"{want['council']:.1f}"
    assert row["neighbours_mean"] == f"{want['mean']:.1f}"
    assert row["neighbours_median"] == f"{want['median']:.1f}"
    assert row["neighbours_with_figure"] == str(want["used"])
    assert row["neighbour_groupings"] == "DfE statistical neighbour model 2025"
    assert (row["neighbours_rank"], row["neighbours_ranked"]) == (
        str(1 + sum(v < want["council"] for v in others)),
        str(len(others) + 1),
    )
    assert row["region_name"] == "Outer London"


def test_a_year_the_index_withholds_from_a_member_withholds_dfe_s_figure_band_and_ranks(client, alice, bob):
    indicator = factories.small_count_mapped_to_dfe()

    member = rows_of(file_rows(client, alice), indicator)
    for column in opendata.PLACING:
        assert member["2025"][column] == "c", column
    assert member["2025"]["england"] not in ("c", "x")
    assert member["2024"]["council"] not in ("c", "x")

    officer = rows_of(file_rows(client, bob), indicator)
    assert officer["2025"]["council"] not in ("c", "x")
    assert officer["2025"]["national_rank"] != "c"


def test_a_restricted_indicator_is_left_out_for_a_reader_without_permission(client, alice, bob):
    indicator = agency_rate(is_restricted=True)
    assert rows_of(file_rows(client, alice), indicator) == {}
    assert rows_of(file_rows(client, bob), indicator)
    response = client.get(reverse("indicators:benchmarking_csv"))
    assert response["Content-Disposition"].endswith('-restricted.csv"')


def test_formula_like_text_is_written_as_text(client, alice):
    agency_rate(title='=HYPERLINK("http://example.com","Agency")')
    [row] = {row["title"] for row in file_rows(client, alice)}
    assert row == '\'=HYPERLINK("http://example.com","Agency")'


def test_json_rows_have_the_csv_s_columns_and_the_open_data_page_documents_them(client, alice):
    indicator = agency_rate()
    client.force_login(alice)
    document = client.get(reverse("indicators:benchmarking_json")).json()
    assert document["metadata"]["columns"] == list(opendata.COLUMN_NAMES)
    assert document["metadata"]["codes"]["c"]
    assert all(list(row) == list(opendata.COLUMN_NAMES) for row in document["rows"])
    csv_rows = rows_of(file_rows(client, alice), indicator)
    assert {row["year"]: row for row in document["rows"]} == csv_rows

    page = client.get(reverse("indicators:open_data")).content.decode()
    assert reverse("indicators:benchmarking_csv") in page
    for name in opendata.COLUMN_NAMES:
        assert f"<code>{name}</code>" in page


def test_the_indicator_page_links_to_the_file(client, alice):
    indicator = agency_rate()
    client.force_login(alice)
    page = client.get(indicator.get_absolute_url()).content.decode()
    assert reverse("indicators:benchmarking_csv") in page
    assert reverse("indicators:benchmarking_json") in page


@pytest.mark.slow
def test_the_demo_s_file_agrees_with_each_indicator_page_s_band_by_year_table(client):
    build_demo_council()
    member = get_user_model().objects.get(username="member")
    rows = file_rows(client, member)
    compared = 0
    for mapping in DfeMapping.objects.select_related("indicator"):
        indicator = mapping.indicator
        page = client.get(indicator.get_absolute_url()).content.decode()
        by_year = rows_of(rows, indicator)
        if 'id="benchmark-bands"' not in page:
            assert {row["band"] for row in by_year.values()} <= {"z"}, indicator.reference
            continue
        for label, shown in bands_table(page).items():
            row = by_year[label]
            if row["band"] == "c":
                continue
            band = "None" if row["band"] == "z" else row["band"]
            rank = (
                "Not ranked"
                if row["national_rank"] == "z"
                else f"{row['national_rank']} of {row['national_ranked']}"
            )
            assert shown == f"{label} {band} {rank}", indicator.reference
            compared += 1
    assert compared >= 20
