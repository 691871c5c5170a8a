"""The performance index table: its columns declared once, for the page (and the committee appendix).

Cells are drawn by one row template (templates/indicators/index_row.html) rather than a template
per cell, so a 300-indicator index renders in tens of milliseconds.
"""

import django_tables2 as tables

from indicators.assessment import RECENT_PERIODS

NUMERIC = {
    "th": {"class": "govuk-table__header govuk-table__header--numeric"},
    "td": {"class": "govuk-table__cell govuk-table__cell--numeric"},
}


def recent_label(position: int) -> str:
    """Headers of the last few periods' figures: "Latest − 3" ... "Latest"."""
    back = RECENT_PERIODS - position
    return "Latest" if back == 0 else f"Latest \N{MINUS SIGN} {back}"


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
    polarity = tables.Column(accessor="indicator__polarity", verbose_name="Polarity", orderable=False)
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
    commentary = tables.Column(verbose_name="Commentary", orderable=False)

    class Meta:
        template_name = "indicators/index_table.html"
        attrs = {
            "class": "govuk-table kpi-index",
            "id": "performance-index",
            "th": {"class": "govuk-table__header"},
        }
        orderable = True

    def __init__(self, data, *, as_at, is_grouped: bool, **kwargs):
        super().__init__(data, **kwargs)
        self.as_at = as_at
        self.is_grouped = is_grouped
