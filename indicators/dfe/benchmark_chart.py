"""The benchmark as Plotly charts: plain data in, the figures' JSON out; the page draws them.

- The latest year as bars: each bar is named and carries its figure as text, the council's name is
  in bold and its bar is hatched, so colour is never the only way to tell the council from its
  neighbours, region and England; the neighbours' mean and median are labelled lines.
- Every year held as lines: each line has its own marker and dash as well as its colour, and is
  named in the legend beside a sample of both; each point names its year and figure.
The page's tables hold the same numbers.
"""

from decimal import Decimal

import plotly.graph_objects as go
import plotly.io.json

from indicators.charts import COMPARATOR_STYLE, COUNCIL_COLOUR
from indicators.dfe.benchmarking import Benchmark, Place, YearFigures
from indicators.rules.benchmarking import NeighbourMethod
from indicators.rules.terms import ComparatorKind

NEIGHBOUR_COLOUR = "#b1b4b6"
ROLE_COLOURS = {
    "council": COUNCIL_COLOUR,
    "neighbour": NEIGHBOUR_COLOUR,
    "region": COMPARATOR_STYLE[ComparatorKind.REGION][0],
    "england": COMPARATOR_STYLE[ComparatorKind.ENGLAND][0],
}
ROLE_NAMES = {"neighbour": "neighbour", "region": "region"}


def benchmark_figure(benchmark: Benchmark, *, formatted, unit_label: str) -> go.Figure:
    """`formatted` writes a value as the index does (with its unit and decimal places)."""
    places = list(reversed(benchmark.places))  # Plotly draws the first bar at the bottom
    names = [_bar_name(place) for place in places]
    figure = go.Figure(
        go.Bar(
            orientation="h",
            y=names,
            x=[
                float(p.value) if p.value is not None else 0 for p in places
            ],  # a figure withheld is named at 0
            text=[formatted(p.value) if p.value is not None else p.reason or "Not available" for p in places],
            textposition="outside",
            cliponaxis=False,
            marker={
                "color": [ROLE_COLOURS[p.role] for p in places],
                "pattern": {"shape": ["/" if p.is_council else "" for p in places]},
            },
            hovertemplate="%{y}: %{text}<extra></extra>",
            showlegend=False,
        )
    )
    lines = [("Neighbours' mean", benchmark.mean, "dash")]
    if benchmark.method is NeighbourMethod.MEDIAN:  # a sum of ten is not on the same scale as a bar
        lines.append(("median", benchmark.dashboard, "dot"))
    for label, value, dash in lines:
        if value is not None:
            _line(figure, value, f"{label} {formatted(value)}", dash)
    figure.update_layout(
        template="none",
        height=120 + 32 * len(places),
        margin={"l": 20, "r": 80, "t": 40, "b": 50},
        xaxis={"title": {"text": f"{unit_label}, {benchmark.label}"}, "rangemode": "tozero"},
        yaxis={"automargin": True},
        font={"family": "system-ui, Arial, sans-serif", "size": 14},
    )
    return figure


def _bar_name(place: Place) -> str:
    if place.is_council:
        return f"<b>{place.name} (this council)</b>"
    if place.role in ROLE_NAMES:
        return f"{place.name} ({ROLE_NAMES[place.role]})"
    return place.name


def _line(figure: go.Figure, value: Decimal, text: str, dash: str) -> None:
    figure.add_vline(
        x=float(value),
        line={"color": "#0b0c0c", "dash": dash, "width": 1.5},
        annotation={"text": text, "yanchor": "bottom"},
        annotation_position="top right" if dash == "dash" else "top left",
    )


def over_time_series(benchmark: Benchmark) -> list[tuple[str, str, list[Decimal | None]]]:
    """Each line of the chart over time: its key, its name and its figure for each year."""
    years = benchmark.years
    dashboard = "Neighbours' sum" if benchmark.method is NeighbourMethod.SUM else "Neighbours' median"
    series = [
        ("council", f"{benchmark.council_name} (DfE's figure)", [year.council for year in years]),
        ("index", "The index's year-end figure", [year.index_value for year in years]),
        ("mean", "Neighbours' mean", [year.mean for year in years]),
        ("dashboard", dashboard, [year.dashboard for year in years]),
        ("region", _region_name(years), [year.region for year in years]),
        ("england", "England", [year.england for year in years]),
    ]
    return [line for line in series if any(value is not None for value in line[2])]


# Colour, marker and dash for each line: no two lines share a marker or a dash.
OVER_TIME_STYLE = {
    "council": (COUNCIL_COLOUR, "circle", "solid", 3),
    "index": ("#0b0c0c", "circle-open", "dot", 2),
    "mean": (COMPARATOR_STYLE[ComparatorKind.STATISTICAL_NEIGHBOURS][0], "square", "dash", 2),
    "dashboard": ("#28a197", "diamond", "longdashdot", 2),
    "region": (COMPARATOR_STYLE[ComparatorKind.REGION][0], "triangle-up", "dashdot", 2),
    "england": (COMPARATOR_STYLE[ComparatorKind.ENGLAND][0], "x", "longdash", 2),
}


def over_time_figure(benchmark: Benchmark, *, formatted, unit_label: str) -> go.Figure:
    labels = [year.label for year in benchmark.years]  # one per year, so a narrow chart tilts them
    figure = go.Figure()
    for key, name, values in over_time_series(benchmark):
        colour, marker, dash, width = OVER_TIME_STYLE[key]
        figure.add_trace(
            go.Scatter(
                x=labels,
                y=[float(value) if value is not None else None for value in values],
                text=[formatted(value) if value is not None else "" for value in values],
                mode="lines+markers",
                name=name,
                line={"color": colour, "dash": dash, "width": width},
                marker={"symbol": marker, "size": 9, "color": colour},
                hovertemplate=f"{name}, %{{x}}: %{{text}}<extra></extra>",
                connectgaps=False,
            )
        )
    figure.update_layout(
        template="none",
        height=460,
        margin={"l": 60, "r": 20, "t": 20, "b": 40},
        xaxis={"type": "category", "automargin": True},
        yaxis={"title": {"text": unit_label}, "rangemode": "tozero"},
        showlegend=True,
        legend={"orientation": "h", "x": 0, "y": 1.02, "yanchor": "bottom"},
        font={"family": "system-ui, Arial, sans-serif", "size": 14},
    )
    return figure


def _region_name(years: list[YearFigures]) -> str:
    names = [year.region_name for year in years if year.region_name]
    return f"{names[-1]} (region)" if names else "Region"


def benchmark_chart_json(benchmark: Benchmark, *, formatted, unit_label: str) -> str:
    """Both charts, as JSON: the latest year ("latest") and, with two years or more, "over_time"."""
    latest = benchmark_figure(benchmark, formatted=formatted, unit_label=unit_label)
    over_time = (
        over_time_figure(benchmark, formatted=formatted, unit_label=unit_label)
        if len(benchmark.years) > 1
        else None
    )
    figures = {
        "latest": latest.to_plotly_json(),
        "over_time": over_time.to_plotly_json() if over_time else None,
    }
    return plotly.io.json.to_json_plotly(figures)
