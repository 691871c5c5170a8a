"""One-line adapters for templates."""

from django import template

from indicators.index_rows import DIRECTION_ARROWS

register = template.Library()


@register.filter
def in_units(value, indicator):
    return indicator.format(value)


@register.filter
def direction_arrow(direction) -> str:
    return DIRECTION_ARROWS.get(str(direction), "")
