"""One-line adapters for templates."""

from django import template
from django.utils.dateformat import format as date_format
from django.utils.html import format_html, format_html_join

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


def select_html(id_for_label: str, name: str, options, *, has_error: bool = False) -> str:
    """A GOV.UK select of these options (value, label, whether chosen), drawn in one pass rather
    than a template for each option. An error is described by the message printed above it, whose
    id is the select's with "-error"."""
    return format_html(
        '<select class="govuk-select{}" id="{}" name="{}"{}>\n{}\n</select>',
        " govuk-select--error" if has_error else "",
        id_for_label,
        name,
        format_html(' aria-invalid="true" aria-describedby="{}-error"', id_for_label) if has_error else "",
        format_html_join(
            "\n",
            '<option value="{}"{}>{}</option>',
            ((value, " selected" if selected else "", label) for value, label, selected in options),
        ),
    )


@register.simple_tag
def filter_select(field) -> str:
    """One of a filter form's choice fields as a GOV.UK select, its options chosen as Django's
    widget chooses them (`select_options`)."""
    return select_html(
        field.id_for_label, field.html_name, select_options(field), has_error=bool(field.errors)
    )


@register.simple_tag
def as_at_select(choices, as_at) -> str:
    """The dates an index or page can be viewed "as at" (quarter ends, newest first) as a select,
    the one shown chosen."""
    options = [
        (period.end.isoformat(), f"{date_format(period.end, 'j F Y')} ({period.label})", period.end == as_at)
        for period in choices
    ]
    return select_html("id_as_at", "as_at", options)


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
