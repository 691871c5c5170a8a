"""The XmR chart (NHS England's "Making Data Count") as a Plotly figure, its table alternative and
its icons: plain data in; the page draws them.

Special cause points differ by shape as well as colour, so a reader who cannot tell the colours
apart still tells them apart: improvement a star, concern a diamond, neither a square, common
cause a small circle. The lines differ by dash as well as colour.
"""

import html
import textwrap
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import plotly.graph_objects as go

from indicators.rules import spc

# Making Data Count's colours.
IMPROVEMENT_COLOUR = "#289de0"
CONCERN_COLOUR = "#fab428"
NEUTRAL_COLOUR = "#361475"
COMMON_COLOUR = "#7b7d7d"
# Darker shades of the same hues where text or a thin line must stand out on white (WCAG 1.4.11).
IMPROVEMENT_TEXT = "#1d70b8"
CONCERN_TEXT = "#a35d00"
LINE_COLOUR = "#0b0c0c"
LIMIT_COLOUR = "#505a5f"
TARGET_COLOUR = "#d4351c"

MARKER_BY_SIGNAL = {
    spc.Signal.COMMON_CAUSE: ("circle", COMMON_COLOUR, 7),
    spc.Signal.IMPROVEMENT: ("star", IMPROVEMENT_COLOUR, 15),
    spc.Signal.CONCERN: ("diamond", CONCERN_COLOUR, 13),
    spc.Signal.NEUTRAL: ("square", NEUTRAL_COLOUR, 11),
}
REASON_SHOWN_ON_CHART = 72
"""Characters of a change point's reason written on the chart; the list below it has all of it."""
REASON_LINE = 24
"""Characters a line of the reason on the chart, so that it fits a phone's chart."""
CHART_HEIGHT = 500
MANY_POINTS = 40
"""Past this many points the markers are drawn smaller, so that they do not hide each other."""


@dataclass(frozen=True)
class ChartBreak:
    """Where the limits start afresh: the index of the first point of the new baseline, and why."""

    index: int
    reason: str


@dataclass(frozen=True)
class XmrData:
    title: str
    unit_label: str
    dates: list[date]
    labels: list[str]
    chart: spc.Chart
    target: Decimal | None = None
    breaks: tuple[ChartBreak, ...] = ()


def _float(value) -> float | None:
    return float(value) if value is not None else None


def _segments(points, dates, attribute: str) -> tuple[list, list]:
    """A line of `attribute` along the points, broken wherever the limits start afresh."""
    xs, ys = [], []
    for number, point in enumerate(points):
        if number and point.is_rebase:
            xs.append(None)
            ys.append(None)
        xs.append(dates[point.index])
        ys.append(getattr(point, attribute))
    return xs, ys


def _short(reason: str) -> str:
    """The reason as the chart writes it: escaped, cut short, in lines narrow enough for a phone."""
    text = " ".join(reason.split())
    if len(text) > REASON_SHOWN_ON_CHART:
        text = text[: REASON_SHOWN_ON_CHART - 1].rstrip() + "…"
    return "<br>".join(html.escape(line) for line in textwrap.wrap(text, REASON_LINE))


