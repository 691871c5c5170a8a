"""The performance index table, declared once for the page (and, later, the committee appendix)."""

import django_tables2 as tables

from indicators.assessment import RECENT_PERIODS

NUMERIC = {
    "th": {"class": "govuk-table__header govuk-table__header--numeric"},
    "td": {"class": "govuk-table__cell govuk-table__cell--numeric"},
}


def _cell(name: str) -> str:
    return f"indicators/cells/{name}.html"


class RecentFigureColumn(tables.TemplateColumn):
    """One of the last few periods' figures; the newest is column RECENT_PERIODS."""

    def __init__(self, position: int, **kwargs):
        self.position = position
        label = (
            "Latest" if position == RECENT_PERIODS else f"Latest \N{MINUS SIGN} {RECENT_PERIODS - position}"
        )
        super().__init__(
            template_name=_cell("recent_figure"),
            verbose_name=label,
            orderable=False,
            extra_context={"position": position - 1},
            attrs=NUMERIC,
            **kwargs,
        )


class IndexTable(tables.Table):
    reference = tables.Column(
        accessor="indicator__reference", verbose_name="Ref", order_by=("indicator__display_order",)
    )
    title = tables.TemplateColumn(
        template_name=_cell("indicator_link"),
        accessor="indicator__title",
        verbose_name="Indicator",
        attrs={
            "th": {"class": "govuk-table__header kpi-index__title"},
            "td": {"class": "govuk-table__cell kpi-index__title"},
        },
    )
    polarity = tables.TemplateColumn(
        template_name=_cell("polarity"),
        accessor="indicator__polarity",
        verbose_name="Polarity",
        orderable=False,
    )
    previous_year_end = tables.TemplateColumn(
        template_name=_cell("previous_year_end"),
        verbose_name="Previous year end",
        orderable=False,
        attrs=NUMERIC,
    )
    figure_1 = RecentFigureColumn(1, accessor="recent")
    figure_2 = RecentFigureColumn(2, accessor="recent")
    figure_3 = RecentFigureColumn(3, accessor="recent")
    figure_4 = RecentFigureColumn(4, accessor="recent")
    target = tables.TemplateColumn(template_name=_cell("target"), verbose_name="Target", orderable=False)
    rating = tables.TemplateColumn(
        template_name=_cell("rating"), verbose_name="RAG", order_by=("rating_rank",)
    )
    direction = tables.TemplateColumn(
        template_name=_cell("direction"), verbose_name="Direction of travel", order_by=("direction_rank",)
    )
    neighbours = tables.TemplateColumn(
        template_name=_cell("comparator"),
        accessor="comparators",
        verbose_name="Statistical neighbours",
        extra_context={"kind": "neighbours"},
        orderable=False,
    )
    region = tables.TemplateColumn(
        template_name=_cell("comparator"),
        accessor="comparators",
        verbose_name="Region",
        extra_context={"kind": "region"},
        orderable=False,
    )
    england = tables.TemplateColumn(
        template_name=_cell("comparator"),
        accessor="comparators",
        verbose_name="England",
        extra_context={"kind": "england"},
        orderable=False,
    )
    commentary = tables.TemplateColumn(
        template_name=_cell("commentary"), verbose_name="Commentary", orderable=False
    )

    class Meta:
        template_name = "indicators/index_table.html"
        attrs = {
            "class": "govuk-table kpi-index",
            "id": "performance-index",
            "th": {"class": "govuk-table__header"},
            "td": {"class": "govuk-table__cell"},
        }
        row_attrs = {"data-reference": lambda record: record.indicator.reference}
        orderable = True

    def __init__(self, data, *, as_at, is_grouped: bool, **kwargs):
        super().__init__(data, **kwargs)
        self.as_at = as_at
        self.is_grouped = is_grouped
