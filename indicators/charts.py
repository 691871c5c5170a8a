"""Trend charts as Plotly figures: plain data in, a figure's JSON out; the page draws it."""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import partial

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
class Series:
    """Points on one time axis: the date each figure is as at, its label, and its value."""

    dates: list[date]
    labels: list[str]
    values: list[Decimal | None]


@dataclass
class TrendData:
    title: str
    unit_label: str
    dates: list[date]
    """The end of each period, so monthly, quarterly and yearly figures share one time axis."""
    labels: list[str]
    values: list[Decimal | None]
    targets: list[Decimal | None] = field(default_factory=list)
    range_lower: list[Decimal | None] = field(default_factory=list)
    range_upper: list[Decimal | None] = field(default_factory=list)
    comparators: dict[str, Series] = field(default_factory=dict)
    """Comparator series by kind, each placed at the end of the year it covers."""


def year_end_of(year: int, year_label: str) -> date:
    """Where a published comparator sits on the time axis: the end of March closing the year it covers.

    DfE writes a financial or academic span as "2019/20" (stored as 2019) and most of its yearly
    children's social care figures as the year they are as at ("2025", at 31 March 2025).
    """
    return date(year + 1, 3, 31) if "/" in year_label else date(year, 3, 31)


HOVER = "%{text}: %{y}<extra>%{fullData.name}</extra>"
"""A point's hover: its period and figure, then its line's name."""
RANGE_FILL = "rgba(0,112,60,0.15)"


def floats(values) -> list[float | None]:
    return [float(v) if v is not None else None for v in values]


def line_over_time(series: Series, name: str, mode: str = "lines+markers", **style) -> go.Scatter:
    """A series drawn on the time axis, each point labelled with its period."""
    return go.Scatter(
        x=series.dates, text=series.labels, y=floats(series.values), name=name, mode=mode, **style
    )


def time_layout(unit_label: str) -> dict:
    """How a chart over time is laid out: the unit up the side from zero, dates along the foot, the
    legend beneath, in the page's font."""
    return {
        "template": "none",
        "margin": {"l": 60, "r": 20, "t": 20, "b": 40},
        "yaxis": {"title": {"text": unit_label}, "rangemode": "tozero"},
        "xaxis": {"type": "date"},
        "legend": {"orientation": "h", "y": -0.12},
        "hovermode": "closest",
        "font": {"family": "system-ui, Arial, sans-serif", "size": 14},
    }


def trend_figure(data: TrendData) -> go.Figure:
    figure = go.Figure()
    on_axis = partial(Series, data.dates, data.labels)
    if any(v is not None for v in data.range_upper):
        figure.add_trace(
            line_over_time(
                on_axis(data.range_upper),
                "Acceptable range (upper)",
                "lines",
                line={"width": 0},
                showlegend=False,
                hoverinfo="skip",
            )
        )
        figure.add_trace(
            line_over_time(
                on_axis(data.range_lower),
                "Acceptable range",
                "lines",
                line={"width": 0},
                fill="tonexty",
                fillcolor=RANGE_FILL,
            )
        )
    if any(v is not None for v in data.targets):
        stepped = {"color": TARGET_COLOUR, "dash": "dash", "shape": "hv"}
        figure.add_trace(line_over_time(on_axis(data.targets), "Target", "lines", line=stepped))
    figure.add_trace(
        line_over_time(
            on_axis(data.values),
            "Outturn",
            line={"color": COUNCIL_COLOUR, "width": 3},
            hovertemplate="%{text}: %{y}<extra>Outturn</extra>",
            connectgaps=False,
        )
    )
    for kind, series in data.comparators.items():
        colour, dash = COMPARATOR_STYLE.get(kind, ("#505a5f", "dot"))
        line = {"color": colour, "dash": dash}
        figure.add_trace(line_over_time(series, ComparatorKind(kind).label, line=line, hovertemplate=HOVER))
    figure.update_layout(**time_layout(data.unit_label))
    return figure


def trend_chart_json(data: TrendData) -> str:
    return trend_figure(data).to_json(validate=False)