def xmr_figure(data: XmrData) -> go.Figure:
    points = data.chart.points
    dates, labels = data.dates, data.labels
    figure = go.Figure()
    for attribute, name, style in (
        ("upper_limit", "Process limits", {"color": LIMIT_COLOUR, "dash": "dash", "width": 1.5}),
        ("lower_limit", "Lower process limit", {"color": LIMIT_COLOUR, "dash": "dash", "width": 1.5}),
        ("mean", "Mean", {"color": LINE_COLOUR, "width": 1.5}),
    ):
        xs, ys = _segments(points, dates, attribute)
        figure.add_trace(
            go.Scatter(
                x=xs,
                y=ys,
                mode="lines",
                name=name,
                line=style,
                hoverinfo="skip",
                showlegend=attribute != "lower_limit",
                legendgroup="limits" if "limit" in attribute else attribute,
            )
        )
    if data.target is not None:
        figure.add_trace(
            go.Scatter(
                x=[dates[0], dates[-1]],
                y=[_float(data.target)] * 2,
                mode="lines",
                name="Target",
                line={"color": TARGET_COLOUR, "dash": "dot", "width": 2},
                hoverinfo="skip",
            )
        )
    figure.add_trace(
        go.Scatter(
            x=[dates[point.index] for point in points],
            y=[point.value for point in points],
            mode="lines",
            name="Outturn",
            line={"color": COMMON_COLOUR, "width": 1.5},
            hoverinfo="skip",
            showlegend=False,
        )
    )
    scale = 0.75 if len(points) > MANY_POINTS else 1
    for signal, (symbol, colour, size) in MARKER_BY_SIGNAL.items():
        chosen = [point for point in points if point.signal == signal]
        if not chosen:
            continue
        figure.add_trace(
            go.Scatter(
                x=[dates[point.index] for point in chosen],
                y=[point.value for point in chosen],
                text=[_point_words(labels[point.index], point) for point in chosen],
                mode="markers",
                name=signal.words,
                marker={
                    "symbol": symbol,
                    "color": colour,
                    "size": size * scale,
                    "line": {"color": LINE_COLOUR, "width": 1},
                },
                hovertemplate="%{text}<extra></extra>",
            )
        )
    shapes, annotations = [], []
    for chart_break in data.breaks:
        at = dates[chart_break.index]
        is_right_half = chart_break.index > len(points) / 2
        shapes.append(
            {
                "type": "line",
                "xref": "x",
                "yref": "paper",
                "x0": at,
                "x1": at,
                "y0": 0,
                "y1": 1,
                "line": {"color": LINE_COLOUR, "width": 2, "dash": "longdash"},
            }
        )
        annotations.append(
            {
                "x": at,
                "xref": "x",
                "y": 1,
                "yref": "paper",
                "yanchor": "bottom",
                "xanchor": "right" if is_right_half else "left",
                "xshift": -4 if is_right_half else 4,
                "text": f"Limits recalculated:<br>{_short(chart_break.reason)}",
                "showarrow": False,
                "align": "right" if is_right_half else "left",
                "font": {"size": 12, "color": LINE_COLOUR},
            }
        )
    figure.update_layout(
        template="none",
        # Tall enough that a phone's chart keeps its plot above a legend of several lines.
        height=CHART_HEIGHT,
        # Room above the plot for each break's reason, so that it hides no point.
        margin={"l": 60, "r": 20, "t": 90 if data.breaks else 20, "b": 40},
        yaxis={"title": {"text": data.unit_label}},
        xaxis={"type": "date"},
        # Said at the head of the legend, where no change point's reason can cover it.
        legend={
            "orientation": "h",
            "yanchor": "top",
            "y": -0.12,
            "title": {
                "text": f"<b>Trial limits</b>: fewer than {spc.TRIAL_BELOW} figures"
                if data.chart.is_trial
                else "",
                "side": "top",
            },
        },
        hovermode="closest",
        font={"family": "system-ui, Arial, sans-serif", "size": 14},
        shapes=shapes,
        annotations=annotations,
    )
    return figure


def _point_words(label: str, point) -> str:
    words = f"{label}: {point.value:g}. {point.signal.words}"
    if point.rule_words:
        words += f"; {html.escape(point.rule_words)}"
    return words


def xmr_chart_json(data: XmrData) -> str:
    return xmr_figure(data).to_json(validate=False)


@dataclass(frozen=True)
class Badge:
    """An MDC icon as the page draws it: its colour, the letter or sign inside, and its words."""

    kind: str
    colour: str
    letter: str
    words: str


def variation_badge(icon: spc.VariationIcon | None) -> Badge | None:
    if icon is None:
        return None
    name = icon.name
    letter = "H" if "HIGH" in name else "L" if "LOW" in name else ""
    if "IMPROVEMENT" in name:
        return Badge("improvement", IMPROVEMENT_TEXT, letter, icon.words)
    if "CONCERN" in name:
        return Badge("concern", CONCERN_TEXT, letter, icon.words)
    if "NEUTRAL" in name or letter:
        return Badge("neutral", NEUTRAL_COLOUR, letter, icon.words)
    return Badge("common", LIMIT_COLOUR, "", icon.words)


def assurance_badge(assurance: spc.Assurance | None) -> Badge | None:
    if assurance is None:
        return None
    name = assurance.name
    if "PASS" in name:
        return Badge("pass", IMPROVEMENT_TEXT, "P", assurance.words)
    if "FAIL" in name:
        return Badge("fail", CONCERN_TEXT, "F", assurance.words)
    return Badge("hit_and_miss", LIMIT_COLOUR, "?", assurance.words)
