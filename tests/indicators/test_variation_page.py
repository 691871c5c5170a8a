"""The indicator page's variation chart, its icons and table, and significance against comparators."""

import json
from datetime import date

import pytest

from indicators.rules.periods import Period, PeriodKind
from tests import factories

pytestmark = pytest.mark.django_db

FIRST = Period(date(2023, 4, 1), PeriodKind.MONTH)
# Up and down about the average, then eight in a row above it: special cause at the end.
STEADY_THEN_HIGH = [
    48,
    53,
    47,
    52,
    49,
    54,
    46,
    53,
    50,
    53,
    47,
    52,
    48,
    53,
    49,
    53,
    55,
    54,
    56,
    55,
    54,
    56,
    55,
]


def monthly(values, **fields):
    indicator = factories.indicator(reference="12", title="Assessments in time", frequency="month", **fields)
    for offset, value in enumerate(values):
        factories.outturn(indicator, FIRST.shifted(offset), value)
    return indicator


def chart_data(page: str) -> dict:
    start = page.index('<script id="xmr-chart-data" type="application/json">') + len(
        '<script id="xmr-chart-data" type="application/json">'
    )
    return json.loads(json.loads(page[start : page.index("</script>", start)]))


def test_the_page_draws_points_mean_limits_and_target(client, alice):
    indicator = monthly(STEADY_THEN_HIGH)
    factories.target(indicator, 2024, value=30)
    client.force_login(alice)
    page = client.get("/indicators/12/").content.decode()
    names = {trace["name"] for trace in chart_data(page)["data"]}
    assert {"Mean", "Process limits", "Target", "Common cause variation"} <= names
    assert "Special cause variation: improvement" in names


def test_special_cause_points_differ_by_shape_as_well_as_colour(client, alice):
    monthly(STEADY_THEN_HIGH, polarity="lower")
    client.force_login(alice)
    traces = chart_data(client.get("/indicators/12/").content.decode())["data"]
    symbols = {trace["name"]: trace["marker"]["symbol"] for trace in traces if trace.get("mode") == "markers"}
    assert symbols["Common cause variation"] == "circle"
    assert symbols["Special cause variation: concern"] == "diamond"
    assert len(set(symbols.values())) == len(symbols)


def test_the_icons_and_the_rule_are_in_words(client, alice):
    indicator = monthly(STEADY_THEN_HIGH)
    factories.target(indicator, 2024, value=30)
    client.force_login(alice)
    page = client.get("/indicators/12/").content.decode()
    assert "Special cause improvement: higher" in page
    assert "Consistently passing the target" in page
    assert "7 points in a row above the average" in page


def test_the_table_gives_each_period_with_its_mean_and_limits(client, alice):
    monthly([30, 32, 31, 29], decimal_places=1)
    client.force_login(alice)
    page = client.get("/indicators/12/").content.decode()
    assert "The chart as a table" in page
    assert '<td class="govuk-table__cell govuk-table__cell--numeric" data-label="Mean">30.5%</td>' in page
    assert "Trial limits" in page


def test_every_chart_links_to_how_to_read_it(client, alice):
    monthly([30, 32, 31, 29])
    client.force_login(alice)
    page = client.get("/indicators/12/").content.decode()
    assert '<a class="govuk-link" href="/how-to-read-charts/">How to read these charts</a>' in page
    guide = client.get("/how-to-read-charts/").content.decode()
    for words in ("The mean and the process limits", "Trial limits", "When the limits are recalculated"):
        assert words in guide
    assert "Significance against England and the neighbours" in guide


def test_a_small_number_keeps_the_chart_from_the_public(client, public_access):
    monthly([30, 32, 3, 31], unit="count")
    page = client.get("/indicators/12/").content.decode()
    assert "Not shown: computed from a withheld small number." in page
    assert "xmr-chart-data" not in page


def test_an_officer_sees_the_chart_with_the_small_number(client, bob):
    monthly([30, 32, 3, 31], unit="count")
    client.force_login(bob)
    assert "xmr-chart-data" in client.get("/indicators/12/").content.decode()


def yearly_percentage(numerator, denominator, **fields):
    indicator = factories.indicator(reference="20", title="Reviews on time", frequency="year", **fields)
    factories.outturn(
        indicator, Period(date(2023, 4, 1), PeriodKind.YEAR), numerator=numerator, denominator=denominator
    )
    return indicator


def test_the_figure_is_worse_than_england_and_similar_to_the_neighbours(client, alice):
    indicator = yearly_percentage(50, 100)
    factories.comparator(indicator, 2023, "england", 65, year_label="2023/24")
    factories.comparator(indicator, 2023, "neighbours", 52, year_label="2023/24")
    client.force_login(alice)
    page = client.get("/indicators/20/").content.decode()
    assert "Worse than England (95%)" in page
    assert "Worse than England (99.8%)" in page
    assert "Similar to statistical neighbours (95%)" in page
    assert "Its 95% interval is 40.4% to 59.6%, its 99.8% interval 35.2% to 64.8%" in page


def test_comparators_for_another_year_are_not_compared(client, alice):
    indicator = yearly_percentage(50, 100)
    factories.comparator(indicator, 2021, "england", 65, year_label="2021/22")
    client.force_login(alice)
    page = client.get("/indicators/20/").content.decode()
    assert "Not compared: the council has no figure for the same period" in page


def test_a_figure_without_numerator_and_denominator_is_not_compared(client, alice):
    indicator = factories.indicator(reference="21", frequency="year")
    factories.outturn(indicator, Period(date(2023, 4, 1), PeriodKind.YEAR), 50)
    factories.comparator(indicator, 2023, "england", 65, year_label="2023/24")
    client.force_login(alice)
    page = client.get("/indicators/21/").content.decode()
    assert "Not compared: the figure has no numerator and denominator." in page


def test_a_count_is_compared_with_a_byar_interval(client, alice):
    indicator = factories.indicator(reference="22", frequency="year", unit="count", polarity="lower")
    factories.outturn(indicator, Period(date(2023, 4, 1), PeriodKind.YEAR), 100)
    factories.comparator(indicator, 2023, "england", 150, year_label="2023/24")
    client.force_login(alice)
    page = client.get("/indicators/22/").content.decode()
    assert "Better than England (95%)" in page


def test_a_withheld_small_number_is_not_compared_for_the_public(client, public_access):
    indicator = yearly_percentage(3, 10)
    factories.comparator(indicator, 2023, "england", 65, year_label="2023/24")
    page = client.get("/indicators/20/").content.decode()
    assert "Not compared: computed from a withheld small number." in page
    assert "interval is" not in page


def test_the_page_says_when_the_limits_of_each_baseline_are_held(client, alice):
    indicator = monthly(STEADY_THEN_HIGH, unit="percent", polarity="higher", spc_fix_after=12)
    client.force_login(alice)
    page = client.get(indicator.get_absolute_url()).content.decode()
    assert "worked out from its first 12 points and then held" in page
