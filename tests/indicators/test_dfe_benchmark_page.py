"""The indicator page benchmarks the council against every council, its neighbours, region and England."""

import csv
import io
import json
import re
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from indicators.dfe.models import DfeMapping
from indicators.dfe.services import import_dfe_file
from tests import factories
from tests.indicators import dfe_oracle as oracle
from tests.test_one_line import words

pytestmark = pytest.mark.django_db


def agency_rate(*, polarity="lower", outturn=None):
    indicator = factories.agency_rate(polarity=polarity, frequency="quarter")
    if outturn is not None:
        factories.outturn(indicator, date(2025, 1, 1), outturn)  # the quarter ending 31 March 2025
    return indicator


def page_of(client, user, indicator) -> str:
    client.force_login(user)
    response = client.get(indicator.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def charts_of(page: str) -> dict:
    start = page.index('id="benchmark-chart-data"')
    return json.loads(json.loads(page[page.index(">", start) + 1 : page.index("</script>", start)]))


def test_page_shows_band_national_rank_and_how_many_councils(client, alice):
    want = oracle.national(oracle.CSWW, {}, "agency_rate_fte", "315", 2025, "lower")
    page = page_of(client, alice, agency_rate())
    assert f"Band {want['band']}</strong>" in page
    assert f"{want['rank']} of {want['ranked']} councils in 2025" in page


def test_page_shows_neighbours_mean_and_median_their_count_model_and_names(client, alice):
    want = oracle.expected(oracle.CSWW, {}, "agency_rate_fte", "315", 2025)
    page = page_of(client, alice, agency_rate())
    assert f"Mean {want['mean']:.1f}%" in page
    assert f"median {want['median']:.1f}%" in page
    assert f"the {want['used']} of 10 neighbours with a figure" in page
    assert "DfE statistical neighbour model 2025" in page
    for name in oracle.neighbour_names("315", 2025):
        assert name in page


def test_benchmark_table_lists_the_council_each_neighbour_region_and_england(client, alice):
    page = page_of(client, alice, agency_rate())
    table = page[page.index('id="benchmark"') :]
    table = table[: table.index("</table>")]
    assert "This council (DfE's figure)" in table
    assert table.count(">Neighbour") == 10
    assert "London" in table
    assert "England" in table


def test_rank_among_neighbours_places_dfe_s_figure_whatever_the_index_shows_and_says_so(client, alice):
    want = oracle.expected(oracle.CSWW, {}, "agency_rate_fte", "315", 2025)
    others = [oracle.number(v) for v in want["raw_neighbours"]]
    others = [v for v in others if v is not None]
    rank = 1 + sum(v < want["council"] for v in others)
    for outturn in (None, 0.5):
        page = " ".join(page_of(client, alice, agency_rate(outturn=outturn)).split())
        assert f"{rank} of {len(others) + 1}, 1 being best, placing DfE's figure for Merton " in page
        assert f"({want['council']:.1f}%, 2025) among the neighbours' DfE figures" in page


def test_warning_when_dfe_and_the_index_differ_by_more_than_rounding(client, alice):
    want = oracle.expected(oracle.CSWW, {}, "agency_rate_fte", "315", 2025)
    page = page_of(client, alice, agency_rate(outturn=want["council"] + 5))
    assert 'id="benchmark-differs"' in page
    page = page_of(client, alice, agency_rate(outturn=want["council"] + Decimal("0.04")))
    assert 'id="benchmark-differs"' not in page


def test_no_band_without_polarity(client, alice):
    page = page_of(client, alice, agency_rate(polarity="none"))
    assert "No band: councils are banded only where higher or lower is better." in page
    assert "councils in 2025" not in page


def test_indicator_without_dfe_figures_has_no_benchmark(client, alice):
    indicator = factories.indicator()
    assert 'id="benchmarking"' not in page_of(client, alice, indicator)


def test_chart_names_every_bar_and_marks_the_council_by_more_than_colour(client, alice):
    page = page_of(client, alice, agency_rate())
    assert 'id="benchmark-chart"' in page
    assert "benchmark-chart.js" in page
    figure = charts_of(page)["latest"]
    [bars] = figure["data"]
    assert "<b>Merton (this council)</b>" in bars["y"]
    assert sum("(neighbour)" in name for name in bars["y"]) == 10
    assert "/" in bars["marker"]["pattern"]["shape"]
    assert all(text for text in bars["text"])
    annotations = [annotation["text"] for annotation in figure["layout"]["annotations"]]
    assert any(text.startswith("Neighbours' mean") for text in annotations)
    assert any(text.startswith("median") for text in annotations)


def test_neighbour_published_only_jointly_with_another_says_so(client, alice):
    page = page_of(client, alice, agency_rate())
    table = page[page.index('id="benchmark"') :]
    assert "Published jointly as Kingston upon Thames / Richmond upon Thames" in table


def test_dfe_s_figure_and_the_index_s_for_the_same_year_are_side_by_side(client, alice):
    want = oracle.expected(oracle.CSWW, {}, "agency_rate_fte", "315", 2025)
    page = page_of(client, alice, agency_rate(outturn=want["council"]))
    figures = page[page.index('id="benchmark-figures"') :]
    figures = figures[: figures.index("</dd>")]
    assert f"DfE publishes {want['council']:.1f}% for Merton in 2025" in " ".join(figures.split())
    assert f"the index shows {want['council']:.1f}% for Q4 2024/25" in " ".join(figures.split())


def test_a_small_number_withheld_from_the_reader_is_neither_shown_nor_ranked(client, alice, bob):
    indicator = factories.small_count_mapped_to_dfe()
    member_page = " ".join(page_of(client, alice, indicator).split())
    assert "the index has no figure a reader may see" in member_page
    assert "placing DfE's figure for Merton" in member_page
    officer_page = " ".join(page_of(client, bob, indicator).split())
    assert "the index shows 3 for Q4 2024/25" in officer_page


def years_table(page: str) -> dict[str, str]:
    """The table over time, each year's row as a reader reads it."""
    table = page[page.index('id="benchmark-years"') :]
    table = table[: table.index("</table>")]
    rows = re.findall(r"<tr class=\"govuk-table__row\">(.*?)</tr>", table, re.S)[1:]
    return {words(row).split()[0]: words(row) for row in rows}


def test_table_over_time_gives_every_year_held_as_dfe_s_file_has_it(client, alice):
    page = page_of(client, alice, agency_rate())
    rows = years_table(page)
    assert list(rows) == [str(year) for year in range(2017, 2026)]
    for year in (2019, 2024, 2025):  # the 2021 model, then the 2025 model
        want = oracle.expected(oracle.CSWW, {}, "agency_rate_fte", "315", year)
        assert rows[str(year)].startswith(f"{year} {want['council']:.1f}% No figure shown"), rows[str(year)]
        assert f"{want['mean']:.1f}% {want['used']} of 10 neighbours {want['median']:.1f}%" in rows[str(year)]
        assert rows[str(year)].endswith(f"{want['region']:.1f}% {want['england']:.1f}%")
    assert "Neighbours' median</th>" in page


def test_chart_over_time_marks_each_line_by_more_than_colour(client, alice):
    page = page_of(client, alice, agency_rate(outturn=10))
    assert 'id="benchmark-over-time-chart"' in page
    lines = charts_of(page)["over_time"]["data"]
    names = [line["name"] for line in lines]
    assert names == [
        "Merton (DfE's figure)",
        "The index's year-end figure",
        "Neighbours' mean",
        "Neighbours' median",
        "Outer London (region)",
        "England",
    ]
    assert len({line["marker"]["symbol"] for line in lines}) == len(lines)
    assert len({line["line"]["dash"] for line in lines}) == len(lines)
    assert charts_of(page)["over_time"]["layout"]["showlegend"]  # names beside a marker and dash
    england = lines[-1]
    want = oracle.expected(oracle.CSWW, {}, "agency_rate_fte", "315", 2025)
    assert england["text"][-1] == f"{want['england']:.1f}%"
    years = len(years_table(page))
    assert all(len(line["y"]) == years for line in lines)


def cla_count():
    indicator = factories.indicator(unit="count", polarity="lower", frequency="year", title="Looked after")
    mapping = DfeMapping.objects.create(
        indicator=indicator,
        publication="DfE: Children looked after in England",
        filters=oracle.CLA_FILTER,
        value_column="children_count",
    )
    import_dfe_file(
        oracle.path(oracle.CLA).read_bytes(), file_name=oracle.CLA, mappings=[mapping], la_code="315"
    )
    return indicator


def test_for_a_count_the_neighbours_figure_is_their_sum_and_the_page_says_so(client, alice):
    page = page_of(client, alice, cla_count())
    want = oracle.expected(oracle.CLA, oracle.CLA_FILTER, "children_count", "315", 2025)
    codes, _ = oracle.neighbours_of("315", 2025)
    by_code = {
        row["old_la_code"]: oracle.number(row["children_count"])
        for row in oracle.rows(oracle.CLA)
        if row["time_period"] == "2025"
        and row["geographic_level"] == "Local authority"
        and row["population_type"] == oracle.CLA_FILTER["population_type"]
    }
    total = sum(by_code[code] for code in codes if by_code.get(code) is not None)
    summary = " ".join(page[page.index('id="benchmark-summary"') :].split())
    assert f"and sum {total:,.0f} (as DfE's children's social care dashboard shows a count" in summary
    assert f"of the {want['used']} of 10 neighbours with a figure" in summary
    assert "Neighbours' sum</th>" in page
    assert f"{want['used']} of 10 neighbours {total:,.0f}" in years_table(page)["2025"]
    assert "Neighbours' sum" in [line["name"] for line in charts_of(page)["over_time"]["data"]]
    annotations = [a["text"] for a in charts_of(page)["latest"]["layout"]["annotations"]]
    assert not any(text.startswith("median") for text in annotations)


def test_for_a_rate_the_neighbours_figure_is_their_median_and_the_page_says_so(client, alice):
    page = " ".join(page_of(client, alice, agency_rate()).split())
    assert (
        "(as DfE's children's social care dashboard shows a rate or percentage: the middle neighbour)" in page
    )


def test_neighbours_are_dfe_s_current_groupings_for_every_year_and_the_page_says_so(client, alice):
    page = page_of(client, alice, agency_rate())
    rows = years_table(page)
    for year in (2017, 2020, 2023, 2025):
        want = oracle.expected(oracle.CSWW, {}, "agency_rate_fte", "315", year)
        assert f"{want['mean']:.1f}% {want['used']} of 10 neighbours {want['median']:.1f}%" in rows[str(year)]
    caption = " ".join(page[page.index('id="benchmark-years"') :].split())
    assert (
        "The neighbours are DfE's current groupings (DfE statistical neighbour model 2025) for every year"
        in (caption)
    )
    assert "?neighbours=at-the-time#benchmarking" in page


def test_groupings_in_force_at_the_time_are_a_choice_the_page_names(client, alice):
    indicator = agency_rate()
    client.force_login(alice)
    page = client.get(indicator.get_absolute_url(), {"neighbours": "at-the-time"}).content.decode()
    rows = years_table(page)
    for year in (2017, 2020, 2023, 2025):
        want = oracle.expected(oracle.CSWW, {}, "agency_rate_fte", "315", year, at_the_time=True)
        assert f"{want['mean']:.1f}% {want['used']} of 10 neighbours {want['median']:.1f}%" in rows[str(year)]
    caption = " ".join(words(page[page.index('id="benchmark-years"') :]).split())
    assert (
        "The neighbours are the groupings in force at the time: DfE statistical neighbours, April 2021 for "
        "2017 to 2020 (the earliest model held, as DfE's for those years is not); DfE statistical "
        "neighbours, April 2021 for 2021 to 2024; DfE statistical neighbour model 2025 for 2025."
    ) in caption
    assert "?neighbours=current#benchmarking" in page
    current = oracle.expected(oracle.CSWW, {}, "agency_rate_fte", "315", 2023)
    at_the_time = oracle.expected(oracle.CSWW, {}, "agency_rate_fte", "315", 2023, at_the_time=True)
    assert current["mean"] != at_the_time["mean"]


def test_region_is_the_one_merton_s_own_row_names(client, alice):
    page = page_of(client, alice, agency_rate())
    want = oracle.expected(oracle.CSWW, {}, "agency_rate_fte", "315", 2025)
    table = words(page[page.index('id="benchmark"') : page.index("</table>", page.index('id="benchmark"'))])
    assert f"Outer London Region {want['region']:.1f}%" in table


def neighbour_rank_of_dfe_s_figure(la_code: str, year: int) -> tuple[int, int]:
    want = oracle.expected(oracle.CSWW, {}, "agency_rate_fte", la_code, year)
    others = [v for v in map(oracle.number, want["raw_neighbours"]) if v is not None]
    return 1 + sum(v < want["council"] for v in others), len(others) + 1


def test_one_rank_among_neighbours_on_the_index_the_page_and_open_data_labelled_with_its_figure(
    client, alice
):
    indicator = agency_rate(outturn=0.5)  # the index's own figure would rank first
    rank, ranked = neighbour_rank_of_dfe_s_figure("315", 2025)
    assert rank != 1
    client.force_login(alice)

    index = words(client.get("/").content.decode())
    page = words(page_of(client, alice, indicator))
    rows = list(csv.DictReader(io.StringIO(client.get(reverse("indicators:index_csv")).content.decode())))

    assert f"Rank {rank} of {ranked} by the published figure" in index
    assert f"{rank} of {ranked}, 1 being best, placing DfE's figure for Merton" in page
    [latest] = [
        row for row in rows if row["reference"] == indicator.reference and row["is_latest_period"] == "yes"
    ]
    assert (latest["neighbours_rank"], latest["neighbours_ranked"]) == (str(rank), str(ranked))


def test_open_data_gives_band_national_rank_how_many_were_ranked_and_the_year(client, alice):
    indicator = agency_rate(outturn=12)
    want = oracle.national(oracle.CSWW, {}, "agency_rate_fte", "315", 2025, "lower")
    client.force_login(alice)
    rows = list(csv.DictReader(io.StringIO(client.get(reverse("indicators:index_csv")).content.decode())))
    [latest] = [
        row for row in rows if row["reference"] == indicator.reference and row["is_latest_period"] == "yes"
    ]
    assert (latest["band"], latest["national_rank"], latest["national_ranked"], latest["band_year"]) == (
        want["band"],
        str(want["rank"]),
        str(want["ranked"]),
        "2025",
    )


def test_band_and_national_rank_for_every_year_match_the_raw_file(client, alice):
    page = page_of(client, alice, agency_rate())
    table = page[page.index('id="benchmark-bands"') :]
    rows = {
        words(row).split()[0]: words(row)
        for row in re.findall(
            r"<tr class=\"govuk-table__row\">(.*?)</tr>", table[: table.index("</table>")], re.S
        )[1:]
    }
    assert list(rows) == [str(year) for year in range(2017, 2026)]
    for year in range(2017, 2026):
        want = oracle.national(oracle.CSWW, {}, "agency_rate_fte", "315", year, "lower")
        assert rows[str(year)] == f"{year} {want['band']} {want['rank']} of {want['ranked']}"


def test_a_range_is_banded_through_the_polarity_dfe_s_catalogue_gives_and_the_page_says_so(client, alice):
    indicator = factories.indicator(unit="percent", polarity="range", frequency="year", decimal_places=1)
    mapping = DfeMapping.objects.create(
        indicator=indicator,
        publication="DfE: Children's social work workforce",
        filters={},
        value_column="agency_rate_fte",
        banding_polarity="lower",
    )
    import_dfe_file(
        oracle.path(oracle.CSWW).read_bytes(), file_name=oracle.CSWW, mappings=[mapping], la_code="315"
    )
    want = oracle.national(oracle.CSWW, {}, "agency_rate_fte", "315", 2025, "lower")
    page = words(page_of(client, alice, indicator))
    assert f"Band {want['band']}" in page
    assert f"{want['rank']} of {want['ranked']} councils in 2025" in page
    assert (
        "Banded and ranked lower is better, the polarity DfE's catalogue gives the measure, as this "
        "indicator's own polarity is within a range."
    ) in page


def test_a_range_without_dfe_s_catalogue_polarity_is_not_banded(client, alice):
    indicator = factories.indicator(unit="percent", polarity="range", frequency="year")
    mapping = DfeMapping.objects.create(
        indicator=indicator, publication="DfE", filters={}, value_column="agency_rate_fte"
    )
    import_dfe_file(
        oracle.path(oracle.CSWW).read_bytes(), file_name=oracle.CSWW, mappings=[mapping], la_code="315"
    )
    assert "No band: councils are banded only where higher or lower is better" in words(
        page_of(client, alice, indicator)
    )
