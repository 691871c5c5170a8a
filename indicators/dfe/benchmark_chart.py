"""The benchmark as a Plotly bar chart: plain data in, a figure's JSON out; the page draws it.

Each bar is named and carries its figure as text, the council's name is in bold and its bar is
hatched, so colour is never the only way to tell the council from its neighbours, region and England;
the neighbours' mean and median are labelled lines. The page's table holds the same numbers.
"""

from decimal import Decimal

import plotly.graph_objects as go

from indicators.charts import COMPARATOR_STYLE, COUNCIL_COLOUR
from indicators.dfe.benchmarking import Benchmark, Place
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
    for label, value, dash in (
        ("Neighbours' mean", benchmark.mean, "dash"),
        ("median", benchmark.median, "dot"),
    ):
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
        annotation_position="top" if dash == "dash" else "bottom",
    )


def benchmark_chart_json(benchmark: Benchmark, *, formatted, unit_label: str) -> str:
    return benchmark_figure(benchmark, formatted=formatted, unit_label=unit_label).to_json(validate=False)
