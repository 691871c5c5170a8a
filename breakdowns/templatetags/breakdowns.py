"""Adapters that let the indicator page and the entry form read breakdowns without a view of their own."""

from django import template

from breakdowns.charts import Line, PartsChartData, parts_chart_json
from breakdowns.presentation import standing_text
from breakdowns.selectors import indicator_breakdowns

register = template.Library()


@register.simple_tag(takes_context=True)
def breakdowns_of(context, indicator):
    """The indicator's parts by each dimension, as the signed-in reader may see them."""
    return indicator_breakdowns(indicator, reader=context["request"].reader)


@register.simple_tag
def standing_of(parts, indicator, plural) -> str:
    return standing_text(parts.spread, indicator, plural)


@register.simple_tag
def parts_chart(breakdown, indicator) -> str:
    """The chart of the parts over time, oldest first, from the rows the table shows."""
    rows = list(reversed(breakdown.over_time))
    data = PartsChartData(
        unit_label=indicator.get_unit_display(),
        dates=[parts.period.end for parts, _ in rows],
        labels=[parts.period.label for parts, _ in rows],
        parts=[
            Line(member.name, [cells[position].value if cells[position] else None for _, cells in rows])
            for position, member in enumerate(breakdown.members)
        ],
        council=Line("Council", [parts.total_value for parts, _ in rows]),
    )
    return parts_chart_json(data)
