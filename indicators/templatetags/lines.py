"""One-line adapters that let a Django template read an indicator line's declared columns."""

from django import template

from indicators.lines import REPORT_INDEX, IndicatorLine, LineColumn, Shown, columns

register = template.Library()


@register.simple_tag
def report_index_columns() -> list[LineColumn]:
    return columns(REPORT_INDEX)


@register.filter
def cell_of(column: LineColumn, line: IndicatorLine) -> Shown:
    return column.cell(line)
