"""The performance index table, its columns read from the one declaration of an indicator line's
columns (indicators/columns.py: COLUMNS, those shown in LIVE).

Each row is drawn once for a table's periods and a reader's mask and kept beside its line
(indicators/kept_rows.py), so a view prints kept rows rather than drawing tens of thousands of
cells. The indicator's polarity and commentary are drawn inside its title cell, so every column a
member reads fits a 1366 px laptop without a sideways scroll.
"""

from collections import Counter
from dataclasses import dataclass
from datetime import date
from itertools import groupby
from operator import attrgetter

import django_tables2 as tables
from django.template.loader import get_template
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from markupsafe import Markup

from indicators.assessment import periods_shown
from indicators.columns import FIGURE_KEYS, LIVE, Column, columns_of
from indicators.index_rows import IndexRow
from indicators.kept_lines import LineFacts
from indicators.lines import EMPTY, Shown
from indicators.rules.periods import Period, PeriodKind, period_containing

BODY_TEMPLATE = "indicators/index_body.html"
NUMERIC = {
    "th": {"class": "govuk-table__header govuk-table__header--numeric"},
    "td": {"class": "govuk-table__cell govuk-table__cell--numeric"},
}
ORDER_BY = {
    "reference": ("display_order",),
    "title": ("title",),
    "rating": ("rating_rank",),
    "direction": ("direction_rank",),
}
"""The columns a member may sort by, and what of a line's facts (`kept_lines.LineFacts`) each sorts on."""
NOT_IN_YET = "No figure yet"
"""Under a period after a row's latest figure: its figure is not in, or not validated, yet."""
OWN_PERIODS = {
    PeriodKind.MONTH: "Monthly figures: each names its month",
    PeriodKind.QUARTER: "Each figure names its quarter",
    PeriodKind.YEAR: "Yearly figures: each names its year",
}
HEADER_ATTRS = {"title": {"th": {"class": "govuk-table__header kpi-index__title"}}}
PERIOD_HEADING = "govuk-table__header govuk-table__header--numeric kpi-index__period"
"""A figure column's heading names its period: on a phone the recent ones stay above the cards."""


def latest_heading(runs: list[tuple[Period | None, ...]], *, as_at: date) -> Period | None:
    """The period the index's latest figure column is for: the last period, of the kind most of its
    indicators report (quarters, as a rule), that had ended by the date the index is as at. So the
    page's "as at 31 December 2025" and its columns name the same quarter, whether or not most
    indicators have their figure for it yet. None when no indicator has figures."""
    latest_periods = Counter(run[-1] for run in runs if run[-1] is not None)
    if not latest_periods:
        return None
    kinds = Counter()
    for period, count in latest_periods.items():
        kinds[period.kind] += count
    kind = kinds.most_common(1)[0][0]
    if kind is PeriodKind.YEAR:
        # Years may be financial, academic or calendar ones: the newest shown.
        return max(
            (period for period in latest_periods if period.kind is kind), key=lambda period: period.start
        )
    latest = period_containing(as_at, kind)
    return latest if latest.end <= as_at else latest.previous()


def period_headings(runs: list[tuple[Period | None, ...]], *, as_at: date) -> tuple[Period, ...]:
    """The periods the figure columns are headed by, previous year end first, the last of them
    `latest_heading`, from the period runs of the rows shown (`IndicatorLine.period_run`): the run
    the indicators with a figure for it show (a figure for the year end on a year basis of its own
    is rare), or that period's run where none has one yet. An empty tuple when no indicator has
    figures."""
    latest = latest_heading(runs, as_at=as_at)
    if latest is None:
        return ()
    shared = Counter(run for run in runs if run[-1] == latest and all(run))
    if shared:
        return shared.most_common(1)[0][0]
    return periods_shown(latest)


def hidden_columns(headings: tuple[Period, ...]) -> frozenset[str]:
    """The figure columns a table under these headings leaves out: the previous year end's, where
    it is one of the recent periods and so its column, not a second one, says so."""
    if headings and headings[0] in headings[1:]:
        return frozenset({"previous_year_end"})
    return frozenset()


@dataclass(frozen=True, slots=True)
class IndexLine:
    """A row of the index as its columns show it: each figure under the column of its own period.

    A row on the headings' kind of period puts each figure under its period's column and says
    "No figure yet" under the periods after its latest; a row on other periods (a monthly or annual
    indicator) shows its own, each figure saying which period it is for."""

    row: IndexRow
    cells: tuple[tuple[str, str, str, Shown], ...]
    is_on_headings: bool

    @property
    def periods_note(self) -> str:
        """What a row on other periods says beside its title: whose periods its figures are for."""
        latest = self.row.line.latest
        if self.is_on_headings or latest is None:
            return ""
        return OWN_PERIODS[latest.period.kind]


