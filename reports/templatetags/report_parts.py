"""Adapters for pages that document a report's parts by locality or team without a view of their own."""

from django import template

from breakdowns.export import COLUMNS

register = template.Library()


@register.simple_tag
def part_columns() -> list[tuple[str, str]]:
    """The columns of a published report's figures by locality or team (breakdowns.export.COLUMNS)."""
    return list(COLUMNS)
