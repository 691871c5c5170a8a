"""The parts over time as a Plotly figure: one line per locality or team and the council's, the same
numbers as the table beside it (a withheld part is a gap). Plain data in, the figure's JSON out."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import plotly.graph_objects as go

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


def _floats(values):
    return [float(value) if value is not None else None for value in values]


def parts_figure(data: PartsChartData) -> go.Figure:
    figure = go.Figure()
    for position, line in enumerate(data.parts):
        figure.add_trace(
            go.Scatter(
                x=data.dates,
                text=data.labels,
                y=_floats(line.values),
                mode="lines+markers",
                name=line.name,
                line={
                    "color": PART_COLOURS[position % len(PART_COLOURS)],
                    "dash": PART_DASHES[(position // len(PART_COLOURS)) % len(PART_DASHES)],
                },
                hovertemplate="%{text}: %{y}<extra>%{fullData.name}</extra>",
                connectgaps=False,
            )
        )
    figure.add_trace(
        go.Scatter(
            x=data.dates,
            text=data.labels,
            y=_floats(data.council.values),
            mode="lines",
            name=data.council.name,
            line={"color": COUNCIL_COLOUR, "width": 3, "dash": "dash"},
            hovertemplate="%{text}: %{y}<extra>%{fullData.name}</extra>",
            connectgaps=False,
        )
    )
    figure.update_layout(
        template="none",
        margin={"l": 60, "r": 20, "t": 20, "b": 40},
        yaxis={"title": {"text": data.unit_label}, "rangemode": "tozero"},
        xaxis={"type": "date"},
        legend={"orientation": "h", "y": -0.12},
        hovermode="closest",
        font={"family": "system-ui, Arial, sans-serif", "size": 14},
    )
    return figure


def parts_chart_json(data: PartsChartData) -> str:
    return parts_figure(data).to_json(validate=False)
