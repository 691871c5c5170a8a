"""Trend charts as Plotly figures: plain data in, a figure's JSON out; the page draws it."""

from dataclasses import dataclass, field
from decimal import Decimal

import plotly.graph_objects as go

from indicators.models import ComparatorKind

COUNCIL_COLOUR = "#1d4f91"
TARGET_COLOUR = "#505a5f"
COMPARATOR_STYLE = {
    ComparatorKind.STATISTICAL_NEIGHBOURS: ("#b35c00", "dot"),
    ComparatorKind.REGION: ("#6f3092", "dashdot"),
    ComparatorKind.ENGLAND: ("#00703c", "dash"),
    ComparatorKind.COUNCIL: ("#1d4f91", "dot"),
}


@dataclass
class TrendData:
    title: str
    unit_label: str
    labels: list[str]
    values: list[Decimal | None]
    targets: list[Decimal | None] = field(default_factory=list)
    range_lower: list[Decimal | None] = field(default_factory=list)
    range_upper: list[Decimal | None] = field(default_factory=list)
    comparators: dict[str, tuple[list[str], list[Decimal | None]]] = field(default_factory=dict)
    """Comparator series by kind: (year labels, values)."""


def _floats(values):
    return [float(v) if v is not None else None for v in values]


def trend_figure(data: TrendData) -> go.Figure:
    figure = go.Figure()
    if any(v is not None for v in data.range_upper):
        figure.add_trace(
            go.Scatter(
                x=data.labels,
                y=_floats(data.range_upper),
                mode="lines",
                line={"width": 0},
                name="Acceptable range (upper)",
                showlegend=False,
                hoverinfo="skip",
            )
        )
        figure.add_trace(
            go.Scatter(
                x=data.labels,
                y=_floats(data.range_lower),
                mode="lines",
                line={"width": 0},
                fill="tonexty",
                fillcolor="rgba(0,112,60,0.15)",
                name="Acceptable range",
            )
        )
    if any(v is not None for v in data.targets):
        figure.add_trace(
            go.Scatter(
                x=data.labels,
                y=_floats(data.targets),
                mode="lines",
                name="Target",
                line={"color": TARGET_COLOUR, "dash": "dash", "shape": "hv"},
            )
        )
    figure.add_trace(
        go.Scatter(
            x=data.labels,
            y=_floats(data.values),
            mode="lines+markers",
            name="Outturn",
            line={"color": COUNCIL_COLOUR, "width": 3},
            connectgaps=False,
        )
    )
    for kind, (labels, values) in data.comparators.items():
        colour, dash = COMPARATOR_STYLE.get(kind, ("#505a5f", "dot"))
        figure.add_trace(
            go.Scatter(
                x=labels,
                y=_floats(values),
                mode="lines+markers",
                name=ComparatorKind(kind).label,
                line={"color": colour, "dash": dash},
                xaxis="x2",
            )
        )
    layout = {
        "template": "none",
        "margin": {"l": 60, "r": 20, "t": 30, "b": 60},
        "yaxis": {"title": {"text": data.unit_label}, "rangemode": "tozero"},
        "xaxis": {"type": "category", "title": {"text": "Period"}},
        "legend": {"orientation": "h", "y": -0.25},
        "font": {"family": "system-ui, Arial, sans-serif", "size": 14},
    }
    if data.comparators:
        layout["xaxis2"] = {
            "type": "category",
            "overlaying": "x",
            "side": "top",
            "title": {"text": "Comparator year"},
        }
    figure.update_layout(**layout)
    return figure


def trend_chart_json(data: TrendData) -> str:
    return trend_figure(data).to_json(validate=False)
