"""One-line adapters for templates."""

from django import template

from indicators.index_rows import DIRECTION_ARROWS
from indicators.lines import Shown
from indicators.rules.suppression import SUPPRESSED_MARK, Withheld

register = template.Library()


@register.filter
def in_units(value, indicator):
    return indicator.format(value)


@register.filter
def direction_arrow(direction) -> str:
    return DIRECTION_ARROWS.get(str(direction), "")


@register.inclusion_tag("includes/shown.html")
def small_number_mark():
    """The mark every output prints for a small number withheld from its reader ("[c]", and what it
    means for a screen reader)."""
    return {"cell": Shown(SUPPRESSED_MARK, withheld=Withheld.SMALL_NUMBER)}
