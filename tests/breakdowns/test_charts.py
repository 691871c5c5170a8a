"""The chart of parts over time draws what the table shows: a line per locality and the council's."""

import json
from datetime import date
from decimal import Decimal

from breakdowns.charts import Line, PartsChartData, parts_chart_json


def test_each_locality_is_a_line_beside_the_council_and_a_withheld_part_is_a_gap():
    data = PartsChartData(
        unit_label="Count",
        dates=[date(2019, 6, 30), date(2019, 9, 30)],
        labels=["Q1 2019/20", "Q2 2019/20"],
        parts=[Line("West", [Decimal(12), Decimal(22)]), Line("South", [Decimal(9), None])],
        council=Line("Council", [Decimal(40), Decimal(47)]),
    )
    figure = json.loads(parts_chart_json(data))
    names = [trace["name"] for trace in figure["data"]]
    assert names == ["West", "South", "Council"]
    assert figure["data"][1]["y"] == [9.0, None]
    assert figure["data"][2]["line"]["dash"] == "dash"
    assert figure["data"][0]["line"]["color"] != figure["data"][1]["line"]["color"]
