"""The performance index table, its columns read from the one declaration of an indicator line's
columns (indicators/lines.py: COLUMNS, those shown in LIVE).

Rows are drawn by one Jinja2 template call (templates/jinja2/indicators/index_body.html) rather than a
template per cell, so a 300-indicator index renders in tens of milliseconds. The indicator's
polarity and commentary are drawn inside its title cell, so every column a member reads fits a
1366 px laptop without a sideways scroll.
"""

from collections import Counter
from dataclasses import dataclass

import django_tables2 as tables
from django.template.loader import get_template
from django.utils.safestring import mark_safe

from indicators.index_rows import IndexRow
from indicators.lines import FIGURE_KEYS, LIVE, LineColumn, columns_of

BODY_TEMPLATE = "indicators/index_body.html"
FIGURE_COLUMNS = FIGURE_KEYS
NUMERIC = {
    "th": {"class": "govuk-table__header govuk-table__header--numeric"},
    "td": {"class": "govuk-table__cell govuk-table__cell--numeric"},
}
ORDER_BY = {
    "reference": ("line__display_order",),
    "title": ("line__title",),
    "rating": ("line__rating_rank",),
    "direction": ("line__direction_rank",),
}
"""The columns a member may sort by, and what each sorts on."""
HEADER_ATTRS = {"title": {"th": {"class": "govuk-table__header kpi-index__title"}}}


def period_run(row: IndexRow) -> tuple[str, ...]:
    """The periods a row's figure cells show, by label ("Q3 2024/25"), previous year end first."""
    return row.line.period_run


def period_headings(rows: list[IndexRow]) -> tuple[str, ...]:
    """The run of periods most indicators show: the index names its figure columns by them, as
    committee papers do. An empty tuple when no indicator has figures."""
    runs = Counter(run for run in map(period_run, rows) if all(run))
    return runs.most_common(1)[0][0] if runs else ()


@dataclass(frozen=True, slots=True)
class IndexLine:
    """A row of the index, and whether its figures are for the periods the headings name (when
    they are not, every figure cell says which period it is)."""

    row: IndexRow
    is_on_headings: bool


def table_column(column: LineColumn) -> tables.Column:
    attrs = NUMERIC if column.is_numeric else HEADER_ATTRS.get(column.key, {})
    if column.key in ORDER_BY:
        return tables.Column(
            accessor=f"line__{column.key}",
            verbose_name=column.heading,
            order_by=ORDER_BY[column.key],
            attrs=attrs,
        )
    return tables.Column(accessor="line", verbose_name=column.heading, orderable=False, attrs=attrs)


class BaseIndexTable(tables.Table):
    class Meta:
        template_name = "indicators/index_table.html"
        attrs = {
            "class": "govuk-table kpi-index kpi-index--cards",
            "id": "performance-index",
            "th": {"class": "govuk-table__header"},
        }
        orderable = True

    def __init__(self, data, *, as_at, is_grouped: bool, **kwargs):
        super().__init__(data, **kwargs)
        self.as_at = as_at
        self.is_grouped = is_grouped
        self.headings = period_headings(data)
        if self.headings:
            year_end, *recent = self.headings
            self.columns["previous_year_end"].column.verbose_name = f"{year_end} (year end)"
            for name, label in zip(FIGURE_COLUMNS[1:], recent, strict=True):
                self.columns[name].column.verbose_name = label

    @property
    def body_html(self) -> str:
        """The table's rows, drawn by one Jinja2 template call (templates/jinja2/indicators/)."""
        template = get_template(BODY_TEMPLATE, using="jinja2")
        context = {
            "lines": self.lines,
            "columns": columns_of(LIVE),
            "is_grouped": self.is_grouped,
            "column_count": len(self.columns),
        }
        # Drawn by an autoescaping template: safe to print as it is.
        return mark_safe(template.render(context))  # noqa: S308

    @property
    def lines(self) -> list[IndexLine]:
        """The rows in the order the member chose, each saying whether it is on the headings."""
        records = [bound.record for bound in self.paginated_rows]
        return [IndexLine(row, period_run(row) == self.headings) for row in records]


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
