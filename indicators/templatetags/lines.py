"""One-line adapters that let a Django template read an indicator line's declared columns."""

from django import template

from indicators.lines import REPORT, IndicatorLine, LineColumn, Shown, columns_of

register = template.Library()


@register.simple_tag
def report_index_columns() -> list[LineColumn]:
    return columns_of(REPORT)


@register.filter
def cell_of(column: LineColumn, line: IndicatorLine) -> Shown:
    return column.cell(line)
