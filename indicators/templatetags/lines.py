"""One-line adapters that let a Django template read an indicator line's declared columns."""

from django import template

from indicators.columns import REPORT, Column, columns_of
from indicators.lines import IndicatorLine, Shown

register = template.Library()


@register.simple_tag
def report_index_columns(output: str = "pack") -> list[Column]:
    """The report's index columns; the page leaves the comparators and each indicator's commentary
    to the pack, the indicator page and its card, so that its index fits a laptop's standard-width
    page without a sideways scroll."""
    columns = columns_of(REPORT)
    if output == "page":
        return [column for column in columns if column.kind != "comparator" and column.key != "commentary"]
    return columns


@register.filter
def cell_of(column: Column, line: IndicatorLine) -> Shown:
    return column.cell(line)
