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


@register.filter
def select_options(field) -> list[tuple[str, str, bool]]:
    """A choice field's options as its select widget would print them (value, label, whether
    chosen: the first whose value the field holds), without the widget's dictionary and template
    context for each option: an index view draws the filter form's every option."""
    chosen = field.field.widget.format_value(field.value())
    options, has_chosen = [], False
    for value, label in field.field.choices:
        value = "" if value is None else str(value)
        selected = not has_chosen and value in chosen
        has_chosen |= selected
        options.append((value, label, selected))
    return options
