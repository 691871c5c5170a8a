import json
from datetime import date
from decimal import Decimal

from indicators.charts import Series, TrendData, trend_chart_json, year_end_of


def test_comparators_sit_on_the_same_time_axis_as_the_figures():
    data = TrendData(
        title="Children looked after per 10,000",
        unit_label="Rate per 10,000 children",
        dates=[date(2024, 3, 31), date(2025, 3, 31)],
        labels=["Mar 2024", "Mar 2025"],
        values=[Decimal(31), Decimal(32)],
        comparators={"england": Series([date(2025, 3, 31)], ["2025"], [Decimal(67)])},
    )
    figure = json.loads(trend_chart_json(data))
    outturn, england = figure["data"]
    assert outturn["x"][-1] == england["x"][0] == "2025-03-31"
    assert figure["layout"]["xaxis"]["type"] == "date"


def test_range_target_is_drawn_as_a_band():
    data = TrendData(
        title="Repeat plans",
        unit_label="Percentage",
        dates=[date(2019, 9, 30)],
        labels=["Q2 2019/20"],
        values=[Decimal(20)],
        range_lower=[Decimal(12)],
        range_upper=[Decimal(20)],
    )
    names = [trace["name"] for trace in json.loads(trend_chart_json(data))["data"]]
    assert "Acceptable range" in names


def test_published_year_is_placed_at_the_end_of_march_closing_it():
    assert year_end_of(2019, "2019/20") == date(2020, 3, 31)
    assert year_end_of(2025, "2025") == date(2025, 3, 31)
