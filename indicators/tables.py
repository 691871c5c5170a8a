"""The performance index table: its columns declared once, for the page (and the committee appendix).

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

from indicators.assessment import RECENT_PERIODS
from indicators.index_rows import IndexRow

BODY_TEMPLATE = "indicators/index_body.html"
NUMERIC = {
    "th": {"class": "govuk-table__header govuk-table__header--numeric"},
    "td": {"class": "govuk-table__cell govuk-table__cell--numeric"},
}
FIGURE_COLUMNS = ("previous_year_end", *(f"figure_{position}" for position in range(1, RECENT_PERIODS + 1)))


def recent_label(position: int) -> str:
    """Headers of the last few periods' figures when no period is shown: "Latest − 3" ... "Latest"."""
    back = RECENT_PERIODS - position
    return "Latest" if back == 0 else f"Latest \N{MINUS SIGN} {back}"


def period_run(row: IndexRow) -> tuple[str, ...]:
    """The periods a row's figure cells show, by label ("Q3 2024/25"), previous year end first."""
    return tuple(figure.period.label if figure else "" for figure in row.assessment.figures)


def period_headings(rows: list[IndexRow]) -> tuple[str, ...]:
    """The run of periods most indicators show: the index names its figure columns by them, as
    committee papers do. An empty tuple when no indicator has figures."""
    runs = Counter(run for run in map(period_run, rows) if len(run) == len(FIGURE_COLUMNS))
    return runs.most_common(1)[0][0] if runs else ()


@dataclass(frozen=True, slots=True)
class IndexLine:
    """A row of the index, and whether its figures are for the periods the headings name (when
    they are not, every figure cell says which period it is)."""

    row: IndexRow
    is_on_headings: bool


class IndexTable(tables.Table):
    reference = tables.Column(
        accessor="indicator__reference",
        verbose_name="Ref",
        order_by=("assessment__indicator__display_order",),
    )
    title = tables.Column(
        accessor="assessment__indicator__title",
        verbose_name="Indicator",
        attrs={"th": {"class": "govuk-table__header kpi-index__title"}},
    )
    previous_year_end = tables.Column(verbose_name="Previous year end", orderable=False, attrs=NUMERIC)
    figure_1 = tables.Column(accessor="recent", verbose_name=recent_label(1), orderable=False, attrs=NUMERIC)
    figure_2 = tables.Column(accessor="recent", verbose_name=recent_label(2), orderable=False, attrs=NUMERIC)
    figure_3 = tables.Column(accessor="recent", verbose_name=recent_label(3), orderable=False, attrs=NUMERIC)
    figure_4 = tables.Column(accessor="recent", verbose_name=recent_label(4), orderable=False, attrs=NUMERIC)
    target = tables.Column(verbose_name="Target", orderable=False)
    rating = tables.Column(verbose_name="RAG", order_by=("assessment__rating_rank",))
    direction = tables.Column(verbose_name="Direction of travel", order_by=("assessment__direction_rank",))
    neighbours = tables.Column(accessor="comparators", verbose_name="Statistical neighbours", orderable=False)
    region = tables.Column(accessor="comparators", verbose_name="Region", orderable=False)
    england = tables.Column(accessor="comparators", verbose_name="England", orderable=False)

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
        context = {"lines": self.lines, "is_grouped": self.is_grouped, "column_count": len(self.columns)}
        # Drawn by an autoescaping template: safe to print as it is.
        return mark_safe(template.render(context))  # noqa: S308

    @property
    def lines(self) -> list[IndexLine]:
        """The rows in the order the member chose, each saying whether it is on the headings."""
        records = [bound.record for bound in self.paginated_rows]
        return [IndexLine(row, period_run(row) == self.headings) for row in records]
