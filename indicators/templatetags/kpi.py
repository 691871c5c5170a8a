"""One-line adapters for templates."""

from django import template

register = template.Library()

ARROWS = {"improving": "\u25b2", "worsening": "\u25bc", "same": "\u25ac", "not_comparable": "\u2013"}
MOVEMENT_ARROWS = {"up": "\u2191", "down": "\u2193", "level": "\u2192", "unknown": ""}


@register.filter
def item(container, key):
    """container[key], or None when it is not there."""
    try:
        return container[key]
    except (IndexError, KeyError, TypeError):
        return None


@register.filter
def in_units(value, indicator):
    return indicator.format(value)


@register.filter
def direction_arrow(direction) -> str:
    return ARROWS.get(str(direction), "")


@register.filter
def movement_arrow(movement) -> str:
    return MOVEMENT_ARROWS.get(str(movement), "")
