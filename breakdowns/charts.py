"""The parts over time as a Plotly figure: one line per locality or team and the council's, the same
numbers as the table beside it (a withheld part is a gap). Plain data in, the figure's JSON out."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import partial

import plotly.graph_objects as go

from indicators.charts import HOVER, Series, line_over_time, time_layout

COUNCIL_COLOUR = "#0b0c0c"
# Distinct on a white page and for the common colour-vision deficiencies (Okabe and Ito's palette).
PART_COLOURS = ("#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9", "#8f7a00", "#6a3d9a")
PART_DASHES = ("solid", "dot", "dash", "dashdot")


@dataclass(frozen=True)
class Line:
    name: str
    values: list[Decimal | None]


@dataclass(frozen=True)
class PartsChartData:
    unit_label: str
    dates: list[date]
    labels: list[str]
    parts: list[Line]
    council: Line


def parts_figure(data: PartsChartData) -> go.Figure:
    figure = go.Figure()
    on_axis = partial(Series, data.dates, data.labels)
    for position, line in enumerate(data.parts):
        style = {
            "color": PART_COLOURS[position % len(PART_COLOURS)],
            "dash": PART_DASHES[(position // len(PART_COLOURS)) % len(PART_DASHES)],
        }
        figure.add_trace(
            line_over_time(
                on_axis(line.values), line.name, line=style, hovertemplate=HOVER, connectgaps=False
            )
        )
    figure.add_trace(
        line_over_time(
            on_axis(data.council.values),
            data.council.name,
            "lines",
            line={"color": COUNCIL_COLOUR, "width": 3, "dash": "dash"},
            hovertemplate=HOVER,
            connectgaps=False,
        )
    )
    figure.update_layout(**time_layout(data.unit_label))
    return figure


def parts_chart_json(data: PartsChartData) -> str:
    return parts_figure(data).to_json(validate=False)
