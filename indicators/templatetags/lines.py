"""One-line adapters that let a Django template read an indicator line's declared columns."""

from django import template

from indicators.columns import REPORT, Column, columns_of
from indicators.lines import IndicatorLine, Shown

register = template.Library()


@register.simple_tag
def report_index_columns() -> list[Column]:
    return columns_of(REPORT)


@register.filter
def cell_of(column: Column, line: IndicatorLine) -> Shown:
    return column.cell(line)
