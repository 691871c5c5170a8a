"""The open actions on an indicator, for pages outside the reports app (the indicator page)."""

from django import template

from reports.actions import open_actions_for

register = template.Library()


@register.simple_tag
def open_actions(indicator, reader) -> list:
    """This reader's view of the indicator's open and late actions (`reports.actions.open_actions_for`)."""
    return open_actions_for([indicator], reader).get(indicator.pk, [])
