"""Adapters for pages that document a report's parts by locality or team without a view of their own."""

from django import template

from breakdowns.export import COLUMNS
from indicators.opendata import Column

register = template.Library()


@register.simple_tag
def part_columns() -> list[Column]:
    """The columns of a published report's figures by locality or team (breakdowns.export.COLUMNS)."""
    return [Column(name, meaning) for name, meaning in COLUMNS]
