"""The open actions on an indicator, for pages outside the reports app (the indicator page)."""

from django import template

from reports.access import can_prepare
from reports.actions import open_actions_for

register = template.Library()


@register.simple_tag(takes_context=True)
def open_actions(context, indicator) -> list:
    """This reader's view of the indicator's open and late actions (`reports.actions.open_actions_for`):
    as they stand for officers who prepare reports, as published reports left them for everyone else."""
    request = context["request"]
    return open_actions_for([indicator], request.reader, live=can_prepare(request.user)).get(indicator.pk, [])