def index_line(row: IndexRow, headings: tuple[Period, ...], hidden: frozenset[str]) -> IndexLine:
    run = row.line.period_run
    if run == headings:
        return IndexLine(row, _visible(row.cells, hidden), is_on_headings=True)
    figures = {figure.period: figure for figure in row.line.shown_figures if figure}
    if not headings or not figures.keys() & set(headings):
        return IndexLine(row, _visible(row.cells, hidden), is_on_headings=False)
    latest = row.line.latest.period
    recent = headings[1:]
    since = recent.index(latest) + 1 if latest in recent else 0
    placed = {}
    for key, period in zip(FIGURE_KEYS, headings, strict=True):
        figure = figures.get(period)
        if figure is not None:
            placed[key] = figure.shown
        elif period in recent[since:]:
            placed[key] = Shown(NOT_IN_YET, period=period.label)
        else:
            placed[key] = EMPTY
    cells = tuple((key, kind, heading, placed.get(key, cell)) for key, kind, heading, cell in row.cells)
    return IndexLine(row, _visible(cells, hidden), is_on_headings=True)


def _visible(cells, hidden: frozenset[str]) -> tuple:
    return tuple(cell for cell in cells if cell[0] not in hidden) if hidden else cells


def table_column(column: Column) -> tables.Column:
    attrs = NUMERIC if column.is_numeric else HEADER_ATTRS.get(column.key, {})
    if column.kind == "figure":
        year_end = " kpi-index__period--year-end" if column.key == "previous_year_end" else ""
        attrs = {**attrs, "th": {"class": PERIOD_HEADING + year_end}}
    if column.key in ORDER_BY:
        return tables.Column(
            accessor=column.key,
            verbose_name=column.heading,
            order_by=ORDER_BY[column.key],
            attrs=attrs,
        )
    return tables.Column(accessor="indicator_id", verbose_name=column.heading, orderable=False, attrs=attrs)


class BaseIndexTable(tables.Table):
    class Meta:
        template_name = "indicators/index_table.html"
        attrs = {
            "class": "govuk-table kpi-index kpi-index--cards",
            "id": "performance-index",
            "th": {"class": "govuk-table__header"},
        }
        orderable = True

    def __init__(
        self,
        data: list[LineFacts],
        *,
        drawn: dict[int, str],
        as_at,
        headings: tuple[Period, ...],
        is_grouped: bool,
        **kwargs,
    ):
        """`data`: the facts of the lines shown; `drawn`: each one's row, drawn under these
        `headings` (indicators/kept_rows.py), by indicator id."""
        super().__init__(data, **kwargs)
        self.drawn = drawn
        self.as_at = as_at
        self.is_grouped = is_grouped
        self.headings = headings
        if headings:
            year_end, *recent = headings
            for name in hidden_columns(headings):
                self.columns.hide(name)
            self.columns["previous_year_end"].column.verbose_name = f"{year_end.label} (year end)"
            for name, period in zip(FIGURE_KEYS[1:], recent, strict=True):
                heading = f"{period.label} (year end)" if period == year_end else period.label
                self.columns[name].column.verbose_name = heading

    @property
    def header_html(self) -> str:
        """The table's header cells: each column's heading, and a link to sort by it where it
        sorts, saying which way it sorts now (`aria-sort`) and which way the link will. Drawn here
        rather than by a template for each column."""
        cells = []
        for column in self.columns:
            heading = column.header
            # How the table is sorted by this column now, as `aria-sort` says it.
            now = None
            if column.is_ordered:
                now = "descending" if column.order_by_alias.is_descending else "ascending"
            elif column.orderable:
                now = "none"
            if column.orderable:
                query = self.request.GET.copy()
                query[self.prefixed_order_by_field] = column.order_by_alias.next
                heading = format_html(
                    '<a class="govuk-link govuk-link--no-visited-state" href="?{}">{}'
                    '<span class="govuk-visually-hidden">, sort {}</span></a>',
                    query.urlencode(),
                    heading,
                    "descending" if now == "ascending" else "ascending",
                )
            cells.append(
                format_html(
                    '<th scope="col" role="columnheader" {}{}>{}</th>',
                    column.attrs["th"].as_html(),
                    format_html(' aria-sort="{}"', now) if now else "",
                    heading,
                )
            )
        return mark_safe("\n".join(cells))  # noqa: S308 - each cell escaped by format_html

    @property
    def body_html(self) -> str:
        """The table's rows, each drawn and kept (indicators/kept_rows.py), in the order the member
        chose, under their service areas (templates/jinja2/indicators/index_body.html): the rows of
        each service area joined here, so the template draws a body for each group, not each row."""
        rows = self.data
        groups = groupby(rows, key=attrgetter("service_area")) if self.is_grouped else [("", rows)]
        context = {
            # Each drawn by the autoescaping row template (index_row.html): safe to print as it is.
            "groups": [
                (service_area, Markup("".join(self.drawn[facts.indicator_id] + "\n" for facts in grouped)))  # noqa: S704
                for service_area, grouped in groups
            ],
            "is_grouped": self.is_grouped,
            "column_count": len(self.columns),
        }
        # Drawn by an autoescaping template: safe to print as it is.
        return mark_safe(get_template(BODY_TEMPLATE, using="jinja2").render(context))  # noqa: S308


IndexTable = type(
    "IndexTable",
    (BaseIndexTable,),
    {
        "__module__": __name__,
        "Meta": BaseIndexTable.Meta,
        **{column.key: table_column(column) for column in columns_of(LIVE)},
    },
)
"""The live index: a column for each column declared to show in LIVE, headed as declared."""
